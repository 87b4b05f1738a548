import Foundation
import Numerics

/// A two-layer hierarchical variational autoencoder of image patches, standing for V1 (z1)
/// and V2 (z2), trained with a hand-written backward pass and Adam.
///
/// Generative model: p(z2) = N(0, I), p(z1 | z2) = N(mu_p(z2), diag exp(l_p(z2))),
/// p(x | z1) = N(decoder(z1), diag sigma_x^2). Recognition: q(z2 | x) and q(z1 | x, z2),
/// diagonal Gaussians from MLPs; q(z1 | .) reads the concatenation [x, z2 sample].
/// Samples are reparameterised (z = mu + exp(l / 2) eps) and the KL terms are analytic.
///
/// All weights and biases live in one flat float32 buffer, as do their gradients, so one
/// Adam pass updates the whole model. The instance is not thread-safe: use it from one
/// thread or queue at a time.
public final class HierarchicalVAE {
    /// The architecture and training settings.
    public let configuration: VAEConfiguration
    /// Every named weight and bias with its place in the flat parameter buffer.
    public let parameterTensors: [ParameterTensor]

    let parameters: FloatBuffer
    /// Gradients at the parameters' offsets; zero between steps because the optimiser
    /// clears them, so backward passes accumulate into them with beta = 1.
    let gradients: FloatBuffer
    let optimizer: Adam
    /// Source of the training noise; its state is saved in checkpoints.
    var random: RandomGenerator

    let encoderZ2: MultilayerPerceptron
    let encoderZ1: MultilayerPerceptron
    let priorZ1: MultilayerPerceptron
    let decoder: MultilayerPerceptron
    /// The decoder log-variance tensor (1 or `inputSize` elements) when it is learned.
    let decoderLogVariance: ParameterTensor?

    /// Rows of the preallocated workspace: the training batch size.
    let capacity: Int
    /// `[x, z2]` rows, the input of q(z1 | x, z2); columns from `inputSize` on hold z2.
    let encoderZ1Input: FloatBuffer
    let noiseZ2: FloatBuffer
    let noiseZ1: FloatBuffer
    let z1: FloatBuffer
    let z1Gradient: FloatBuffer
    let z2Gradient: FloatBuffer
    /// Per-pixel 1 / sigma_x^2 and the sum of log sigma_x^2, refreshed each forward pass.
    let decoderPrecision: FloatBuffer
    var decoderLogVarianceSum: Double = 0
    /// Per-pixel scratch: the decoder log-variances, then the sums for their gradient.
    let decoderLogVarianceScratch: FloatBuffer
    /// Per-row terms of the latest forward pass.
    let rowReconstruction: FloatBuffer
    let rowKLZ2: FloatBuffer
    let rowKLZ1: FloatBuffer

    /// Number of Adam updates made so far.
    public var step: Int { optimizer.step }

    /// Total number of trainable parameters.
    public var parameterCount: Int { parameters.count }

