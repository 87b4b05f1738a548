import Dispatch
import Synchronization

/// Direction tuning of every unit of a dataset: the entry point of the tuning analysis.
public struct TuningReport: Sendable, Codable {
    /// The stimulus column the conditions come from: `direction` or `orientation`.
    public var conditionName: String
    /// The conditions in degrees, ascending; the x axis of every tuning curve.
    public var directions: [Double]
    /// One entry per unit, in the order of `Dataset.unitIDs`.
    public var neurons: [NeuronTuning]
    public var settings: TuningSettings
    /// Running trials over the whole session; nil without a running-speed series.
    public var runningTrialCount: Int?
    /// Stationary trials over the whole session; nil without a running-speed series.
    public var stationaryTrialCount: Int?
    /// Conditions, trials or units the analysis had to leave out, in words.
    public var warnings: [String]

    /// Computes the report of `dataset`.
    ///
    /// Responses are the mean over the response window minus the mean over the baseline
    /// window (`TrialResponses`), or the only sample of a dataset with one sample per trial. Conditions come from the `direction` column, or from
    /// `orientation` when there is none (direction indices are then nil). Throws
    /// `DataError.invalidValue` when a window contains no sample or neither column exists,
    /// and `DataError.shapeMismatch` when the stimulus table and the activity disagree on
    /// the trial count. Work is linear in units x trials x samples, except reliability, which is
    /// quadratic in the trials of each unit's preferred condition.
    public static func compute(for dataset: Dataset, settings: TuningSettings = TuningSettings())
        throws -> TuningReport
    {
        guard dataset.trials.rowCount == dataset.trialCount else {
            throw DataError.shapeMismatch(
                "dataset '\(dataset.name)' has \(dataset.trials.rowCount) rows in its stimulus "
                    + "table but \(dataset.trialCount) trials of activity")
        }
        guard settings.runningThreshold.isFinite else {
            throw DataError.invalidValue(
                "the running threshold must be a finite speed, got \(settings.runningThreshold)")
        }
        let conditions = try StimulusConditions(trials: dataset.trials)
        let responses = try TrialResponses(dataset: dataset, windows: settings.windows)
        // One sample per trial is the trial's response itself (see `TrialResponses`).
        let responseSamples = dataset.sampleCount == 1
            ? [0] : try settings.windows.sampleIndices(for: dataset.sampleTimes).response
        let states = BehaviouralStates(
            dataset: dataset, responseSamples: responseSamples,
            runningThreshold: settings.runningThreshold)

        let analysis = UnitAnalysis(
            dataset: dataset, conditions: conditions, responses: responses,
            responseSamples: responseSamples, states: states)
        let neurons = analysis.analyseAllUnits()

        var warnings: [String] = []
        if !conditions.wrappedTrials.isEmpty {
            warnings.append(
                "\(conditions.wrappedTrials.count) trial(s) have a \(conditions.columnName) "
                    + "outside 0 to \(Int(conditions.periodDegrees)) degrees and were wrapped "
                    + "into that range")
        }
        if !conditions.excludedTrials.isEmpty {
            warnings.append(
                "\(conditions.excludedTrials.count) trial(s) have no \(conditions.columnName) "
                    + "and are left out")
        }
        warnings += Self.missingConditionWarnings(neurons, conditions: conditions)

        return TuningReport(
            conditionName: conditions.columnName,
            directions: conditions.values,
            neurons: neurons,
            settings: settings,
            runningTrialCount: states.running.map { $0.filter { $0 == true }.count },
            stationaryTrialCount: states.running.map { $0.filter { $0 == false }.count },
            warnings: warnings)
    }

    /// Lists one warning per unit with a condition that has no finite response.
    static func missingConditionWarnings(
        _ neurons: [NeuronTuning], conditions: StimulusConditions
    ) -> [String] {
        var warnings: [String] = []
        for neuron in neurons {
            let missing = neuron.n.indices.filter { neuron.n[$0] == 0 }
            guard !missing.isEmpty else { continue }
            let listed = missing.map { "\(conditions.values[$0])" }.joined(separator: ", ")
            warnings.append(
                "\(neuron.id): no valid trial at \(conditions.columnName) \(listed) deg; "
                    + "indices that need it are undefined")
        }
        return warnings
    }
}

