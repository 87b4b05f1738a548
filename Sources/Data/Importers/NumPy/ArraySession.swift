/// A session assembled from arrays: a responses array plus per-trial columns, shared by the
/// NumPy folder, `.npz` and long-format CSV importers.
struct ArraySession {
    /// Units x trials, or units x trials x samples, in row-major order.
    var responses: NPYArray
    /// Sample times (s); nil gives sample indices (0, 1, 2 ...) with a warning.
    var sampleTimes: [Double]?
    var unitIDs: [String]?
    /// Per-trial variables in source order, by source name.
    var trialColumns: [(name: String, column: StimulusTable.Column)] = []
    var warnings: [String] = []

    /// Builds the dataset. Numeric columns whose names suggest behaviour (running speed,
    /// pupil, choice) become `BehaviourSeries` with the trial's value at every sample;
    /// the others become stimulus columns under their standard names.
    func dataset(name: String, origin: Dataset.Origin, source: String) throws -> Dataset {
        let shape = responses.shape
        guard shape.count == 2 || shape.count == 3 else {
            throw DataError.shapeMismatch(
                "\(source): responses has shape \(shape); expected units x trials or "
                    + "units x trials x samples")
        }
        let (units, trials) = (shape[0], shape[1])
        let samples = shape.count == 3 ? shape[2] : 1
        var warnings = self.warnings
        let times: [Double]
        if let sampleTimes {
            guard sampleTimes.count == samples else {
                throw DataError.shapeMismatch(
                    "\(source): times has \(sampleTimes.count) values but responses has "
                        + "\(samples) samples per trial")
            }
            times = sampleTimes
        } else {
            times = samples == 1 ? [0] : (0..<samples).map(Double.init)
            if samples > 1 { warnings.append("no sample times given; times are sample indices") }
        }
        let ids = unitIDs ?? (0..<units).map { "unit\($0)" }
        guard ids.count == units else {
            throw DataError.shapeMismatch(
                "\(source): \(ids.count) unit ids for \(units) units in responses")
        }
        var table = StimulusTable(rowCount: trials)
        var behaviour: [BehaviourSeries] = []
        for (columnName, column) in trialColumns {
            guard column.count == trials else {
                throw DataError.shapeMismatch(
                    "\(source): column '\(columnName)' has \(column.count) values but "
                        + "responses has \(trials) trials")
            }
            let kind = StimulusColumnNames.behaviourKind(ofName: columnName)
            if case .numeric(let values) = column, kind != .other {
                let repeated = values.flatMap { [Double](repeating: $0, count: samples) }
                behaviour.append(
                    BehaviourSeries(
                        name: columnName, kind: kind, trials: trials, samples: samples,
                        values: repeated))
                continue
            }
            var target = StimulusColumnNames.standardName(for: columnName)
            if table.column(target) != nil { target = columnName }
            try table.setColumn(target, column)
        }
        return Dataset(
            name: name, origin: origin, unitIDs: ids,
            activity: ResponseArray(
                units: units, trials: trials, samples: samples, values: responses.values),
            sampleTimes: times, trials: table, behaviour: behaviour, warnings: warnings)
    }
}
