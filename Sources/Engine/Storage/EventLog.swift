import Foundation
import Synchronization

/// An append-only log file for errors caught in the background, so that nothing is printed
/// over the screen. Lines are `ISO-8601 time  message`.
public final class EventLog: Sendable {
    public let path: String
    private let handle: Mutex<FileHandle?>

    /// Opens (creating if needed) the log at `path`, creating its folder.
    public init(path: String) {
        self.path = path
        let folder = (path as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(
            atPath: folder, withIntermediateDirectories: true)
        if !FileManager.default.fileExists(atPath: path) {
            _ = FileManager.default.createFile(atPath: path, contents: nil)
        }
        let file = FileHandle(forWritingAtPath: path)
        _ = try? file?.seekToEnd()
        handle = Mutex(file)
    }

    /// The log under `$XDG_STATE_HOME/cortexscope/cortexscope.log`, falling back to
    /// `~/.local/state` as the XDG base directory specification says.
    public static func standard(
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> EventLog {
        EventLog(path: (stateDirectory(environment: environment) as NSString)
            .appendingPathComponent("cortexscope.log"))
    }

    /// `$XDG_STATE_HOME/cortexscope`, or `~/.local/state/cortexscope`.
    public static func stateDirectory(environment: [String: String]) -> String {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            return (state as NSString).appendingPathComponent("cortexscope")
        }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return (home as NSString).appendingPathComponent(".local/state/cortexscope")
    }

    public func write(_ message: String) {
        let stamp = ISO8601DateFormatter().string(from: Date())
        let line = "\(stamp)  \(message)\n"
        handle.withLock { file in
            try? file?.write(contentsOf: Data(line.utf8))
        }
    }
}
