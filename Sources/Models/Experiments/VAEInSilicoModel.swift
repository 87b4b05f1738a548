import Foundation
import Numerics

/// A trained hierarchical VAE as an in-silico subject: its units are the z1 latents
/// (`z1_1` ... ) followed by the z2 latents (`z2_1` ... ).
///
/// With the `latent` readout each trial is one ancestral sample of the recognition model,
/// `z2 ~ q(z2 | x)` and then `z1 ~ q(z1 | x, z2)`, so z1 varies from trial to trial through
/// both its own noise and the uncertainty of z2. With `posteriorMean` every trial shows the
/// mean of q(z2 | x) and the mean of q(z1 | x, z2) at that mean.
///
/// The recognition networks' weights are copied out of the `HierarchicalVAE` through its
/// public `tensor(named:)`, so this value is immutable and safe to share between threads,
/// which the VAE class itself is not. Arithmetic is in Double.
public struct VAEInSilicoModel: InSilicoModel {
    public let name: String
    public let unitIDs: [String]
    public let inputWidth: Int
    public let inputHeight: Int
    public var supportedReadouts: [ResponseReadout] { [.latent, .posteriorMean] }
    public let z1Size: Int
    public let z2Size: Int
    let encoderZ2: DenseNetwork
    let encoderZ1: DenseNetwork

    /// Copies the recognition networks q(z2 | x) and q(z1 | x, z2) of `vae`.
    ///
    /// - Throws: `ExperimentError.invalidProtocol` when the input size is not a square
    ///   number of pixels, and `VAEError.invalidCheckpoint` when a weight tensor is missing.
    public init(vae: HierarchicalVAE, name: String = "vae") throws {
        let configuration = vae.configuration
        let side = Int(Double(configuration.inputSize).squareRoot().rounded())
        guard side * side == configuration.inputSize else {
            throw ExperimentError.invalidProtocol(
                "the VAE takes \(configuration.inputSize) pixels, which is not a square patch")
        }
        self.name = name
        self.inputWidth = side
        self.inputHeight = side
        self.z1Size = configuration.z1Size
        self.z2Size = configuration.z2Size
        self.unitIDs = (1...configuration.z1Size).map { "z1_\($0)" }
            + (1...configuration.z2Size).map { "z2_\($0)" }
        let z2Widths = [configuration.inputSize] + configuration.encoderZ2HiddenSizes
            + [2 * configuration.z2Size]
        let z1Widths = [configuration.inputSize + configuration.z2Size]
            + configuration.encoderZ1HiddenSizes + [2 * configuration.z1Size]
        encoderZ2 = try DenseNetwork(
            vae: vae, prefix: "q_z2", widths: z2Widths, activation: configuration.activation)
        encoderZ1 = try DenseNetwork(
            vae: vae, prefix: "q_z1", widths: z1Widths, activation: configuration.activation)
    }

    /// Loads a checkpoint written by `HierarchicalVAE.saveCheckpoint(to:)`.
    public init(checkpointAt url: URL, name: String = "vae") throws {
        try self.init(vae: try HierarchicalVAE(checkpointAt: url), name: name)
    }

    /// Computes the mean and variance of q(z2 | x) for one image.
    public func z2Posterior(image: [Double]) throws -> (mean: [Double], variance: [Double]) {
        let output = try encoderZ2.forward(try checkedInput(image), rows: 1)
        return (Array(output[0..<z2Size]), output[z2Size..<(2 * z2Size)].map { exp($0) })
    }

    /// Computes the means and variances of q(z1 | x, z2), one row per row of `z2` (rows x z2Size).
    public func z1Posterior(image: [Double], z2: [Double], rows: Int) throws
        -> (mean: [Double], variance: [Double])
    {
        let x = try checkedInput(image)
        var input = [Double](repeating: 0, count: rows * (x.count + z2Size))
        for row in 0..<rows {
            let base = row * (x.count + z2Size)
            for index in x.indices { input[base + index] = x[index] }
            for unit in 0..<z2Size { input[base + x.count + unit] = z2[row * z2Size + unit] }
        }
        let output = try encoderZ1.forward(input, rows: rows)
        var mean = [Double](repeating: 0, count: rows * z1Size)
        var variance = mean
        for row in 0..<rows {
            for unit in 0..<z1Size {
                mean[row * z1Size + unit] = output[row * 2 * z1Size + unit]
                variance[row * z1Size + unit] = exp(output[row * 2 * z1Size + z1Size + unit])
            }
        }
        return (mean, variance)
    }