    /// Creates a model with PyTorch's default dense-layer initialisation: weights and biases
    /// uniform in (-1/sqrt(fan_in), 1/sqrt(fan_in)), drawn from `configuration.seed`.
    ///
    /// - Throws: `VAEError.invalidConfiguration` when `configuration.validate()` fails.
    public init(configuration: VAEConfiguration) throws {
        try configuration.validate()
        self.configuration = configuration
        let c = configuration
        capacity = c.batchSize

        var layout = ParameterLayoutBuilder()
        let z2Widths = [c.inputSize] + c.encoderZ2HiddenSizes + [2 * c.z2Size]
        let z1Widths = [c.inputSize + c.z2Size] + c.encoderZ1HiddenSizes + [2 * c.z1Size]
        let priorWidths = [c.z2Size] + c.priorZ1HiddenSizes + [2 * c.z1Size]
        let decoderHidden = c.decoderForm == .mlp ? c.decoderHiddenSizes : []
        let decoderWidths = [c.z1Size] + decoderHidden + [c.inputSize]
        let networkSpecs: [(String, [Int])] = [
            ("q_z2", z2Widths), ("q_z1", z1Widths), ("p_z1", priorWidths),
            ("decoder", decoderWidths),
        ]
        var offsets: [[(weight: Int, bias: Int)]] = []
        for (name, widths) in networkSpecs {
            var layerOffsets: [(weight: Int, bias: Int)] = []
            for index in 0..<(widths.count - 1) {
                let prefix = "\(name).layers.\(index)"
                let weight = layout.add(
                    prefix + ".weight", shape: [widths[index + 1], widths[index]])
                let bias = layout.add(prefix + ".bias", shape: [widths[index + 1]])
                layerOffsets.append((weight, bias))
            }
            offsets.append(layerOffsets)
        }
        var logVarianceOffset: Int?
        var initialLogVariance: Float = 0
        switch c.decoderVariance {
        case .fixed:
            break
        case .learnedScalar(let value):
            logVarianceOffset = layout.add("decoder.log_variance", shape: [1])
            initialLogVariance = value
        case .learnedPerPixel(let value):
            logVarianceOffset = layout.add("decoder.log_variance", shape: [c.inputSize])
            initialLogVariance = value
        }
        parameterTensors = layout.tensors
        decoderLogVariance = layout.tensors.first { $0.name == "decoder.log_variance" }
        parameters = FloatBuffer(count: layout.totalCount)
        gradients = FloatBuffer(count: layout.totalCount)
        optimizer = Adam(parameterCount: layout.totalCount, learningRate: c.learningRate)
        random = RandomGenerator(seed: c.seed)

        var networks: [MultilayerPerceptron] = []
        for ((_, widths), layerOffsets) in zip(networkSpecs, offsets) {
            var layers: [DenseLayer] = []
            for (index, offset) in layerOffsets.enumerated() {
                layers.append(
                    DenseLayer(
                        inputSize: widths[index], outputSize: widths[index + 1],
                        weight: parameters.pointer + offset.weight,
                        bias: parameters.pointer + offset.bias,
                        weightGradient: gradients.pointer + offset.weight,
                        biasGradient: gradients.pointer + offset.bias))
            }
            networks.append(
                MultilayerPerceptron(
                    layers: layers, activation: c.activation, capacity: c.batchSize))
        }
        encoderZ2 = networks[0]
        encoderZ1 = networks[1]
        priorZ1 = networks[2]
        decoder = networks[3]

        encoderZ1Input = FloatBuffer(count: capacity * (c.inputSize + c.z2Size))
        noiseZ2 = FloatBuffer(count: capacity * c.z2Size)
        noiseZ1 = FloatBuffer(count: capacity * c.z1Size)
        z1 = FloatBuffer(count: capacity * c.z1Size)
        z1Gradient = FloatBuffer(count: capacity * c.z1Size)
        z2Gradient = FloatBuffer(count: capacity * c.z2Size)
        decoderPrecision = FloatBuffer(count: c.inputSize)
        decoderLogVarianceScratch = FloatBuffer(count: c.inputSize)
        rowReconstruction = FloatBuffer(count: capacity)
        rowKLZ2 = FloatBuffer(count: capacity)
        rowKLZ1 = FloatBuffer(count: capacity)

        initialiseWeights()
        if let offset = logVarianceOffset, let tensor = decoderLogVariance {
            (parameters.pointer + offset).update(repeating: initialLogVariance, count: tensor.count)
        }
    }

    private func initialiseWeights() {
        for network in [encoderZ2, encoderZ1, priorZ1, decoder] {
            for layer in network.layers {
                let bound = 1 / Float(layer.inputSize).squareRoot()
                let weights = UnsafeMutableBufferPointer(
                    start: layer.weight, count: layer.inputSize * layer.outputSize)
                random.fillUniform(weights, lower: -bound, upper: bound)
                let biases = UnsafeMutableBufferPointer(start: layer.bias, count: layer.outputSize)
                random.fillUniform(biases, lower: -bound, upper: bound)
            }
        }
    }

    /// Returns a copy of the named parameter tensor's values (row-major).
    ///
    /// - Throws: `VAEError.invalidCheckpoint` when no tensor has that name.
    public func tensor(named name: String) throws -> [Float] {
        let tensor = try parameterTensor(named: name)
        return Array(
            UnsafeBufferPointer(start: parameters.pointer + tensor.offset, count: tensor.count))
    }

    /// Replaces the named parameter tensor's values (row-major).
    ///
    /// - Throws: `VAEError.invalidCheckpoint` when no tensor has that name, or
    ///   `VAEError.shapeMismatch` when `values` has the wrong length.
    public func setTensor(named name: String, values: [Float]) throws {
        let tensor = try parameterTensor(named: name)
        guard values.count == tensor.count else {
            throw VAEError.shapeMismatch(
                "\(name) has shape \(tensor.shape) (\(tensor.count) values), got \(values.count)")
        }
        for (index, value) in values.enumerated() {
            parameters.pointer[tensor.offset + index] = value
        }
    }

    func parameterTensor(named name: String) throws -> ParameterTensor {
        guard let tensor = parameterTensors.first(where: { $0.name == name }) else {
            throw VAEError.invalidCheckpoint(
                "no parameter named \(name); the model has "
                    + parameterTensors.map(\.name).joined(separator: ", "))
        }
        return tensor
    }
}
