/// The preferred condition and the peak orientation and direction selectivity indices of one
/// tuning curve, as AllenSDK defines them for drifting gratings
/// (`allensdk/brain_observatory/drifting_gratings.py`, `DriftingGratings.get_peak`).
///
/// `means` holds the mean response per condition in the order of `conditions.values`; nil is
/// a condition without trials. Each index is nil when a condition it needs is missing or its
/// denominator is zero. The indices are not clipped: with negative mean responses they can
/// leave [0, 1], as in AllenSDK.
public enum PeakSelectivity {
    /// The index of the largest mean response (the first one on a tie, like `np.argmax`), or
    /// nil when no condition has a mean.
    public static func preferredCondition(means: [Double?]) -> Int? {
        var best: Int?
        for (index, mean) in means.enumerated() {
            guard let mean, mean.isFinite else { continue }
            if best.map({ mean > (means[$0] ?? -.infinity) }) ?? true { best = index }
        }
        return best
    }

    /// Peak OSI `(R_pref - R_orth) / (R_pref + R_orth)`, where `R_orth` is the mean of the mean
    /// responses at the preferred condition plus and minus 90 degrees.
    public static func orientationSelectivityIndex(
        means: [Double?], conditions: StimulusConditions, preferred: Int
    ) -> Double? {
        guard let pref = means[preferred] else { return nil }
        let degrees = conditions.values[preferred]
        guard let plus = conditions.index(ofDegrees: degrees + 90),
            let minus = conditions.index(ofDegrees: degrees - 90),
            let orthPlus = means[plus], let orthMinus = means[minus]
        else { return nil }
        let orth = (orthPlus + orthMinus) / 2
        return ratio(pref - orth, pref + orth)
    }

    /// Peak DSI `(R_pref - R_null) / (R_pref + R_null)`, where `R_null` is the mean response
    /// at the preferred direction plus 180 degrees. Nil for orientation-only conditions.
    public static func directionSelectivityIndex(
        means: [Double?], conditions: StimulusConditions, preferred: Int
    ) -> Double? {
        guard conditions.isDirection, let pref = means[preferred],
            let opposite = conditions.index(ofDegrees: conditions.values[preferred] + 180),
            let null = means[opposite]
        else { return nil }
        return ratio(pref - null, pref + null)
    }

    /// `numerator / denominator`, or nil when the denominator is zero or either is not finite.
    static func ratio(_ numerator: Double, _ denominator: Double) -> Double? {
        guard denominator != 0, numerator.isFinite, denominator.isFinite else { return nil }
        return numerator / denominator
    }
}
