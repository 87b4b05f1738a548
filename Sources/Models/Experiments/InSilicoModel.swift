/// The quantity an in-silico experiment records from a model on each sample of a trial.
public enum ResponseReadout: String, Sendable, CaseIterable {
    /// A sample of the latent's posterior (for the GSM, y itself).
    case latent
    /// The membrane potential of a posterior sample (for the GSM, `sign(y)|y|^alpha`).
    case membranePotential = "membrane_potential"
    /// The firing rate of a posterior sample, in spikes per second.
    case firingRate = "firing_rate"
    /// A Poisson spike count with mean `rate * sampleIntervalSeconds`.
    case spikeCount = "spike_count"
    /// The posterior mean, the same on every trial.
    case posteriorMean = "posterior_mean"
}

/// A model's responses to one stimulus: trials x units x samples, row-major.
public struct ModelResponse: Sendable, Equatable {
    public let trials: Int
    public let units: Int
    public let samples: Int
    /// Values at `(trial * units + unit) * samples + sample`.
    public var values: [Double]

    public init(trials: Int, units: Int, samples: Int, values: [Double]) throws {
        guard values.count == trials * units * samples else {
            throw ExperimentError.invalidProtocol(
                "a response of \(trials) trials x \(units) units x \(samples) samples needs "
                    + "\(trials * units * samples) values, got \(values.count)")
        }
        self.trials = trials
        self.units = units
        self.samples = samples
        self.values = values
    }

    public subscript(trial: Int, unit: Int, sample: Int) -> Double {
        values[(trial * units + unit) * samples + sample]
    }
}

/// A model that an in-silico experiment can show stimuli to, like an animal in a rig.
///
/// A model with posterior inference (the GSM, a VAE) responds to each sample with a fresh
/// posterior sample of its latents given the frame shown at that sample.
public protocol InSilicoModel: Sendable {
    /// A short label for `Dataset.Origin.simulated` (for example "gsm").
    var name: String { get }
    /// One identifier per recorded unit (for the GSM, the latents `y1` ... `yDy`).
    var unitIDs: [String] { get }
    /// The patch size the model takes, in pixels.
    var inputWidth: Int { get }
    var inputHeight: Int { get }
    /// The readouts `respond` accepts.
    var supportedReadouts: [ResponseReadout] { get }

    /// Returns the responses to `trials` repeats of a stimulus.
    ///
    /// - Parameters:
    ///   - frames: one image per sample (row-major, `inputHeight x inputWidth`), the frame
    ///     shown when that sample is taken.
    ///   - sampleIntervalSeconds: the time between samples, for spike counts.
    /// - Returns: trials x units x `frames.count` samples.
    /// - Throws: an error naming the problem for a readout the model does not support, a
    ///   frame of the wrong size or a NaN pixel.
    func respond<R: RandomNumberGenerator>(
        to frames: [[Double]], trials: Int, readout: ResponseReadout,
        sampleIntervalSeconds: Double, using rng: inout R
    ) throws -> ModelResponse
}

/// Errors raised by in-silico experiments.
public enum ExperimentError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The protocol cannot run (no conditions, no trials, a stimulus of the wrong size).
    case invalidProtocol(String)
    /// The model does not record this readout.
    case unsupportedReadout(model: String, readout: ResponseReadout)

    public var description: String {
        switch self {
        case .invalidProtocol(let message):
            return message
        case .unsupportedReadout(let model, let readout):
            return "model '\(model)' does not support the readout '\(readout.rawValue)'"
        }
    }
}
