#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a program found on `PATH` with standard input from `/dev/null`, and collects what it
/// writes to standard output and standard error.
///
/// Written on `posix_spawnp` and `poll` rather than Foundation's `Process`, so that the
/// executable does not load Foundation: loading it cost every run of `cxj` about 7 ms of
/// start-up, which dominated checking many small files.
enum ChildProcess {
    struct Output {
        var status: Int32
        var standardOutput: [UInt8]
        var standardError: [UInt8]
    }

    struct Failure: Error {
        var reason: String
    }

    static func run(_ arguments: [String]) throws(Failure) -> Output {
        precondition(!arguments.isEmpty, "a program to run")
        var outPipe: [Int32] = [-1, -1]
        var errPipe: [Int32] = [-1, -1]
        guard pipe(&outPipe) == 0 else { throw Failure(reason: systemError()) }
        guard pipe(&errPipe) == 0 else {
            close(outPipe[0]); close(outPipe[1])
            throw Failure(reason: systemError())
        }
        // Only the child's standard output and error may hold the pipes' write ends.
        for fd in outPipe + errPipe { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var child: pid_t = 0
        let spawned = posix_spawnp(&child, arguments[0], &actions, nil, argv, environ)
        close(outPipe[1])
        close(errPipe[1])
        guard spawned == 0 else {
            close(outPipe[0]); close(errPipe[0])
            throw Failure(reason: String(cString: strerror(spawned)))
        }
        var output = Output(status: -1, standardOutput: [], standardError: [])
        drain(outPipe[0], errPipe[0], into: &output)
        var status: Int32 = 0
        while waitpid(child, &status, 0) < 0 && errno == EINTR {}
        // WIFEXITED / WEXITSTATUS, which Swift does not import as functions.
        output.status = status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        return output
    }

    /// Reads both pipes until both are closed, whichever the child fills first, so that a
    /// child writing much to standard error cannot block on a full pipe.
    private static func drain(_ out: Int32, _ err: Int32, into output: inout Output) {
        var fds = [pollfd(fd: out, events: Int16(POLLIN), revents: 0), pollfd(fd: err, events: Int16(POLLIN), revents: 0)]
        var buffer = [UInt8](repeating: 0, count: 65_536)
        var open = 2
        while open > 0 {
            if poll(&fds, 2, -1) < 0 {
                if errno == EINTR { continue }
                break
            }
            for slot in 0..<2 where fds[slot].fd >= 0 && fds[slot].revents != 0 {
                let count = buffer.withUnsafeMutableBytes { read(fds[slot].fd, $0.baseAddress, $0.count) }
                if count > 0 {
                    if slot == 0 {
                        output.standardOutput.append(contentsOf: buffer[0..<count])
                    } else {
                        output.standardError.append(contentsOf: buffer[0..<count])
                    }
                } else if count == 0 || errno != EINTR {
                    close(fds[slot].fd)
                    fds[slot].fd = -1
                    open -= 1
                }
            }
        }
        for slot in 0..<2 where fds[slot].fd >= 0 { close(fds[slot].fd) }
    }

    private static func systemError() -> String {
        String(cString: strerror(errno))
    }
}
