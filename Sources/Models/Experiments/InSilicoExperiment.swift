import Data

/// Runs an experiment protocol on a model and returns the responses as a `Dataset`, the
/// type the importers return, so every analysis works on models and recordings alike.
public enum InSilicoExperiment {
    /// Runs `experiment` on `model`.
    ///
    /// The dataset's units are the model's units, and its activity is units x trials x
    /// samples in the readout's units. Its trial table has the columns `direction`,
    /// `orientation`, `contrast`, `spatial_frequency` (cycles per pixel), `phase` (degrees
    /// at onset), `temporal_frequency` (Hz), `image_id`, `condition` (index) and `stimulus`
    /// (kind). NaN marks a variable that does not apply.
    /// - Throws: `ExperimentError.invalidProtocol` for no conditions, fewer than 1 trial or
    ///   sample, a stimulus whose patch differs from the model's input, and the model's own
    ///   errors.
    public static func run(_ experiment: ExperimentProtocol, on model: some InSilicoModel)
        throws -> Dataset
    {
        try validate(experiment, model: model)
        guard model.supportedReadouts.contains(experiment.readout) else {
            throw ExperimentError.unsupportedReadout(model: model.name, readout: experiment.readout)
        }
        let units = model.unitIDs.count
        let repeats = experiment.trialsPerCondition
        let samples = experiment.samplesPerTrial
        let trialCount = experiment.conditions.count * repeats
        let sampleTimes = (0..<samples).map { Double($0) * experiment.sampleIntervalSeconds }
        var activity = ResponseArray(units: units, trials: trialCount, samples: samples)
        var rng = GSMRandom(seed: experiment.seed)

        for (index, condition) in experiment.conditions.enumerated() {
            let frames = sampleTimes.map { condition.frame(atSeconds: $0) }
            let response = try model.respond(
                to: frames, trials: repeats, readout: experiment.readout,
                sampleIntervalSeconds: experiment.sampleIntervalSeconds, using: &rng)
            guard response.units == units, response.trials == repeats,
                response.samples == samples
            else {
                throw ExperimentError.invalidProtocol(
                    "model '\(model.name)' returned \(response.trials) x \(response.units) x "
                        + "\(response.samples) values for \(repeats) trials x \(units) units x "
                        + "\(samples) samples")
            }
            for repeatIndex in 0..<repeats {
                let trial = index * repeats + repeatIndex
                for unit in 0..<units {
                    for sample in 0..<samples {
                        activity[unit, trial, sample] = response[repeatIndex, unit, sample]
                    }
                }
            }
        }

        return Dataset(
            name: "\(model.name) \(experiment.name)",
            origin: .simulated(model: model.name, protocolName: experiment.name),
            unitIDs: model.unitIDs, activity: activity, sampleTimes: sampleTimes,
            trials: try trialTable(experiment),
            metadata: [
                ("readout", experiment.readout.rawValue),
                ("seed", String(experiment.seed)),
                ("sample_interval_seconds", String(experiment.sampleIntervalSeconds)),
                ("spatial_frequency_unit", "cycles per pixel"),
            ])
    }

    private static func validate(_ experiment: ExperimentProtocol, model: some InSilicoModel)
        throws
    {
        guard !experiment.conditions.isEmpty else {
            throw ExperimentError.invalidProtocol(
                "protocol '\(experiment.name)' has no stimulus conditions; add at least one")
        }
        guard experiment.trialsPerCondition >= 1, experiment.samplesPerTrial >= 1 else {
            throw ExperimentError.invalidProtocol(
                "protocol '\(experiment.name)' needs at least 1 trial per condition and 1 "
                    + "sample per trial, got \(experiment.trialsPerCondition) and "
                    + "\(experiment.samplesPerTrial)")
        }
        guard experiment.sampleIntervalSeconds > 0, experiment.sampleIntervalSeconds.isFinite
        else {
            throw ExperimentError.invalidProtocol(
                "the sample interval is \(experiment.sampleIntervalSeconds) s but must be "
                    + "positive")
        }
        for (index, condition) in experiment.conditions.enumerated() {
            let geometry = condition.geometry
            guard geometry.width == model.inputWidth, geometry.height == model.inputHeight
            else {
                throw ExperimentError.invalidProtocol(
                    "condition \(index) is a \(geometry.width)x\(geometry.height) patch but "
                        + "model '\(model.name)' takes \(model.inputWidth)x\(model.inputHeight)")
            }
        }
    }

    private static func trialTable(_ experiment: ExperimentProtocol) throws -> StimulusTable {
        let descriptors = experiment.conditions.flatMap {
            [StimulusDescriptor](repeating: $0.descriptor, count: experiment.trialsPerCondition)
        }
        let conditionIndex = experiment.conditions.indices.flatMap {
            [Double](repeating: Double($0), count: experiment.trialsPerCondition)
        }
        var table = StimulusTable(rowCount: descriptors.count)
        try table.setColumn(StimulusTable.direction, .numeric(descriptors.map(\.direction)))
        try table.setColumn(StimulusTable.orientation, .numeric(descriptors.map(\.orientation)))
        try table.setColumn(StimulusTable.contrast, .numeric(descriptors.map(\.contrast)))
        try table.setColumn(
            StimulusTable.spatialFrequency, .numeric(descriptors.map(\.spatialFrequency)))
        try table.setColumn("phase", .numeric(descriptors.map(\.phase)))
        try table.setColumn(
            StimulusTable.temporalFrequency, .numeric(descriptors.map(\.temporalFrequency)))
        try table.setColumn(StimulusTable.imageID, .numeric(descriptors.map(\.imageID)))
        try table.setColumn("condition", .numeric(conditionIndex))
        try table.setColumn("stimulus", .text(descriptors.map(\.kind)))
        return table
    }
}
