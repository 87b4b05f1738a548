import Engine
import Foundation

/// Finds the files the explorer reads at run time (the key map, colour themes).
///
/// Searched in order: `$CORTEXSCOPE_ASSETS`; an `assets` folder beside the executable or
/// above it (a build tree: `.build/release/cortexscope` finds the checkout's `assets/`);
/// `../share/cortexscope` beside the executable's folder (an install under a prefix).
/// A user's own key map in `$XDG_CONFIG_HOME/cortexscope/keymap.txt` (or
/// `~/.config/cortexscope/keymap.txt`) replaces the default one.
public struct Assets: Sendable {
    public let folder: String

    public init(folder: String) {
        self.folder = folder
    }

    /// Locates the assets folder, or throws with the places searched.
    public static func locate(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        executable: String = CommandLine.arguments.first ?? ""
    ) throws -> Assets {
        var candidates: [String] = []
        if let explicit = environment["CORTEXSCOPE_ASSETS"], !explicit.isEmpty {
            candidates.append(explicit)
        }
        let folders = ExecutableFolders.ancestors(of: executable, levels: 6)
        candidates += folders.map { $0.appendingPathComponent("assets").path }
        candidates.append(folders[1].appendingPathComponent("share/cortexscope").path)

        for candidate in candidates
        where FileManager.default.fileExists(atPath: candidate + "/keymap.txt") {
            return Assets(folder: candidate)
        }
        throw AssetsError(searched: candidates)
    }

    /// The key map: the user's own when one exists, else the default.
    public func keyMap(environment: [String: String] = ProcessInfo.processInfo.environment)
        throws -> KeyMap
    {
        let configHome = environment["XDG_CONFIG_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil }
            ?? ((environment["HOME"] ?? NSHomeDirectory()) + "/.config")
        let userPath = configHome + "/cortexscope/keymap.txt"
        let path = FileManager.default.fileExists(atPath: userPath)
            ? userPath : folder + "/keymap.txt"
        guard let data = FileManager.default.contents(atPath: path),
            let text = String(data: data, encoding: .utf8)
        else {
            throw UsageError("\(path): the key map cannot be read as UTF-8 text")
        }
        do {
            return try KeyMap(text: text)
        } catch let error as KeyMapError {
            throw UsageError("\(path): \(error)")
        }
    }

    /// Lists the theme names in `FOLDER/themes`, sorted.
    public static func themeNames(in folder: String) -> [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder + "/themes"))
            ?? []
        return files.filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.sorted()
    }
}

/// Raised when no assets folder is found.
public struct AssetsError: Error, CustomStringConvertible {
    public let searched: [String]

    public var description: String {
        "the assets folder (keymap.txt, themes/) was not found; searched "
            + searched.joined(separator: ", ")
            + ". Set CORTEXSCOPE_ASSETS to the checkout's assets folder."
    }
}
