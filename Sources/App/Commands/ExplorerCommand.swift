import Data
import Engine
import Foundation
import Terminal

/// `cortexscope [PATH...]`: opens the interactive explorer.
enum ExplorerCommand {
    static func run(_ arguments: [String]) throws -> Int32 {
        var arguments = try Arguments(
            arguments, options: ["baseline", "response", "running-threshold"])
        let settings = try TuningOptions.settings(from: &arguments)
        try arguments.rejectUnknown()
        for path in arguments.positional where path.hasPrefix("-") {
            throw UsageError("unknown option \(path)")
        }

        let environment = ProcessInfo.processInfo.environment
        let searched = arguments.positional.isEmpty
            ? dataPath(environment: environment) : arguments.positional
        let missing = arguments.positional.filter { !FileManager.default.fileExists(atPath: $0) }
        if !missing.isEmpty {
            let commands = Program.commands.map(\.name).joined(separator: ", ")
            throw UsageError(
                "no file, folder or command named \(missing.joined(separator: ", ")); "
                    + "commands: \(commands)")
        }

        let assets = try Assets.locate(environment: environment)
        let keyMap = try assets.keyMap(environment: environment)
        return try MainActor.assumeIsolated {
            try runInteractive(
                searched: searched, settings: settings, assets: assets, keyMap: keyMap,
                environment: environment)
        }
    }

    /// Opens the explorer with no sessions and the screen `makeRoot` builds at the bottom of
    /// the stack (the HDF5 tree of `cortexscope h5`).
    static func runWithRoot(_ makeRoot: @MainActor () -> any Screen) throws -> Int32 {
        let environment = ProcessInfo.processInfo.environment
        let assets = try Assets.locate(environment: environment)
        let keyMap = try assets.keyMap(environment: environment)
        return try MainActor.assumeIsolated {
            try runInteractive(
                searched: [], settings: TuningSettings(), assets: assets, keyMap: keyMap,
                environment: environment, root: makeRoot())
        }
    }

    @MainActor
    private static func runInteractive(
        searched: [String], settings: TuningSettings, assets: Assets, keyMap: KeyMap,
        environment: [String: String], root: (any Screen)? = nil
    ) throws -> Int32 {
        let theme = try themeFromAssets(assets, environment: environment)
        let terminal: TerminalScreen
        do {
            terminal = try TerminalScreen(environment: environment)
        } catch let error as TerminalError {
            throw UsageError("\(error)")
        }
        defer { terminal.restore() }

        let engine = Engine()
        engine.log?.write("explorer started on \(searched.joined(separator: ":"))")
        let store = SessionStore(searchedPaths: searched)
        let stateFolder = EventLog.stateDirectory(environment: environment)
        store.startLoading(
            sessionPaths(searched: searched, stateFolder: stateFolder), engine: engine,
            settings: settings)
        let workspace = Workspace(
            engine: engine, sessions: store, settings: settings,
            stateFolder: stateFolder, dataPaths: searched)
        let explorer = Explorer(
            workspace: workspace, keyMap: keyMap,
            appearance: Appearance(
                theme: theme,
                capabilities: terminal.capabilities),
            root: root)
        ExplorerLoop.run(explorer, on: terminal)
        return 0
    }

    /// The recordings and model files under the searched paths, then the VAE checkpoints
    /// saved under `stateFolder/models` that the searched paths do not already contain.
    static func sessionPaths(searched: [String], stateFolder: String) -> [String] {
        let found = SourceFile.discover(searched)
        let models = (stateFolder as NSString).appendingPathComponent("models")
        let saved = SourceFile.discover([models])
            .filter { $0.lowercased().hasSuffix(".safetensors") && !found.contains($0) }
        return found + saved
    }

    /// The folders of the colon-separated `CORTEXSCOPE_DATA_PATH`, empty entries dropped.
    static func dataPath(environment: [String: String]) -> [String] {
        (environment["CORTEXSCOPE_DATA_PATH"] ?? "")
            .split(separator: ":").map(String.init).filter { !$0.isEmpty }
    }

    /// Loads the theme named by `CORTEXSCOPE_THEME` (default "default") from the assets
    /// folder. Without a default theme file the built-in theme is used. A theme the user
    /// named that is missing or invalid is an error, so a typo does not pass unnoticed.
    static func themeFromAssets(_ assets: Assets, environment: [String: String]) throws
        -> Theme
    {
        let requested = environment["CORTEXSCOPE_THEME"].flatMap { $0.isEmpty ? nil : $0 }
        let name = requested ?? "default"
        let path = "\(assets.folder)/themes/\(name).json"
        guard FileManager.default.fileExists(atPath: path) else {
            if requested == nil { return .default }
            throw UsageError(
                "theme '\(name)' not found: no \(path). Themes: "
                    + Assets.themeNames(in: assets.folder).joined(separator: ", "))
        }
        do {
            return try Theme.load(path: path)
        } catch {
            throw UsageError("\(error)")
        }
    }
}
