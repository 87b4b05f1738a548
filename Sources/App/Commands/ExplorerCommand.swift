import Data
import Engine
import Foundation
import Terminal

/// `cortexscope [PATH...]`: opens the interactive explorer.
enum ExplorerCommand {
    static func run(_ arguments: [String]) throws -> Int32 {
        var arguments = try Arguments(arguments)
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
            throw UsageError("not found: \(missing.joined(separator: ", "))")
        }

        let assets = try Assets.locate(environment: environment)
        let keyMap = try assets.keyMap(environment: environment)
        return try MainActor.assumeIsolated {
            try runInteractive(
                searched: searched, settings: settings, assets: assets, keyMap: keyMap,
                environment: environment)
        }
    }

    @MainActor
    private static func runInteractive(
        searched: [String], settings: TuningSettings, assets: Assets, keyMap: KeyMap,
        environment: [String: String]
    ) throws -> Int32 {
        let terminal: TerminalScreen
        do {
            terminal = try TerminalScreen(environment: environment)
        } catch let error as TerminalError {
            throw UsageError(
                "\(error). The explorer needs an interactive terminal; for text output use "
                    + "'cortexscope tuning PATH... --format text'")
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
                theme: themeFromAssets(assets, environment: environment),
                capabilities: terminal.capabilities))
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

    /// The theme named by `CORTEXSCOPE_THEME` (default "default") from the assets folder,
    /// or the built-in theme when the file is absent or invalid.
    static func themeFromAssets(_ assets: Assets, environment: [String: String]) -> Theme {
        let name = environment["CORTEXSCOPE_THEME"] ?? "default"
        guard let text = assets.themeText(named: name),
            let theme = try? Theme.parse(json: Data(text.utf8))
        else { return .default }
        return theme
    }
}
