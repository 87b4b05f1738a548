import Foundation
import XCTest

/// A tmux server of its own (its own socket) running one command in a window of a given
/// size, so the tests drive the real binary as a person at a terminal would.
final class TmuxSession {
    let socket: String
    let folder: String
    private(set) var isRunning = false

    /// The package's root folder, found from this file's path.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .path

    /// The debug binary that `swift build` made for the tests.
    static var binary: String? {
        let candidates = [".build/debug/cortexscope", ".build/release/cortexscope"]
            .map { packageRoot + "/" + $0 }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static var tmuxAvailable: Bool {
        FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux")
    }

    /// Starts `arguments` under a shell that records the exit status and the terminal
    /// settings after the program ends, then waits.
    init(arguments: [String], width: Int = 80, height: Int = 24,
         environment: [String: String] = [:]) throws {
        folder = NSTemporaryDirectory() + "cortexscope-e2e-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        socket = folder + "/tmux.sock"

        var variables = [
            "SWIFT_BACKTRACE": "interactive=no",
            "NCURSES_NO_UTF8_ACS": "1",
            "XDG_STATE_HOME": folder + "/state",
            "XDG_CONFIG_HOME": folder + "/config",
            "LANG": "C.UTF-8",
            "LC_ALL": "C.UTF-8",
            "TERM": "xterm-256color",
        ]
        variables.merge(environment) { $1 }
        let assignments = variables.sorted { $0.key < $1.key }
            .map { "\($0.key)=\(Self.quote($0.value))" }.joined(separator: " ")
        let command = arguments.map(Self.quote).joined(separator: " ")
        // `swift test` sets NO_COLOR=1 for test processes, so the wrapper removes it and a
        // test that wants it passes it in `environment`.
        // The wrapper shell traps SIGINT with a handler (not an ignore, which the program would
        // inherit), so Ctrl-C reaches the program and the wrapper lives on to record the exit.
        let script = """
            trap 'true' INT
            env -u NO_COLOR -u COLORTERM \(assignments) sh -c 'echo $$ > \(folder)/pid; exec \(command)'
            echo "EXIT:$?" > \(folder)/exit
            stty -a > \(folder)/stty 2>&1
            echo DONE
            sleep 600
            """
        try script.write(toFile: folder + "/run.sh", atomically: true, encoding: .utf8)
        try tmux(["new-session", "-d", "-s", "e2e", "-x", "\(width)", "-y", "\(height)",
                  "sh " + folder + "/run.sh"])
        isRunning = true
    }

    deinit {
        if isRunning { _ = try? tmux(["kill-server"]) }
        try? FileManager.default.removeItem(atPath: folder)
    }

    static func quote(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// Runs one tmux command against this session's server and returns its output.
    ///
    /// The command runs through posix_spawn and waitpid rather than Foundation's Process,
    /// whose wait did not return here once `new-session` had started the tmux server. The
    /// output goes through a file, since the server would keep a pipe open.
    @discardableResult
    func tmux(_ arguments: [String]) throws -> String {
        let outputPath = folder + "/tmux-output-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: outputPath) }
        let command = (["/usr/bin/tmux", "-S", socket, "-f", "/dev/null"] + arguments)
            .map(Self.quote).joined(separator: " ")
        let status = Self.runShell("\(command) >\(Self.quote(outputPath)) 2>&1 </dev/null")
        let output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        if status != 0 && arguments.first != "kill-server" {
            throw TmuxError(arguments: arguments, status: status, output: output)
        }
        return output
    }

    /// Runs `/bin/sh -c command` and returns its exit status.
    static func runShell(_ command: String) -> Int32 {
        var pid: pid_t = 0
        let words: [String] = ["/bin/sh", "-c", command]
        let argv: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        guard posix_spawn(&pid, "/bin/sh", nil, nil, argv, environ) == 0 else { return -1 }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        return (status >> 8) & 0xFF
    }

    /// Returns the visible text of the pane.
    func capture() throws -> String {
        try tmux(["capture-pane", "-p", "-t", "e2e"])
    }

    /// Returns the pane's text with colour escape sequences kept.
    func captureWithColours() throws -> String {
        try tmux(["capture-pane", "-p", "-e", "-t", "e2e"])
    }

    func send(_ keys: String...) throws {
        try tmux(["send-keys", "-t", "e2e"] + keys)
    }

    func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", "e2e", "-x", "\(width)", "-y", "\(height)"])
    }

    /// Polls the pane until `condition` is true on two captures 50 ms apart that are
    /// equal, so a capture taken while the program is still repainting does not count.
    /// Returns the last capture either way, so the assertion can show it.
    @discardableResult
    func waitFor(timeout: TimeInterval = 30, _ condition: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var previous: String?
        var screen = try capture()
        while Date() < deadline {
            if condition(screen) && screen == previous { return screen }
            previous = condition(screen) ? screen : nil
            Thread.sleep(forTimeInterval: 0.05)
            screen = try capture()
        }
        return screen
    }

    func waitFor(text: String, timeout: TimeInterval = 30) throws -> String {
        try waitFor(timeout: timeout) { $0.contains(text) }
    }

    /// The program's process id, once the wrapper has written it.
    func programPID() throws -> Int32? {
        let text = try? String(contentsOfFile: folder + "/pid", encoding: .utf8)
        return text.flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }

    /// Waits for the program to end and returns its exit status and the terminal settings
    /// read after it.
    func waitForExit(timeout: TimeInterval = 20) throws -> (status: Int?, stty: String) {
        _ = try waitFor(text: "DONE", timeout: timeout)
        let exit = (try? String(contentsOfFile: folder + "/exit", encoding: .utf8)) ?? ""
        let status = Int(exit.replacingOccurrences(of: "EXIT:", with: "")
            .trimmingCharacters(in: .whitespacesAndNewlines))
        let stty = (try? String(contentsOfFile: folder + "/stty", encoding: .utf8)) ?? ""
        return (status, stty)
    }
}

/// A tmux command that failed, with what tmux printed.
struct TmuxError: Error, CustomStringConvertible {
    let arguments: [String]
    let status: Int32
    let output: String

    var description: String {
        "tmux \(arguments.joined(separator: " ")) exited with \(status): \(output)"
    }
}
