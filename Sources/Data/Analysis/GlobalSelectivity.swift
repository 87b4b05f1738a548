import Foundation

/// Global (vector-sum) orientation and direction selectivity, AllenSDK's `osi` and `dsi`
/// (`allensdk/brain_observatory/ecephys/stimulus_analysis/stimulus_analysis.py`):
/// `|sum_k R_k exp(i n theta_k)| / sum_k R_k` with n = 2 for orientation and n = 1 for
/// direction, theta_k the direction of condition k.
///
/// Negative mean responses are clipped to 0 first, because the formula assumes non-negative
/// responses such as spike counts, so the index lies in [0, 1]. It is nil when a condition has
/// no mean or when every clipped response is 0. For orientation-only conditions, theta_k is
/// the orientation, the orientation index uses n = 2 and the direction index is nil.
public enum GlobalSelectivity {
    /// Global OSI (n = 2), equal to 1 minus the circular variance of orientation.
    public static func orientationSelectivityIndex(
        means: [Double?], conditions: StimulusConditions
    ) -> Double? {
        vectorStrength(means: means, degrees: conditions.values, harmonic: 2)
    }

    /// Global DSI (n = 1). Nil for orientation-only conditions.
    public static func directionSelectivityIndex(
        means: [Double?], conditions: StimulusConditions
    ) -> Double? {
        guard conditions.isDirection else { return nil }
        return vectorStrength(means: means, degrees: conditions.values, harmonic: 1)
    }

    /// `|sum_k max(R_k, 0) exp(i n theta_k)| / sum_k max(R_k, 0)`, theta in degrees.
    public static func vectorStrength(means: [Double?], degrees: [Double], harmonic: Double)
        -> Double?
    {
        var real = 0.0
        var imaginary = 0.0
        var total = 0.0
        for (mean, angle) in zip(means, degrees) {
            guard let mean, mean.isFinite else { return nil }
            let response = max(mean, 0)
            let radians = harmonic * angle * Double.pi / 180
            real += response * cos(radians)
            imaginary += response * sin(radians)
            total += response
        }
        guard total > 0 else { return nil }
        return (real * real + imaginary * imaginary).squareRoot() / total
    }
}
