import Foundation

/// A summary of the sessions the importers found under a set of paths: per session its
/// format, units, trials, samples, stimulus columns, behaviour series and metadata, and
/// each path that failed.
/// The `info` command prints it as text (`text`) or JSON (`json()`).
public struct ImportSummary: Codable, Sendable, Equatable {
    /// One stimulus-table column.
    public struct Column: Codable, Sendable, Equatable {
        public let name: String
        /// `numeric` or `text`.
        public let type: String
        /// The number of distinct values (NaN counts once).
        public let distinctValues: Int
    }

    /// One behaviour series.
    public struct Behaviour: Codable, Sendable, Equatable {
        public let name: String
        public let kind: String
        public let unit: String
        public let samplesPerTrial: Int
    }

    /// One imported session.
    public struct Session: Codable, Sendable, Equatable {
        public let name: String
        public let path: String
        public let format: String
        public let units: Int
        public let trials: Int
        public let samplesPerTrial: Int
        /// The first and last sample time (s).
        public let sampleTimeRange: [Double]
        public let hasSpikeTimes: Bool
        public let stimulusColumns: [Column]
        public let behaviour: [Behaviour]
        /// Metadata entries as [key, value] pairs, in the importer's order.
        public let metadata: [[String]]
        public let warnings: [String]
    }

    /// A path whose import failed, with the error message (which names the path).
    public struct Failure: Codable, Sendable, Equatable {
        public let path: String
        public let message: String

        public init(path: String, message: String) {
            self.path = path
            self.message = message
        }
    }

    public let sessions: [Session]
    public let failures: [Failure]

    /// Summarises datasets already loaded.
    public init(datasets: [Dataset], failures: [Failure] = []) {
        sessions = datasets.map(ImportSummary.session)
        self.failures = failures
    }

    /// Finds every readable path under `paths` with `DatasetLoader.discover`, loads each and
    /// summarises the result; a path whose import throws becomes a `Failure`.
    public static func load(paths: [String]) -> ImportSummary {
        var datasets: [Dataset] = []
        var failures: [Failure] = []
        for path in DatasetLoader.discover(paths) {
            do {
                datasets += try DatasetLoader.load(path: path)
            } catch {
                failures.append(Failure(path: path, message: String(describing: error)))
            }
        }
        return ImportSummary(datasets: datasets, failures: failures)
    }

    static func session(_ dataset: Dataset) -> Session {
        let (path, format): (String, String)
        switch dataset.origin {
        case .recorded(let recordedPath, let recordedFormat):
            (path, format) = (recordedPath, recordedFormat)
        case .simulated(let model, let protocolName):
            (path, format) = (model, protocolName)
        }
        let columns = dataset.trials.columnNames.compactMap { name -> Column? in
            switch dataset.trials.column(name) {
            case .numeric(let values)?:
                let distinct = Set(values.filter { !$0.isNaN }).count
                let missing = values.contains { $0.isNaN } ? 1 : 0
                return Column(name: name, type: "numeric", distinctValues: distinct + missing)
            case .text(let values)?:
                return Column(name: name, type: "text", distinctValues: Set(values).count)
            case nil:
                return nil
            }
        }
        let behaviour = dataset.behaviour.map {
            Behaviour(
                name: $0.name, kind: $0.kind.rawValue, unit: $0.unit, samplesPerTrial: $0.samples)
        }
        let times = dataset.sampleTimes
        return Session(
            name: dataset.name, path: path, format: format, units: dataset.unitCount,
            trials: dataset.trialCount, samplesPerTrial: dataset.sampleCount,
            sampleTimeRange: times.isEmpty ? [] : [times[0], times[times.count - 1]],
            hasSpikeTimes: dataset.spikeTimes != nil, stimulusColumns: columns,
            behaviour: behaviour, metadata: dataset.metadata.map { [$0.key, $0.value] },
            warnings: dataset.warnings)
    }

    /// The summary as indented plain text, one block per session.
    public var text: String {
        var lines: [String] = []
        for session in sessions {
            lines.append("\(session.name)  [\(session.format)]  \(session.path)")
            lines.append(
                "  units \(session.units), trials \(session.trials), samples per trial "
                    + "\(session.samplesPerTrial)"
                    + (session.sampleTimeRange.count == 2
                        ? " (\(session.sampleTimeRange[0]) to \(session.sampleTimeRange[1]) s)"
                        : "")
                    + (session.hasSpikeTimes ? ", spike times" : ""))
            let columns = session.stimulusColumns.map {
                "\($0.name) (\($0.type), \($0.distinctValues) values)"
            }
            let columnText = columns.isEmpty ? "none" : columns.joined(separator: ", ")
            lines.append("  stimulus: " + columnText)
            let behaviour = session.behaviour.map { "\($0.name) (\($0.kind))" }
            let behaviourText = behaviour.isEmpty ? "none" : behaviour.joined(separator: ", ")
            lines.append("  behaviour: " + behaviourText)
            for entry in session.metadata where entry.count == 2 {
                lines.append("  \(entry[0]): \(entry[1])")
            }
            for warning in session.warnings { lines.append("  warning: \(warning)") }
        }
        for failure in failures {
            lines.append("failed: \(failure.message)")
        }
        return lines.joined(separator: "\n")
    }

    /// Encodes the summary as pretty-printed JSON with sorted keys.
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        // snake_case keys, like the other commands' JSON (`preferred_direction`).
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }
}
