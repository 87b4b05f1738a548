/// The mean, standard error and trial count of one unit's responses to each condition.
///
/// NaN responses are left out. The standard error is the sample standard deviation
/// (ddof = 1) divided by the square root of n; it is nil below two trials, and the mean is nil
/// for a condition with no trial.
public struct ConditionStatistics: Sendable, Equatable {
    public var mean: [Double?]
    public var sem: [Double?]
    public var n: [Int]

    /// Computes the statistics of `responses` (one value per trial) for each condition.
    public init(responses: ArraySlice<Double>, conditions: StimulusConditions) {
        let base = responses.startIndex
        var mean: [Double?] = []
        var sem: [Double?] = []
        var n: [Int] = []
        for trials in conditions.trialIndices {
            let values = trials.map { responses[base + $0] }.filter(\.isFinite)
            let summary = SampleSummary(values)
            mean.append(summary.mean)
            sem.append(summary.standardError)
            n.append(summary.count)
        }
        self.mean = mean
        self.sem = sem
        self.n = n
    }
}

/// Count, mean and sample variance (ddof = 1) of a list of finite values.
struct SampleSummary {
    let count: Int
    let mean: Double?
    let variance: Double?

    init(_ values: [Double]) {
        count = values.count
        guard count > 0 else {
            mean = nil
            variance = nil
            return
        }
        let average = values.reduce(0, +) / Double(count)
        mean = average
        if count > 1 {
            let squares = values.reduce(0) { $0 + ($1 - average) * ($1 - average) }
            variance = squares / Double(count - 1)
        } else {
            variance = nil
        }
    }

    var standardError: Double? {
        guard let variance else { return nil }
        return (variance / Double(count)).squareRoot()
    }
}
