#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

// The cxj command line: everything happens in `Command.run`, which returns the exit status.
exit(Command.run(Array(CommandLine.arguments.dropFirst()), terminal: Terminal.system))
