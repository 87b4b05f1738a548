/// Trial-to-trial reliability: the mean Pearson correlation over all pairs of trials of
/// their activity traces, after AllenSDK's `reliability`
/// (`allensdk/brain_observatory/ecephys/stimulus_analysis/stimulus_analysis.py`), which
/// averages the upper triangle of the trial-by-trial correlation matrix with `nanmean`.
///
/// AllenSDK smooths spike trains into rates first. Calcium traces are already smooth, so the
/// traces here are the raw samples of the response window of each trial of the preferred
/// condition. A pair uses the samples finite in both trials; a pair with fewer than
/// two such samples or a constant trace has no correlation and is skipped.
public enum TrialReliability {
    /// Returns the mean pairwise correlation of `traces` (one array per trial, equal lengths),
    /// or nil when no pair has a correlation.
    public static func meanPairwiseCorrelation(_ traces: [[Double]]) -> Double? {
        // Centring and scaling each fully finite trace once turns Pearson's r of two such
        // traces into a dot product. Traces with NaN samples use `pearson` pair by pair.
        let standardized = traces.map(standardize)
        var sum = 0.0
        var count = 0
        for first in traces.indices {
            for second in traces.indices where second > first {
                let r: Double?
                switch (standardized[first], standardized[second]) {
                case (.some(let x), .some(let y)):
                    r = x.isEmpty || y.isEmpty ? nil : dot(x, y)
                default:
                    r = pearson(traces[first], traces[second])
                }
                if let r {
                    sum += r
                    count += 1
                }
            }
        }
        return count > 0 ? sum / Double(count) : nil
    }

    /// Returns the trace centred and divided by its Euclidean norm. The result is empty when
    /// the trace has fewer than two samples or is constant, and nil when a sample is not finite.
    static func standardize(_ trace: [Double]) -> [Double]? {
        guard trace.allSatisfy(\.isFinite) else { return nil }
        guard trace.count >= 2 else { return [] }
        let mean = trace.reduce(0, +) / Double(trace.count)
        let centred = trace.map { $0 - mean }
        let norm = centred.reduce(0) { $0 + $1 * $1 }.squareRoot()
        guard norm > 0 else { return [] }
        return centred.map { $0 / norm }
    }

    static func dot(_ x: [Double], _ y: [Double]) -> Double {
        var total = 0.0
        for index in x.indices { total += x[index] * y[index] }
        return total
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
