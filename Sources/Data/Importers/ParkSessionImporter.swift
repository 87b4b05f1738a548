import Foundation

/// Reads one imaging session in the layout of Park et al. 2024 (mouse V1, drifting gratings):
/// a MATLAB file with `D.neuron1...`, `D.speed`, `D.pupil_zscore`, `TE.direction` and `t`.
///
/// Layout: struct `D` has one field per neuron (`neuron1` ... `neuronN`), each a 1 x trials
/// cell of samples x 1 double traces, plus `speed` and `pupil_zscore` of the same shape.
/// Struct `TE` has `direction` (degrees, 1 x trials), `nTrials` and `dt` (seconds). `t` is
/// the vector of sample times in seconds relative to stimulus onset.
///
/// A neuron whose trial count differs from the length of `TE.direction`, or whose sample
/// count differs from the length of `t`, is dropped with a warning.
/// NaN samples are kept and reported in `Dataset.warnings`.
public struct ParkSessionImporter: DatasetImporter {
    public let formatName = "park2024-mat"

    /// The layout, as listed in `DataError.unknownLayout` when a file does not match.
    public static let expectedLayout =
        "struct D with fields neuron1...neuronN, speed and pupil_zscore (1 x trials cells of "
        + "samples x 1 traces), struct TE with field direction (1 x trials, degrees), and t "
        + "(1 x samples, seconds)"

    public init() {}

    /// Returns true for a `.mat` extension; the layout is checked only by `read`.
    public func canRead(path: String) -> Bool {
        path.lowercased().hasSuffix(".mat")
    }

    /// Reads the session. Throws `DataError.unreadable` for a missing, truncated or corrupt
    /// file, `DataError.unknownLayout` for a MAT file of another layout and
    /// `DataError.shapeMismatch` when the trial or sample counts disagree between variables.
    public func read(path: String) throws -> [Dataset] {
        let file = try MATFile(path: path)
        let elementCount = try file.checkComplete()
        let variables = try file.readAllVariables()
        if let elementCount, variables.count < elementCount {
            throw DataError.unreadable(
                path: path,
                reason: "only \(variables.count) of \(elementCount) variables could be read, "
                    + "so the file is damaged; copy or download it again")
        }

        let names = variables.map(\.name)
        let layoutError = DataError.unknownLayout(
            path: path, found: names, expected: Self.expectedLayout)
        let byName = Dictionary(variables, uniquingKeysWith: { first, _ in first })
        guard case .structure(_, let fieldNames, let elements) = byName["D"],
            elements.count == 1,
            let trialEvents = byName["TE"],
            let directions = trialEvents["direction"]?.numbers,
            let sampleTimes = byName["t"]?.numbers
        else {
            throw layoutError
        }
        let fields = elements[0]
        let neuronNames = Self.sortedNeuronNames(fieldNames)
        guard !neuronNames.isEmpty else { throw layoutError }

        let trialCount = directions.count
        let sampleCount = sampleTimes.count
        var warnings: [String] = []
        if let declared = trialEvents["nTrials"]?.scalar, declared != Double(trialCount) {
            warnings.append(
                "TE.nTrials is \(declared) but TE.direction has \(trialCount) values; "
                    + "using \(trialCount) trials")
        }

        var unitIDs: [String] = []
        var values: [Double] = []
        values.reserveCapacity(neuronNames.count * trialCount * sampleCount)
        var nanUnits: [String] = []
        for name in neuronNames {
            guard let field = fields[name] else { continue }
            switch Self.traces(field, trials: trialCount, samples: sampleCount) {
            case .success(let traces):
                if traces.contains(where: \.isNaN) { nanUnits.append(name) }
                unitIDs.append(name)
                values += traces
            case .failure(let problem):
                warnings.append("\(name) dropped: \(problem)")
            }
        }
        guard !unitIDs.isEmpty else {
            throw DataError.shapeMismatch(
                "\(path): no neuron has \(trialCount) trials of \(sampleCount) samples "
                    + "(the lengths of TE.direction and t). \(warnings.joined(separator: "; "))")
        }
        if !nanUnits.isEmpty {
            warnings.append(
                "NaN samples in \(nanUnits.count) neuron(s): "
                    + nanUnits.prefix(10).joined(separator: ", ")
                    + (nanUnits.count > 10 ? ", ..." : "")
                    + "; the analysis ignores NaN samples")
        }

        var trials = StimulusTable(rowCount: trialCount)
        try trials.setColumn(StimulusTable.direction, .numeric(directions))
        let behaviour = try readBehaviour(
            fields, trials: trialCount, samples: sampleCount, warnings: &warnings)

        var metadata: [(key: String, value: String)] = [("source", "Park et al. 2024")]
        if let dt = trialEvents["dt"]?.scalar {
            metadata.append(("sample interval (s)", String(dt)))
        }

        let dataset = Dataset(
            name: Self.sessionName(path),
            origin: .recorded(path: path, format: formatName),
            unitIDs: unitIDs,
            activity: ResponseArray(
                units: unitIDs.count, trials: trialCount, samples: sampleCount, values: values),
            sampleTimes: sampleTimes,
            trials: trials,
            behaviour: behaviour,
            metadata: metadata,
            warnings: warnings)
        return [dataset]
    }

