import Foundation
import Models

/// The contextual-prior test of Bányai et al. (2019) on a hierarchical VAE: two stimuli
/// whose z1 posterior means nearly match but whose z2 posterior means differ, and the noise
/// correlations of z1 under each.
///
/// If z2 shapes the prior of z1, the z1 correlations differ between the two stimuli even
/// though their z1 means agree. The pair is chosen from a grid of static gratings (4
/// orientations, 4 phases, contrasts 0.5, 1 and 2, 0.125 cycles per pixel) as the pair with
/// the largest ratio `|dz2| / |dz1|` of the distances between posterior means. Directions
/// stop below 180 degrees because a static grating at direction d + 180 and phase p is the
/// image at d and phase -p, and identical images would win the ratio on rounding noise.
public struct ContextExperiment: Sendable {
    /// One stimulus of the pair.
    public struct Condition: Sendable {
        public var directionDegrees: Double
        public var phaseDegrees: Double
        public var contrast: Double
        /// The mean over z1 pairs of the sample correlation of z1 across posterior samples.
        public var meanCorrelation: Double
        /// The z1 correlation matrix, row-major z1Size x z1Size.
        public var correlation: [Double]
    }

    public var first: Condition
    public var second: Condition
    /// Euclidean distance between the two stimuli's z1 posterior means.
    public var z1MeanDistance: Double
    /// Euclidean distance between the two stimuli's z2 posterior means.
    public var z2MeanDistance: Double
    /// Pearson correlation between the off-diagonal z1 correlations of the two stimuli.
    public var correlationSimilarity: Double
    /// Root mean square of the difference between the off-diagonal z1 correlations.
    public var correlationDifferenceRMS: Double
    public var samples: Int

    /// Runs the test on the VAE of a checkpoint with `samples` ancestral posterior samples
    /// per stimulus.
    /// - Throws: `ExperimentError.invalidProtocol` for fewer than 3 samples, and the
    ///   checkpoint's loading errors.
    public static func run(checkpoint path: String, samples: Int, seed: UInt64) throws
        -> ContextExperiment
    {
        guard samples >= 3 else {
            throw ExperimentError.invalidProtocol(
                "noise correlations need at least 3 samples, got \(samples)")
        }
        let model = try SimulatedSessions.vaeModel(path: path)
        let geometry = try PatchGeometry(width: model.inputWidth, height: model.inputHeight)
        var candidates: [Grating] = []
        for direction in stride(from: 0.0, to: 180, by: 45) {
            for phase in [0.0, 90, 180, 270] {
                for contrast in [0.5, 1, 2] {
                    candidates.append(
                        try Grating(
                            directionDegrees: direction, cyclesPerPixel: 0.125,
                            phaseDegrees: phase, contrast: contrast, geometry: geometry))
                }
            }
        }
        let means = try candidates.map { grating in
            let z2 = try model.z2Posterior(image: grating.image()).mean
            let z1 = try model.z1Posterior(image: grating.image(), z2: z2, rows: 1).mean
            return (z1: z1, z2: z2)
        }

        var best = (first: 0, second: 1, score: -Double.infinity)
        for i in candidates.indices {
            for j in (i + 1)..<candidates.count {
                let z1Distance = distance(means[i].z1, means[j].z1)
                let score = distance(means[i].z2, means[j].z2) / (z1Distance + 1e-6)
                if score > best.score { best = (i, j, score) }
            }
        }

        var rng = GSMRandom(seed: seed)
        let conditions = try [best.first, best.second].map { index in
            let grating = candidates[index]
            let response = try model.respond(
                to: [grating.image()], trials: samples, readout: .latent,
                sampleIntervalSeconds: 1, using: &rng)
            let units = model.z1Size + model.z2Size
            var draws = [Double](repeating: 0, count: samples * model.z1Size)
            for trial in 0..<samples {
                for unit in 0..<model.z1Size {
                    draws[trial * model.z1Size + unit] = response.values[trial * units + unit]
                }
            }
            let correlation = GSMStatistics.correlation(
                fromCovariance: GSMStatistics.sampleCovariance(
                    draws, count: samples, n: model.z1Size),
                n: model.z1Size)
            let offDiagonal = GSMStatistics.upperTriangle(correlation, n: model.z1Size)
                .filter(\.isFinite)
            return Condition(
                directionDegrees: grating.directionDegrees, phaseDegrees: grating.phaseDegrees,
                contrast: grating.contrast,
                meanCorrelation: offDiagonal.isEmpty
                    ? .nan : offDiagonal.reduce(0, +) / Double(offDiagonal.count),
                correlation: correlation)
        }

        let first = GSMStatistics.upperTriangle(conditions[0].correlation, n: model.z1Size)
        let second = GSMStatistics.upperTriangle(conditions[1].correlation, n: model.z1Size)
        let differences = zip(first, second).map { $0 - $1 }.filter(\.isFinite)
        return ContextExperiment(
            first: conditions[0], second: conditions[1],
            z1MeanDistance: distance(means[best.first].z1, means[best.second].z1),
            z2MeanDistance: distance(means[best.first].z2, means[best.second].z2),
            correlationSimilarity: GSMStatistics.pearson(first, second),
            correlationDifferenceRMS: differences.isEmpty ? .nan
                : (differences.reduce(0) { $0 + $1 * $1 } / Double(differences.count))
                    .squareRoot(),
            samples: samples)
    }

    private static func distance(_ a: [Double], _ b: [Double]) -> Double {
        zip(a, b).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }.squareRoot()
    }
}
