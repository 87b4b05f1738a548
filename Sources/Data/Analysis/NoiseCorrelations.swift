@preconcurrency import COpenBLAS

/// Noise correlations: the Pearson correlation between units of their trial-to-trial
/// variability once each condition's mean is removed.
///
/// For each unit and condition, the finite responses are z-scored with the condition's mean
/// and sample standard deviation (ddof = 1). A response that is NaN, belongs to a condition
/// with fewer than two finite responses or a zero standard deviation, or to a trial without a
/// condition, becomes 0, so it adds nothing to either sum. The correlation of units i and j is
/// `sum_t z_it z_jt / sqrt(sum_t z_it^2 * sum_t z_jt^2)`, Pearson's r of the residuals,
/// whose mean over trials is 0 by construction when no response is NaN.
public struct NoiseCorrelations: Sendable, Equatable {
    /// Unit identifiers in row and column order.
    public let unitIDs: [String]
    /// The units x units matrix, row-major; NaN where a unit has no residual variance.
    public let values: [Double]

    public var count: Int { unitIDs.count }

    /// Returns the correlation of units `i` and `j`, or nil when it is undefined.
    public subscript(i: Int, j: Int) -> Double? {
        let value = values[i * count + j]
        return value.isFinite ? value : nil
    }

    /// Computes the noise correlations of `dataset` with the windows of `settings`.
    /// Throws when the windows contain no sample or the dataset has no direction or
    /// orientation column.
    public static func compute(for dataset: Dataset, settings: TuningSettings = TuningSettings())
        throws -> NoiseCorrelations
    {
        let conditions = try StimulusConditions(trials: dataset.trials)
        let responses = try TrialResponses(dataset: dataset, windows: settings.windows)
        return NoiseCorrelations(
            unitIDs: dataset.unitIDs, responses: responses, conditions: conditions)
    }

    /// Computes the noise correlations from trial responses grouped by `conditions`.
    public init(unitIDs: [String], responses: TrialResponses, conditions: StimulusConditions) {
        let units = responses.units
        let trials = responses.trials
        let residuals = Self.zScoredResiduals(responses, conditions: conditions)

        var products = [Double](repeating: 0, count: units * units)
        if units > 0 && trials > 0 {
            cblas_dsyrk(
                CblasRowMajor, CblasUpper, CblasNoTrans, Int32(units), Int32(trials),
                1, residuals, Int32(trials), 0, &products, Int32(units))
        }

        var values = [Double](repeating: .nan, count: units * units)
        for i in 0..<units {
            for j in i..<units {
                let norm = (products[i * units + i] * products[j * units + j]).squareRoot()
                guard norm > 0 else { continue }
                let r = i == j ? 1 : min(max(products[i * units + j] / norm, -1), 1)
                values[i * units + j] = r
                values[j * units + i] = r
            }
        }
        self.unitIDs = unitIDs
        self.values = values
    }

    /// Builds the units x trials matrix of z-scored residuals, row-major, 0 where undefined.
    static func zScoredResiduals(_ responses: TrialResponses, conditions: StimulusConditions)
        -> [Double]
    {
        let trials = responses.trials
        var residuals = [Double](repeating: 0, count: responses.units * trials)
        for unit in 0..<responses.units {
            for trialIndices in conditions.trialIndices {
                let finite = trialIndices.filter { responses[unit, $0].isFinite }
                let summary = SampleSummary(finite.map { responses[unit, $0] })
                guard let mean = summary.mean, let variance = summary.variance, variance > 0
                else { continue }
                let deviation = variance.squareRoot()
                for trial in finite {
                    residuals[unit * trials + trial] = (responses[unit, trial] - mean) / deviation
                }
            }
        }
        return residuals
    }
}