    /// Reads `D.speed` and `D.pupil_zscore`; one that is absent or misshapen becomes a warning.
    private func readBehaviour(
        _ fields: [String: MATValue], trials: Int, samples: Int, warnings: inout [String]
    ) throws -> [BehaviourSeries] {
        let variables: [(name: String, kind: BehaviourSeries.Kind, unit: String)] = [
            ("speed", .runningSpeed, "scaled 0..1"),
            ("pupil_zscore", .pupil, "scaled 0..1"),
        ]
        var series: [BehaviourSeries] = []
        for variable in variables {
            guard let field = fields[variable.name] else {
                warnings.append("D.\(variable.name) is missing")
                continue
            }
            switch Self.traces(field, trials: trials, samples: samples) {
            case .success(let values):
                series.append(
                    BehaviourSeries(
                        name: variable.name, kind: variable.kind, unit: variable.unit,
                        trials: trials, samples: samples, values: values))
            case .failure(let problem):
                warnings.append("D.\(variable.name) ignored: \(problem)")
            }
        }
        return series
    }

    /// A problem with one neuron's or behaviour variable's cell array, in words.
    struct LayoutProblem: Error, CustomStringConvertible {
        let description: String
    }

    /// Flattens a 1 x trials cell of samples-long vectors into trial-major values.
    static func traces(_ value: MATValue, trials: Int, samples: Int)
        -> Result<[Double], LayoutProblem>
    {
        guard case .cell(_, let cells) = value else {
            return .failure(LayoutProblem(description: "is a \(value.className), not a cell"))
        }
        guard cells.count == trials else {
            return .failure(
                LayoutProblem(description: "has \(cells.count) trials, expected \(trials)"))
        }
        var values: [Double] = []
        values.reserveCapacity(trials * samples)
        for (trial, cell) in cells.enumerated() {
            guard let trace = cell.numbers else {
                return .failure(
                    LayoutProblem(description: "trial \(trial + 1) is a \(cell.className)"))
            }
            guard trace.count == samples else {
                return .failure(
                    LayoutProblem(
                        description: "trial \(trial + 1) has \(trace.count) samples, "
                            + "expected \(samples)"))
            }
            values += trace
        }
        return .success(values)
    }

    /// Returns the `neuron<k>` field names in numeric order of k (`neuron2` before `neuron10`).
    static func sortedNeuronNames(_ names: [String]) -> [String] {
        let numbered = names.compactMap { name -> (Int, String)? in
            guard name.hasPrefix("neuron"), let number = Int(name.dropFirst(6)) else {
                return nil
            }
            return (number, name)
        }
        return numbered.sorted { $0.0 < $1.0 }.map(\.1)
    }

    /// Returns the file's base name without `_data.mat` or `.mat`.
    static func sessionName(_ path: String) -> String {
        let base = (path as NSString).lastPathComponent
        for suffix in ["_data.mat", ".mat"] where base.lowercased().hasSuffix(suffix) {
            return String(base.dropLast(suffix.count))
        }
        return base
    }
}
