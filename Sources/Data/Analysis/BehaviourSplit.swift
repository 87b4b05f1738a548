/// Splits trials into two behavioural states from a behavioural series: running against
/// stationary, or large against small pupil.
///
/// Each trial is summarised by the mean of its finite samples inside the response window. A
/// trial without any finite sample there belongs to neither state.
public enum BehaviourSplit {
    /// Averages `series` over `sampleIndices` in each trial, giving NaN where no sample is
    /// finite.
    public static func trialMeans(_ series: BehaviourSeries, sampleIndices: [Int]) -> [Double] {
        series.values.withUnsafeBufferPointer { values in
            (0..<series.trials).map {
                TrialResponses.nanMean(values, $0 * series.samples, sampleIndices)
            }
        }
    }

    /// True for a running trial, whose mean speed is at or above `threshold` (AllenSDK's
    /// `running_speeds >= threshold`), false for a stationary one, nil when the speed is NaN.
    public static func running(trialSpeeds: [Double], threshold: Double) -> [Bool?] {
        trialSpeeds.map { $0.isFinite ? $0 >= threshold : nil }
    }

    /// True for a trial whose mean pupil size is above the median over all trials with a
    /// finite value, false at or below it, nil when the pupil size is NaN. Nil for every trial
    /// when no trial has a value.
    public static func largePupil(trialPupil: [Double]) -> [Bool?] {
        guard let median = median(trialPupil.filter(\.isFinite)) else {
            return trialPupil.map { _ in nil }
        }
        return trialPupil.map { $0.isFinite ? $0 > median : nil }
    }

    /// Returns the median (the mean of the two middle values for an even count), or nil when empty.
    static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        if sorted.count % 2 == 1 { return sorted[middle] }
        return (sorted[middle - 1] + sorted[middle]) / 2
    }
}
