import Data
import Foundation

/// A dataset with its tuning analysis, as the screens and headless commands use it.
public struct Session: Sendable {
    public var dataset: Dataset
    /// The tuning analysis, or nil when it failed (see `analysisError`).
    public var report: TuningReport?
    /// Why the analysis failed (for example no direction column), shown in the sessions list.
    public var analysisError: String?

    public init(dataset: Dataset, report: TuningReport?, analysisError: String?) {
        self.dataset = dataset
        self.report = report
        self.analysisError = analysisError
    }
}

/// Loads files into sessions. The explorer runs one job per file on the engine; headless
/// commands call the same functions directly, so both show the same numbers.
public enum SessionLoader {
    /// Reads every session in one file or folder layout and analyses each.
    /// A model file (see `SourceFile`) gives one simulated session of the grating experiment.
    public static func load(path: String, settings: TuningSettings) throws -> [Session] {
        if let source = try SourceFile.recognise(path: path), source.isModel {
            return [try SimulatedSessions.gratings(source: source, settings: settings)]
        }
        return try DatasetLoader.load(path: path).map { analyse($0, settings: settings) }
    }

    /// Runs the tuning analysis; a dataset the analysis rejects keeps the error beside it.
    public static func analyse(_ dataset: Dataset, settings: TuningSettings) -> Session {
        do {
            let report = try TuningReport.compute(for: dataset, settings: settings)
            return Session(dataset: dataset, report: report, analysisError: nil)
        } catch {
            return Session(dataset: dataset, report: nil, analysisError: "\(error)")
        }
    }
}

extension Engine {
    /// Starts one loading job per path and returns their handles in path order.
    public func loadSessions(paths: [String], settings: TuningSettings) -> [Job<[Session]>] {
        paths.map { path in
            let name = (path as NSString).lastPathComponent
            return submit("load \(name)") { context in
                context.report(fraction: 0, "reading \(name)")
                try context.checkCancellation()
                let sessions = try SessionLoader.load(path: path, settings: settings)
                context.report(fraction: 1, "loaded \(name)")
                return sessions
            }
        }
    }
}
