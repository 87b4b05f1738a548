import Data
import Foundation

/// The GSM's responses to one contrast of the contrast series.
public struct ContrastResult: Sendable, Equatable, Encodable {
    /// The grating amplitude in image units, before whitening.
    public var contrast: Double
    /// The average over latents of the posterior variance of y (analytic mixture moments).
    public var meanPosteriorVariance: Double
    /// The average over latents of the variance of the membrane potential
    /// `sign(y)|y|^alpha` across posterior samples (one sample per trial).
    public var membraneVariance: Double
    /// The average over latents that fire of the variance-to-mean ratio of Poisson spike
    /// counts across trials; NaN when no latent fires.
    public var fanoFactor: Double
    /// The Pearson correlation between the off-diagonal elements of the posterior
    /// correlation matrix (analytic) and those of the prior correlation matrix from C.
    public var priorCorrelationMatch: Double
    /// The posterior mean of the contrast variable, E[z | x].
    public var meanZ: Double

    enum CodingKeys: String, CodingKey {
        case contrast
        case meanPosteriorVariance = "mean_posterior_variance"
        case membraneVariance = "membrane_variance"
        case fanoFactor = "fano_factor"
        case priorCorrelationMatch = "prior_correlation_match"
        case meanZ = "mean_z"
    }

    /// Encodes the fields with the snake-case keys above; a NaN or infinity becomes null,
    /// because JSON has no NaN.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        func put(_ value: Double, _ key: CodingKeys) throws {
            if value.isFinite {
                try container.encode(value, forKey: key)
            } else {
                try container.encodeNil(forKey: key)
            }
        }
        try put(contrast, .contrast)
        try put(meanPosteriorVariance, .meanPosteriorVariance)
        try put(membraneVariance, .membraneVariance)
        try put(fanoFactor, .fanoFactor)
        try put(priorCorrelationMatch, .priorCorrelationMatch)
        try put(meanZ, .meanZ)
    }
}

/// The GSM's variability and correlations as the contrast of a grating grows (Orbán et al.
/// 2016): posterior variance falls, membrane-potential variability is quenched, and the
/// posterior correlations depart from the prior correlations they equal at zero contrast.
public enum GSMContrastSeries {
    /// The stimulus and counting window of the series.
    public struct Settings: Sendable {
        /// The grating's direction in degrees.
        public var directionDegrees: Double = 0
        /// The grating's spatial frequency in cycles per pixel (2 cycles across 16 pixels).
        public var cyclesPerPixel: Double = 0.125
        public var phaseDegrees: Double = 0
        /// The spike-counting window of one trial, in seconds; the rate of the trial's
        /// posterior sample is held over it.
        public var countWindowSeconds: Double = 0.1
        /// The number of z grid points of each posterior.
        public var gridSize: Int = GSMPosterior.defaultGridSize

        public init() {}
    }

    /// Runs the series: for each contrast, a full-patch static grating of that amplitude
    /// (image units, whitened by the model like every image) is shown for `samples`
    /// trials, and each trial's response is one posterior sample.
    ///
    /// Each contrast draws from its own generator, seeded from `seed` and the contrast's
    /// value, so a contrast's result does not depend on the other contrasts in the list.
    /// - Throws: `ExperimentError.invalidProtocol` for fewer than 2 samples or a negative or
    ///   NaN contrast, and the model's errors.
    public static func run(
        model: GSMModel, contrasts: [Double], samples: Int, seed: UInt64,
        settings: Settings = Settings()
    ) throws -> [ContrastResult] {
        guard samples >= 2 else {
            throw ExperimentError.invalidProtocol(
                "the contrast series needs at least 2 samples per contrast, got \(samples)")
        }
        let geometry = try PatchGeometry(
            width: model.parameters.imageWidth, height: model.parameters.imageHeight)
        let priorCorrelation = GSMStatistics.upperTriangle(
            model.priorCorrelation, n: model.latentCount)
        return try contrasts.map { contrast in
            guard contrast >= 0, contrast.isFinite else {
                throw ExperimentError.invalidProtocol(
                    "contrast \(contrast) is invalid; contrasts are amplitudes of 0 or more")
            }
            let grating = try Grating(
                directionDegrees: settings.directionDegrees,
                cyclesPerPixel: settings.cyclesPerPixel, phaseDegrees: settings.phaseDegrees,
                contrast: contrast, geometry: geometry)
            let posterior = try model.posterior(
                forImage: grating.image(), gridSize: settings.gridSize)
            var rng = GSMRandom(seed: seed ^ contrast.bitPattern)
            let draws = posterior.samples(count: samples, using: &rng)
            return ContrastResult(
                contrast: contrast,
                meanPosteriorVariance: mean(posterior.variance),
                membraneVariance: membraneVariance(draws, model: model, samples: samples),
                fanoFactor: fanoFactor(
                    draws, model: model, samples: samples,
                    windowSeconds: settings.countWindowSeconds, using: &rng),
                priorCorrelationMatch: GSMStatistics.pearson(
                    GSMStatistics.upperTriangle(posterior.correlation, n: model.latentCount),
                    priorCorrelation),
                meanZ: posterior.meanZ)
        }
    }

    /// Runs the direction-tuning protocol (`ExperimentProtocol.directionTuning`, with its
    /// defaults for everything not given here) at each contrast and returns one dataset
    /// per contrast, in the order given.
    public static func directionTuning(
        model: GSMModel, contrasts: [Double], trialsPerDirection: Int = 16,
        samplesPerTrial: Int = 10, readout: ResponseReadout = .membranePotential, seed: UInt64
    ) throws -> [Dataset] {
        let geometry = try PatchGeometry(
            width: model.parameters.imageWidth, height: model.parameters.imageHeight)
        return try contrasts.map { contrast in
            let experiment = try ExperimentProtocol.directionTuning(
                geometry: geometry, trialsPerDirection: trialsPerDirection, contrast: contrast,
                samplesPerTrial: samplesPerTrial, readout: readout,
                seed: seed ^ contrast.bitPattern)
            return try InSilicoExperiment.run(experiment, on: model)
        }
    }

    private static func mean(_ values: [Double]) -> Double {
        values.isEmpty ? .nan : values.reduce(0, +) / Double(values.count)
    }

    /// Averages over latents the unbiased variance of the membrane potential across samples.
    private static func membraneVariance(_ draws: [Double], model: GSMModel, samples: Int)
        -> Double
    {
        let dy = model.latentCount
        let potentials = draws.map { model.parameters.nonlinearity.membranePotential($0) }
        let variances = (0..<dy).map { unit in
            variance((0..<samples).map { potentials[$0 * dy + unit] })
        }
        return mean(variances)
    }

    private static func fanoFactor<R: RandomNumberGenerator>(
        _ draws: [Double], model: GSMModel, samples: Int, windowSeconds: Double,
        using rng: inout R
    ) -> Double {
        let dy = model.latentCount
        let counts = draws.map {
            Double(
                GSMSampling.poisson(
                    mean: model.parameters.nonlinearity.rate($0) * windowSeconds, using: &rng))
        }
        var ratios: [Double] = []
        for unit in 0..<dy {
            let unitCounts = (0..<samples).map { counts[$0 * dy + unit] }
            let countMean = mean(unitCounts)
            if countMean > 0 { ratios.append(variance(unitCounts) / countMean) }
        }
        return mean(ratios)
    }

    private static func variance(_ values: [Double]) -> Double {
        guard values.count >= 2 else { return .nan }
        let average = mean(values)
        return values.reduce(0) { $0 + ($1 - average) * ($1 - average) }
            / Double(values.count - 1)
    }
}
