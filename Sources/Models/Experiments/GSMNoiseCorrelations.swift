/// Noise correlations of the GSM's posterior samples for one stimulus, compared with the
/// prior correlations of C and with the analytic posterior correlations.
public struct GSMNoiseCorrelations: Sendable {
    /// The correlation matrix of the samples, row-major Dy x Dy.
    public var sampleCorrelation: [Double]
    /// The analytic posterior correlation matrix, row-major Dy x Dy.
    public var posteriorCorrelation: [Double]
    /// Pearson correlation between the off-diagonal elements of `sampleCorrelation` and of
    /// the prior correlation matrix.
    public var sampleVersusPrior: Double
    /// Pearson correlation between the off-diagonal elements of `sampleCorrelation` and of
    /// `posteriorCorrelation`; it approaches 1 as the number of samples grows.
    public var sampleVersusPosterior: Double

    /// Draws `samples` posterior samples (one per trial) for the stimulus at onset and
    /// correlates them.
    /// - Throws: `ExperimentError.invalidProtocol` for fewer than 3 samples or a patch of
    ///   the wrong size, and the model's errors.
    public static func measure(
        model: GSMModel, stimulus: any Stimulus, samples: Int, seed: UInt64
    ) throws -> GSMNoiseCorrelations {
        guard samples >= 3 else {
            throw ExperimentError.invalidProtocol(
                "noise correlations need at least 3 samples, got \(samples)")
        }
        guard stimulus.geometry.pixelCount == model.pixelCount else {
            throw ExperimentError.invalidProtocol(
                "the stimulus has \(stimulus.geometry.pixelCount) pixels but the model takes "
                    + "\(model.pixelCount)")
        }
        let dy = model.latentCount
        let posterior = try model.posterior(forImage: stimulus.frame(atSeconds: 0))
        var rng = GSMRandom(seed: seed)
        let draws = posterior.samples(count: samples, using: &rng)
        let sampleCorrelation = GSMStatistics.correlation(
            fromCovariance: GSMStatistics.sampleCovariance(draws, count: samples, n: dy), n: dy)
        let posteriorCorrelation = posterior.correlation
        let offDiagonal = GSMStatistics.upperTriangle(sampleCorrelation, n: dy)
        return GSMNoiseCorrelations(
            sampleCorrelation: sampleCorrelation,
            posteriorCorrelation: posteriorCorrelation,
            sampleVersusPrior: GSMStatistics.pearson(
                offDiagonal, GSMStatistics.upperTriangle(model.priorCorrelation, n: dy)),
            sampleVersusPosterior: GSMStatistics.pearson(
                offDiagonal, GSMStatistics.upperTriangle(posteriorCorrelation, n: dy)))
    }
}
