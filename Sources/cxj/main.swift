#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

#if canImport(Glibc)
// Memory: blocks of a megabyte or more are always mapped on their own, so that freeing one
// gives its pages back. By default glibc raises this threshold to the size of each such block
// freed (up to 32 MB), after which large arrays of a helper thread come from its arena and
// stay in the process's memory once freed.
_ = setMallocOption(-3, 128 << 10) // M_MMAP_THRESHOLD
#endif

// The cxj command line: everything happens in `Command.run`, which returns the exit status.
// A failed write to standard output is exit status 2, whatever the command found.
let status = Command.run(Array(CommandLine.arguments.dropFirst()), terminal: Terminal.system)
if let failure = standardOutputFailure {
    Terminal.system.writeError("error: cannot write to standard output: \(failure)\n")
    exit(2)
}
exit(status)

#if canImport(Glibc)
/// glibc's `mallopt`, which the Glibc module does not import.
@_silgen_name("mallopt")
func setMallocOption(_ parameter: Int32, _ value: Int32) -> Int32
#endif