    public func respond<R: RandomNumberGenerator>(
        to frames: [[Double]], trials: Int, readout: ResponseReadout,
        sampleIntervalSeconds: Double, using rng: inout R
    ) throws -> ModelResponse {
        guard supportedReadouts.contains(readout) else {
            throw ExperimentError.unsupportedReadout(model: name, readout: readout)
        }
        guard trials >= 0 else {
            throw ExperimentError.invalidProtocol("the trial count is \(trials)")
        }
        let units = z1Size + z2Size
        let samples = frames.count
        var values = [Double](repeating: 0, count: trials * units * samples)
        for (sample, frame) in frames.enumerated() {
            let latents = try draw(frame: frame, trials: trials, readout: readout, using: &rng)
            for trial in 0..<trials {
                for unit in 0..<units {
                    values[(trial * units + unit) * samples + sample] =
                        latents[trial * units + unit]
                }
            }
        }
        return try ModelResponse(trials: trials, units: units, samples: samples, values: values)
    }

    /// Draws `trials` rows of `[z1, z2]` for one frame.
    private func draw<R: RandomNumberGenerator>(
        frame: [Double], trials: Int, readout: ResponseReadout, using rng: inout R
    ) throws -> [Double] {
        let z2Posterior = try z2Posterior(image: frame)
        var z2 = [Double](repeating: 0, count: trials * z2Size)
        for trial in 0..<trials {
            for unit in 0..<z2Size {
                let noise = readout == .latent ? GSMSampling.standardNormal(using: &rng) : 0
                z2[trial * z2Size + unit] =
                    z2Posterior.mean[unit] + z2Posterior.variance[unit].squareRoot() * noise
            }
        }
        let z1Posterior = try z1Posterior(image: frame, z2: z2, rows: trials)
        let units = z1Size + z2Size
        var latents = [Double](repeating: 0, count: trials * units)
        for trial in 0..<trials {
            for unit in 0..<z1Size {
                let index = trial * z1Size + unit
                let noise = readout == .latent ? GSMSampling.standardNormal(using: &rng) : 0
                latents[trial * units + unit] =
                    z1Posterior.mean[index] + z1Posterior.variance[index].squareRoot() * noise
            }
            for unit in 0..<z2Size {
                latents[trial * units + z1Size + unit] = z2[trial * z2Size + unit]
            }
        }
        return latents
    }

    private func checkedInput(_ image: [Double]) throws -> [Double] {
        guard image.count == inputWidth * inputHeight else {
            throw ExperimentError.invalidProtocol(
                "the image has \(image.count) pixels but model '\(name)' takes "
                    + "\(inputWidth)x\(inputHeight)")
        }
        if let index = image.firstIndex(where: { !$0.isFinite }) {
            throw ExperimentError.invalidProtocol(
                "the image has \(image[index]) at pixel \(index); pixels must be finite")
        }
        return image
    }
}

/// A stack of dense layers copied from a VAE network, with the activation after every layer
/// but the last, as `HierarchicalVAE` builds its networks.
struct DenseNetwork: Sendable {
    /// Per layer: weights row-major `[out, in]` (PyTorch's layout) and biases.
    let layers: [(weights: [Double], biases: [Double], inputs: Int, outputs: Int)]
    let activation: Activation

    init(vae: HierarchicalVAE, prefix: String, widths: [Int], activation: Activation) throws {
        layers = try (0..<(widths.count - 1)).map { index in
            let name = "\(prefix).layers.\(index)"
            let weights = try vae.tensor(named: name + ".weight").map(Double.init)
            let biases = try vae.tensor(named: name + ".bias").map(Double.init)
            return (weights, biases, widths[index], widths[index + 1])
        }
        self.activation = activation
    }

    /// Runs the network on `rows` rows of `input`, returning `rows x outputs` values.
    func forward(_ input: [Double], rows: Int) throws -> [Double] {
        var current = input
        for (index, layer) in layers.enumerated() {
            var output = try LinearAlgebra.multiply(
                current, layer.weights, m: rows, k: layer.inputs, n: layer.outputs,
                transposeB: true)
            for row in 0..<rows {
                for unit in 0..<layer.outputs {
                    output[row * layer.outputs + unit] += layer.biases[unit]
                }
            }
            if index < layers.count - 1 {
                output = output.map(apply)
            }
            current = output
        }
        return current
    }

    private func apply(_ value: Double) -> Double {
        switch activation {
        case .relu: max(value, 0)
        case .tanh: tanh(value)
        case .softplus: max(value, 0) + log1p(exp(-abs(value)))
        case .identity: value
        }
    }
}
