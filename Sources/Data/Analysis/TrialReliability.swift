/// Trial-to-trial reliability: the mean Pearson correlation over all pairs of trials of
/// their activity traces, after AllenSDK's `reliability`
/// (`allensdk/brain_observatory/ecephys/stimulus_analysis/stimulus_analysis.py`), which
/// averages the upper triangle of the trial-by-trial correlation matrix with `nanmean`.
///
/// AllenSDK smooths spike trains into rates first; calcium traces are already smooth, so the
/// traces are used as they are: the samples of the response window of each trial of the
/// preferred condition. A pair uses the samples finite in both trials; a pair with fewer than
/// two such samples or a constant trace has no correlation and is skipped.
public enum TrialReliability {
    /// The mean pairwise correlation of `traces` (one array per trial, equal lengths), or nil
    /// when no pair has a correlation.
    public static func meanPairwiseCorrelation(_ traces: [[Double]]) -> Double? {
        var sum = 0.0
        var count = 0
        for first in traces.indices {
            for second in traces.indices where second > first {
                if let r = pearson(traces[first], traces[second]) {
                    sum += r
                    count += 1
                }
            }
        }
        return count > 0 ? sum / Double(count) : nil
    }

    /// Pearson's r over the positions where both arrays are finite, or nil when fewer than
    /// two positions remain or either array is constant there.
    public static func pearson(_ x: [Double], _ y: [Double]) -> Double? {
        var meanX = 0.0
        var meanY = 0.0
        var count = 0
        for (a, b) in zip(x, y) where a.isFinite && b.isFinite {
            meanX += a
            meanY += b
            count += 1
        }
        guard count >= 2 else { return nil }
        meanX /= Double(count)
        meanY /= Double(count)

        var covariance = 0.0
        var varianceX = 0.0
        var varianceY = 0.0
        for (a, b) in zip(x, y) where a.isFinite && b.isFinite {
            covariance += (a - meanX) * (b - meanY)
            varianceX += (a - meanX) * (a - meanX)
            varianceY += (b - meanY) * (b - meanY)
        }
        guard varianceX > 0, varianceY > 0 else { return nil }
        return covariance / (varianceX * varianceY).squareRoot()
    }
}
