import Data
import Foundation
import Models

/// A model's variability at one grating contrast, for plotting against contrast.
public struct ContrastPoint: Sendable, Equatable {
    /// The grating amplitude in the model's input units.
    public var contrast: Double
    /// The mean over units of the posterior variance.
    public var meanPosteriorVariance: Double
    /// The mean over firing units of the spike-count Fano factor; nil for a model without
    /// spikes (the VAE) or when no unit fires.
    public var fanoFactor: Double?
}

/// Variability against contrast for the models of simulated sessions. The `gsm` command
/// and the comparison screen call these functions, so both show the same numbers.
public enum ModelVariability {
    static let gsmSeries = ResultCache<[ContrastResult]>()
    static let vaeSeries = ResultCache<[ContrastPoint]>()

    /// The contrasts the comparison screen plots.
    public static let defaultContrasts: [Double] = [0, 0.5, 1, 2, 4, 8]

    /// Runs `GSMContrastSeries` on the GSM of a parameter file; cached by file, contrasts,
    /// samples and seed.
    public static func gsmContrastSeries(
        path: String, contrasts: [Double], samples: Int, seed: UInt64
    ) throws -> [ContrastResult] {
        let key = "\(SimulatedSessions.fileKey(path))|\(contrasts)|\(samples)|\(seed)"
        return try gsmSeries.value(for: key) {
            try GSMContrastSeries.run(
                model: try SimulatedSessions.gsmModel(path: path), contrasts: contrasts,
                samples: samples, seed: seed)
        }
    }

    /// Estimates the VAE's z1 posterior variance against contrast: for each contrast, a
    /// static grating (0 degrees, 0.125 cycles per pixel) is shown for `samples` trials, each
    /// an ancestral posterior sample, and the sample variance (ddof = 1) of each z1 unit is
    /// averaged over units. It includes the spread that z2's uncertainty adds to z1.
    public static func vaeContrastSeries(
        path: String, contrasts: [Double], samples: Int, seed: UInt64
    ) throws -> [ContrastPoint] {
        guard samples >= 2 else {
            throw ExperimentError.invalidProtocol(
                "the contrast series needs at least 2 samples per contrast, got \(samples)")
        }
        let key = "\(SimulatedSessions.fileKey(path))|\(contrasts)|\(samples)|\(seed)"
        return try vaeSeries.value(for: key) {
            let model = try SimulatedSessions.vaeModel(path: path)
            let geometry = try PatchGeometry(width: model.inputWidth, height: model.inputHeight)
            return try contrasts.map { contrast in
                let grating = try Grating(
                    directionDegrees: 0, cyclesPerPixel: 0.125, contrast: contrast,
                    geometry: geometry)
                var rng = GSMRandom(seed: seed ^ contrast.bitPattern)
                let response = try model.respond(
                    to: [grating.image()], trials: samples, readout: .latent,
                    sampleIntervalSeconds: 1, using: &rng)
                var total = 0.0
                for unit in 0..<model.z1Size {
                    let values = (0..<samples).map { response[$0, unit, 0] }
                    let mean = values.reduce(0, +) / Double(samples)
                    total += values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
                        / Double(samples - 1)
                }
                return ContrastPoint(
                    contrast: contrast, meanPosteriorVariance: total / Double(model.z1Size),
                    fanoFactor: nil)
            }
        }
    }

    /// Runs the contrast series of a simulated session's model, from the dataset's metadata;
    /// nil for a recording.
    public static func contrastSeries(
        for dataset: Dataset, contrasts: [Double] = defaultContrasts, samples: Int,
        seed: UInt64 = 1
    ) throws -> [ContrastPoint]? {
        guard let path = dataset.metadataValue("model_path") else { return nil }
        switch dataset.metadataValue("model_kind") {
        case "gsm":
            return try gsmContrastSeries(
                path: path, contrasts: contrasts, samples: samples, seed: seed
            ).map {
                ContrastPoint(
                    contrast: $0.contrast, meanPosteriorVariance: $0.meanPosteriorVariance,
                    fanoFactor: $0.fanoFactor.isFinite ? $0.fanoFactor : nil)
            }
        case "vae":
            return try vaeContrastSeries(
                path: path, contrasts: contrasts, samples: samples, seed: seed)
        default:
            return nil
        }
    }
}
