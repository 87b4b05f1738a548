import Data
import Engine
import Foundation
import Terminal

/// `cortexscope info PATH...`: what the importers find in files and folders, without the
/// tuning analysis.
enum InfoCommand {
    static let help = """
        Usage: cortexscope info PATH... [--format text|json]

        Lists, for every session found in the files and folders given, its format, units,
        trials, samples per trial, stimulus columns (with their number of distinct values),
        behaviour series, metadata (session_description, subject ...) and warnings, then
        every path that failed to import with the reason.

          --format  text (default) or json

        Exit status: 0 when every path was read, 1 when any failed.
        """

    static func run(_ arguments: [String]) throws -> Int32 {
        var arguments = try Arguments(arguments)
        let format = try arguments.format([.text, .json], default: .text)
        try arguments.rejectUnknown()
        guard !arguments.positional.isEmpty else {
            throw UsageError("info needs at least one file or folder")
        }
        let summary = summarize(paths: arguments.positional)
        switch format {
        case .json: print(try summary.json())
        default: print(summary.text)
        }
        return summary.failures.isEmpty ? 0 : 1
    }

    /// Imports every path, as `ImportSummary.load` does, and returns the summary with all
    /// text from the files sanitised, so neither output can carry terminal escape sequences.
    /// A path that does not exist, or contains nothing an importer reads, is a failure.
    static func summarize(paths: [String]) -> ImportSummary {
        var failures: [ImportSummary.Failure] = []
        for path in paths where !FileManager.default.fileExists(atPath: path) {
            failures.append(.init(path: path, message: "\(path): file or folder not found"))
        }
        let existing = paths.filter { FileManager.default.fileExists(atPath: $0) }
        let found = DatasetLoader.discover(existing)
        if found.isEmpty && !existing.isEmpty {
            failures.append(.init(
                path: existing.joined(separator: ", "),
                message: "no dataset found in \(existing.joined(separator: ", ")); supported: "
                    + DatasetLoader.importers.map(\.formatName).joined(separator: ", ")))
        }
        let results = Engine.concurrentMap(found.count) { index in
            Result { try DatasetLoader.load(path: found[index]) }
        }
        var datasets: [Dataset] = []
        for (path, result) in zip(found, results) {
            switch result {
            case .success(let loaded): datasets += loaded.map(sanitized)
            case .failure(let error):
                failures.append(.init(path: path, message: "\(error)"))
            }
        }
        let cleanFailures = failures.map {
            ImportSummary.Failure(
                path: TextSanitizer.sanitize($0.path), message: TextSanitizer.sanitize($0.message))
        }
        return ImportSummary(datasets: datasets, failures: cleanFailures)
    }

    /// Returns a copy of the dataset with every string the summary shows passed through
    /// `TextSanitizer`.
    static func sanitized(_ dataset: Dataset) -> Dataset {
        let clean = TextSanitizer.sanitize
        var copy = dataset
        copy.name = clean(dataset.name)
        if case .recorded(let path, let format) = dataset.origin {
            copy.origin = .recorded(path: clean(path), format: clean(format))
        }
        copy.metadata = dataset.metadata.map { (clean($0.key), clean($0.value)) }
        copy.warnings = dataset.warnings.map(clean)
        copy.behaviour = dataset.behaviour.map { series in
            var series = series
            series.name = clean(series.name)
            series.unit = clean(series.unit)
            return series
        }
        var table = StimulusTable(rowCount: dataset.trials.rowCount)
        for name in dataset.trials.columnNames {
            guard let column = dataset.trials.column(name) else { continue }
            // Two names that differ only in control characters would merge; keep the first.
            if table.column(clean(name)) == nil {
                try? table.setColumn(clean(name), column)
            }
        }
        copy.trials = table
        return copy
    }
}