/// The running and pupil state of each trial; nil where the dataset lacks the series.
struct BehaviouralStates: Sendable {
    let running: [Bool?]?
    let largePupil: [Bool?]?

    init(dataset: Dataset, responseSamples: [Int], runningThreshold: Double) {
        let trials = dataset.trialCount
        func usable(_ series: BehaviourSeries?) -> BehaviourSeries? {
            guard let series, series.trials == trials,
                series.samples == dataset.sampleCount
            else { return nil }
            return series
        }
        let speed = usable(dataset.behaviour.first { $0.kind == .runningSpeed })
        let pupil = usable(dataset.behaviour.first { $0.kind == .pupil })
        running = speed.map {
            BehaviourSplit.running(
                trialSpeeds: BehaviourSplit.trialMeans($0, sampleIndices: responseSamples),
                threshold: runningThreshold)
        }
        largePupil = pupil.map {
            BehaviourSplit.largePupil(
                trialPupil: BehaviourSplit.trialMeans($0, sampleIndices: responseSamples))
        }
    }
}

/// The per-unit part of the tuning analysis, run for units in parallel.
struct UnitAnalysis: Sendable {
    let dataset: Dataset
    let conditions: StimulusConditions
    let responses: TrialResponses
    let responseSamples: [Int]
    let states: BehaviouralStates

    func analyseAllUnits() -> [NeuronTuning] {
        let units = dataset.unitCount
        let results = Mutex([NeuronTuning?](repeating: nil, count: units))
        let chunk = 64
        let chunks = (units + chunk - 1) / chunk
        DispatchQueue.concurrentPerform(iterations: chunks) { index in
            let range = (index * chunk)..<min(units, (index + 1) * chunk)
            let computed = range.map { analyse(unit: $0) }
            results.withLock { stored in
                for (unit, tuning) in zip(range, computed) { stored[unit] = tuning }
            }
        }
        return results.withLock { $0.compactMap { $0 } }
    }

    func analyse(unit: Int) -> NeuronTuning {
        let row = responses.values[(unit * responses.trials)..<((unit + 1) * responses.trials)]
        let statistics = ConditionStatistics(responses: row, conditions: conditions)
        var tuning = NeuronTuning(
            id: dataset.unitIDs[unit], mean: statistics.mean, sem: statistics.sem,
            n: statistics.n)
        guard let preferred = PeakSelectivity.preferredCondition(means: statistics.mean) else {
            return tuning
        }

        let means = statistics.mean
        tuning.preferredDirection = conditions.values[preferred]
        tuning.osi = PeakSelectivity.orientationSelectivityIndex(
            means: means, conditions: conditions, preferred: preferred)
        tuning.dsi = PeakSelectivity.directionSelectivityIndex(
            means: means, conditions: conditions, preferred: preferred)
        tuning.globalOSI = GlobalSelectivity.orientationSelectivityIndex(
            means: means, conditions: conditions)
        tuning.globalDSI = GlobalSelectivity.directionSelectivityIndex(
            means: means, conditions: conditions)

        let preferredTrials = conditions.trialIndices[preferred].filter {
            responses[unit, $0].isFinite
        }
        let preferredResponses = preferredTrials.map { responses[unit, $0] }
        tuning.fanoFactor = FanoFactor.of(preferredResponses)
        tuning.reliability = TrialReliability.meanPairwiseCorrelation(
            preferredTrials.map { trial in
                responseSamples.map { dataset.activity[unit, trial, $0] }
            })
        tuning.runningModulation = states.running.flatMap {
            modulation(unit: unit, trials: preferredTrials, state: $0)
        }
        tuning.pupilModulation = states.largePupil.flatMap {
            modulation(unit: unit, trials: preferredTrials, state: $0)
        }
        return tuning
    }

    /// Computes the signed modulation index of trials in state true against trials in state false.
    func modulation(unit: Int, trials: [Int], state: [Bool?]) -> Double? {
        let group = trials.filter { state[$0] == true }.map { responses[unit, $0] }
        let reference = trials.filter { state[$0] == false }.map { responses[unit, $0] }
        return ModulationIndex.signed(group, against: reference)
    }
}
