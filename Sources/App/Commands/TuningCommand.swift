import Data
import Engine
import Foundation
import Terminal

/// `cortexscope tuning PATH...`: the neuron table of every session, without a terminal.
enum TuningCommand {
    static let help = """
        Usage: cortexscope tuning PATH... [--format json|tsv|text]
                                  [--baseline START,STOP] [--response START,STOP]
                                  [--running-threshold SPEED]

        Prints each neuron's direction tuning (mean, SEM and n per direction) and its
        selectivity indices for every session found in the files and folders given.

          --format             json (default), tsv or text
          --baseline           baseline window in seconds from stimulus onset,
                               default -1,0
          --response           response window in seconds, default 0,2
          --running-threshold  mean running speed above which a trial counts as
                               running, in the session's speed units
        """

    static func run(_ arguments: [String]) throws -> Int32 {
        var arguments = try Arguments(arguments)
        let format = try arguments.format([.json, .tsv, .text], default: .json)
        let settings = try TuningOptions.settings(from: &arguments)
        try arguments.rejectUnknown()
        guard !arguments.positional.isEmpty else {
            throw UsageError("tuning needs at least one file or folder")
        }

        let (sessions, failures) = HeadlessLoading.sessions(from: arguments.positional,
                                                            settings: settings)
        switch format {
        case .json: print(json(sessions).serialized())
        case .tsv: print(tsv(sessions), terminator: "")
        case .text: print(TuningText.table(sessions), terminator: "")
        }
        for failure in failures { printError(failure) }
        let analysisFailed = reportAnalysisProblems(sessions, format: format)
        return failures.isEmpty && !analysisFailed ? 0 : 1
    }

    /// Prints each failed analysis to standard error, and for text and TSV output each
    /// warning too (JSON carries them in `warnings`). Returns true when an analysis failed.
    static func reportAnalysisProblems(_ sessions: [Session], format: OutputFormat) -> Bool {
        var analysisFailed = false
        for session in sessions {
            if let error = session.analysisError {
                printError("\(session.dataset.name): \(error)")
                analysisFailed = true
            } else if format != .json {
                let warnings = session.dataset.warnings + (session.report?.warnings ?? [])
                for warning in warnings {
                    printWarning("\(session.dataset.name): \(warning)")
                }
            }
        }
        return analysisFailed
    }

    /// The `tuning` JSON layout: `{"datasets": [{"name", "directions", "neurons": [...]}]}`.
    static func json(_ sessions: [Session]) -> JSONValue {
        .object([("datasets", .array(sessions.map(datasetJSON)))])
    }

    static func datasetJSON(_ session: Session) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("name", .string(session.dataset.name)),
            ("simulated", .bool(session.dataset.origin.isSimulated)),
        ]
        guard let report = session.report else {
            members.append(("error", .string(session.analysisError ?? "analysis failed")))
            return .object(members)
        }
        members.append(("directions", .numbers(report.directions)))
        members.append(("neurons", .array(report.neurons.map(neuronJSON))))
        let warnings = session.dataset.warnings + report.warnings
        if !warnings.isEmpty {
            members.append(("warnings", .array(warnings.map { .string($0) })))
        }
        return .object(members)
    }

    static func neuronJSON(_ neuron: NeuronTuning) -> JSONValue {
        .object([
            ("id", .string(neuron.id)),
            ("mean", .array(neuron.mean.map(JSONValue.optional))),
            ("sem", .array(neuron.sem.map(JSONValue.optional))),
            ("n", .array(neuron.n.map { .number(Double($0)) })),
            ("preferred_direction", .optional(neuron.preferredDirection)),
            ("osi", .optional(neuron.osi)),
            ("dsi", .optional(neuron.dsi)),
            ("global_osi", .optional(neuron.globalOSI)),
            ("global_dsi", .optional(neuron.globalDSI)),
            ("reliability", .optional(neuron.reliability)),
            ("running_modulation", .optional(neuron.runningModulation)),
            ("pupil_modulation", .optional(neuron.pupilModulation)),
            ("fano_factor", .optional(neuron.fanoFactor)),
        ])
    }

    /// One row per neuron; a header row starts each run of sessions with the same directions.
    static func tsv(_ sessions: [Session]) -> String {
        var output = ""
        var lastDirections: [Double]?
        for session in sessions {
            guard let report = session.report else { continue }
            if report.directions != lastDirections {
                let perDirection = report.directions.flatMap { direction in
                    let label = JSONValue.format(direction)
                    return ["mean_\(label)", "sem_\(label)", "n_\(label)"]
                }
                let header = ["dataset", "neuron", "preferred_direction", "osi", "dsi",
                              "global_osi", "global_dsi", "reliability", "running_modulation",
                              "pupil_modulation", "fano_factor"] + perDirection
                output += header.joined(separator: "\t") + "\n"
                lastDirections = report.directions
            }
            for neuron in report.neurons {
                var cells = [tsvText(session.dataset.name), tsvText(neuron.id)]
                cells += [neuron.preferredDirection, neuron.osi, neuron.dsi, neuron.globalOSI,
                          neuron.globalDSI, neuron.reliability, neuron.runningModulation,
                          neuron.pupilModulation, neuron.fanoFactor].map(tsvNumber)
                for index in report.directions.indices {
                    cells += [tsvNumber(neuron.mean[index]), tsvNumber(neuron.sem[index]),
                              String(neuron.n[index])]
                }
                output += cells.joined(separator: "\t") + "\n"
            }
        }
        return output
    }

    /// Text from a data file with control characters (tabs and newlines among them) removed,
    /// so a cell cannot break the table.
    static func tsvText(_ text: String) -> String {
        TextSanitizer.sanitize(text)
    }

    static func tsvNumber(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "NA" }
        return JSONValue.format(value)
    }
}

/// Options shared by every command that runs the tuning analysis.
enum TuningOptions {
    static func settings(from arguments: inout Arguments) throws -> TuningSettings {
        var settings = TuningSettings()
        if let (start, end) = try arguments.window("baseline") {
            settings.windows.baselineStart = start
            settings.windows.baselineEnd = end
        }
        if let (start, end) = try arguments.window("response") {
            settings.windows.responseStart = start
            settings.windows.responseEnd = end
        }
        if let threshold = try arguments.numbers("running-threshold") {
            guard threshold.count == 1 else {
                throw UsageError("--running-threshold takes one number")
            }
            settings.runningThreshold = threshold[0]
        }
        return settings
    }
}

/// Loading for headless commands: every path in order, failures collected as messages.
enum HeadlessLoading {
    static func sessions(from paths: [String], settings: TuningSettings)
        -> (sessions: [Session], failures: [String])
    {
        var sessions: [Session] = []
        var failures: [String] = []
        for path in paths where !FileManager.default.fileExists(atPath: path) {
            failures.append("\(path): file or folder not found")
        }
        let found = SourceFile.discover(paths)
        let existing = paths.filter { FileManager.default.fileExists(atPath: $0) }
        if found.isEmpty && !existing.isEmpty {
            failures.append(
                "no dataset found in \(existing.joined(separator: ", ")); supported: "
                    + DatasetLoader.importers.map(\.formatName).joined(separator: ", "))
        }
        let results = Engine.concurrentMap(found.count) { index in
            Result { try SessionLoader.load(path: found[index], settings: settings) }
        }
        for result in results {
            switch result {
            case .success(let loaded): sessions += loaded
            case .failure(let error): failures.append("\(error)")
            }
        }
        return (sessions, failures)
    }
}
