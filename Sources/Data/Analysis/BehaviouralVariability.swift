/// Trial-to-trial variability of the responses within one behavioural state, such as
/// running trials or trials with a large pupil.
public struct StateVariability: Sendable, Equatable {
    /// The state, for example "running" or "small pupil".
    public var label: String
    /// The trials in this state.
    public var trials: Int
    /// The mean over units and conditions of the sample variance (ddof = 1) of the responses
    /// in this state; nil when no unit has two responses in this state at any condition.
    public var meanVariance: Double?
    /// The mean over units and conditions of the Fano factor (`FanoFactor.of`) of the
    /// responses in this state. It is nil when no condition has a positive mean.
    public var meanFanoFactor: Double?
    /// The (unit, condition) pairs that `meanVariance` averages.
    public var pairs: Int
}

/// Response variability split by behavioural state: running against still, and large
/// against small pupil (the splits of `BehaviourSplit`), computed per unit and condition so
/// that tuning does not count as variability.
public enum BehaviouralVariability {
    /// Computes the variability per state of `dataset`'s responses. States come in the order
    /// running, still, large pupil, small pupil; a dataset without a running-speed or
    /// pupil series has no entries for it.
    /// - Throws: `DataError.invalidValue` when a window contains no sample or the dataset has
    ///   no direction or orientation column.
    public static func compute(for dataset: Dataset, settings: TuningSettings = TuningSettings())
        throws -> [StateVariability]
    {
        let conditions = try StimulusConditions(trials: dataset.trials)
        let responses = try TrialResponses(dataset: dataset, windows: settings.windows)
        let windows = try settings.windows.sampleIndices(for: dataset.sampleTimes)
        let states = BehaviouralStates(
            dataset: dataset, responseSamples: windows.response,
            runningThreshold: settings.runningThreshold)
        var groups: [(String, [Bool])] = []
        if let running = states.running {
            groups.append(("running", running.map { $0 == true }))
            groups.append(("still", running.map { $0 == false }))
        }
        if let large = states.largePupil {
            groups.append(("large pupil", large.map { $0 == true }))
            groups.append(("small pupil", large.map { $0 == false }))
        }
        return groups.map { label, member in
            variability(label: label, member: member, responses: responses, conditions: conditions)
        }
    }

    /// Computes the variability of the trials where `member` is true.
    public static func variability(
        label: String, member: [Bool], responses: TrialResponses, conditions: StimulusConditions
    ) -> StateVariability {
        var variances: [Double] = []
        var fanoFactors: [Double] = []
        for unit in 0..<responses.units {
            for trialIndices in conditions.trialIndices {
                let values = trialIndices
                    .filter { $0 < member.count && member[$0] }
                    .map { responses[unit, $0] }
                    .filter(\.isFinite)
                if let variance = SampleSummary(values).variance { variances.append(variance) }
                if let fano = FanoFactor.of(values) { fanoFactors.append(fano) }
            }
        }
        func mean(_ values: [Double]) -> Double? {
            values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
        }
        return StateVariability(
            label: label, trials: member.filter { $0 }.count, meanVariance: mean(variances),
            meanFanoFactor: mean(fanoFactors), pairs: variances.count)
    }
}
