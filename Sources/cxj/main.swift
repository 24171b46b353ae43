import CXJ
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

// The cxj command line: everything happens in `Command.run`, which returns the exit status.
// A failed write to standard output is exit status 2, whatever the command found.
let arguments = Array(CommandLine.arguments.dropFirst())
// A large input file: one allocator arena, chosen before any thread starts (see `AllocationPolicy`).
if let command = arguments.first,
   AllocationPolicy.prefersOneArena(command: command, inputSizes: AllocationPolicy.regularFileSizes(arguments)) {
    AllocationPolicy.useOneArena()
}
let status = Command.run(arguments, terminal: Terminal.system)
if let failure = standardOutputFailure {
    Terminal.system.writeError("error: cannot write to standard output: \(failure)\n")
    exit(2)
}
exit(status)
