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
// A large file to format: huge pages for the allocator's heap, which glibc reads only at start-up,
// so this executable starts again with them (see `HugePageHeap`; returns when it need not or
// cannot), and for a command that lowers what it parses, one allocator arena, chosen before
// any thread starts (see `AllocationPolicy`).
if let command = arguments.first {
    let inputs = AllocationPolicy.inputs(arguments)
    let sizes = inputs.sizes
    // Huge pages only where fresh ones are cheap to back (see `AllocationPolicy.usesHugePages`;
    // the machine is looked at only when a run could use them). The variable is read without a
    // closure: a closure in this file's top-level code, which is the main actor's, linked the
    // concurrency runtime in, 370 KB of code.
    AllocationPolicy.chooseHugePages(variable: getenv("CXJ_HUGE_PAGES"))
    if HugePageHeap.isWorthwhile(command: command, inputSizes: sizes) && AllocationPolicy.hugePagesEnabled {
        HugePageHeap.restartWithHugePages()
    }
    if AllocationPolicy.padsHeaps(command: command, inputSizes: sizes) {
        let advises = AllocationPolicy.advisesHugePages(inputSizes: sizes, namesDirectory: inputs.namesDirectory)
        AllocationPolicy.padHeaps(advisingHugePages: advises && AllocationPolicy.hugePagesEnabled)
    }
    if AllocationPolicy.prefersOneArena(command: command, inputSizes: sizes) { AllocationPolicy.useOneArena() }
    if !AllocationPolicy.releasesJoinedMemory(command: command) { AllocationPolicy.keepJoinedMemory() }
    if AllocationPolicy.treeReleasingCommands.contains(command) { StatementRelease.enable() }
    // After the allocator's options, which a thread's heap takes when it is made.
    if AllocationPolicy.batchCommands.contains(command) {
        Parallel.startWorkers(spinning: AllocationPolicy.padsHeaps(command: command, inputSizes: sizes))
    }
}
let status = Command.run(arguments, terminal: Terminal.system)
if let failure = standardOutputFailure {
    Terminal.system.writeError("error: cannot write to standard output: \(failure)\n")
    exit(2)
}
exit(status)
