/// The architecture and training settings of a two-layer hierarchical VAE.
///
/// The generative model is p(z2) = N(0, I), p(z1 | z2) a diagonal Gaussian from an MLP, and
/// p(x | z1) a Gaussian whose mean comes from the decoder. Recognition is q(z2 | x) and
/// q(z1 | x, z2), both diagonal Gaussians from MLPs. Hidden sizes list the widths of the
/// hidden layers only; the input and output widths follow from the latent sizes.
public struct VAEConfiguration: Codable, Equatable, Sendable {
    /// How the decoder maps z1 to the mean of x.
    public enum DecoderForm: String, Codable, Sendable {
        /// An MLP with `decoderHiddenSizes` hidden layers.
        case mlp
        /// One dense layer, x = A z1 + a, as in sparse coding; the columns of A are the
        /// units' receptive fields.
        case linear
    }

    /// How the per-pixel variance of p(x | z1) is set.
    public enum DecoderVariance: Codable, Equatable, Sendable {
        /// A fixed variance in squared pixel units.
        case fixed(Float)
        /// One learned log-variance shared by all pixels, starting at `initialLogVariance`.
        case learnedScalar(initialLogVariance: Float)
        /// One learned log-variance per pixel, each starting at `initialLogVariance`.
        case learnedPerPixel(initialLogVariance: Float)
    }

    /// Number of pixels in a patch (patch side squared).
    public var inputSize: Int
    /// Number of top-level latents z2.
    public var z2Size: Int
    /// Number of lower-level latents z1.
    public var z1Size: Int
    /// Hidden widths of q(z2 | x).
    public var encoderZ2HiddenSizes: [Int]
    /// Hidden widths of q(z1 | x, z2).
    public var encoderZ1HiddenSizes: [Int]
    /// Hidden widths of p(z1 | z2).
    public var priorZ1HiddenSizes: [Int]
    /// Hidden widths of the decoder; ignored when `decoderForm` is `.linear`.
    public var decoderHiddenSizes: [Int]
    /// Nonlinearity after every hidden layer.
    public var activation: Activation
    /// Decoder form.
    public var decoderForm: DecoderForm
    /// Decoder variance.
    public var decoderVariance: DecoderVariance
    /// Weight on the two KL terms in the training loss; 1 gives the ELBO.
    public var beta: Float
    /// Training steps over which the KL weight rises linearly from beta / klWarmupSteps to
    /// beta (KL warm-up, Sønderby et al., "Ladder Variational Autoencoders", 2016); 0 uses
    /// beta from the first step.
    public var klWarmupSteps: Int
    /// Patches per training step.
    public var batchSize: Int
    /// Adam step size.
    public var learningRate: Float
    /// Seed of the weight initialisation and the training noise.
    public var seed: UInt64

    /// Creates a configuration; the defaults are the reference architecture.
    public init(
        inputSize: Int = 256, z2Size: Int = 32, z1Size: Int = 128,
        encoderZ2HiddenSizes: [Int] = [512, 512], encoderZ1HiddenSizes: [Int] = [512, 512],
        priorZ1HiddenSizes: [Int] = [256], decoderHiddenSizes: [Int] = [512, 512],
        activation: Activation = .relu, decoderForm: DecoderForm = .mlp,
        decoderVariance: DecoderVariance = .learnedScalar(initialLogVariance: 0),
        beta: Float = 1, klWarmupSteps: Int = 1000, batchSize: Int = 128,
        learningRate: Float = 1e-3, seed: UInt64 = 1
    ) {
        self.inputSize = inputSize
        self.z2Size = z2Size
        self.z1Size = z1Size
        self.encoderZ2HiddenSizes = encoderZ2HiddenSizes
        self.encoderZ1HiddenSizes = encoderZ1HiddenSizes
        self.priorZ1HiddenSizes = priorZ1HiddenSizes
        self.decoderHiddenSizes = decoderHiddenSizes
        self.activation = activation
        self.decoderForm = decoderForm
        self.decoderVariance = decoderVariance
        self.beta = beta
        self.klWarmupSteps = klWarmupSteps
        self.batchSize = batchSize
        self.learningRate = learningRate
        self.seed = seed
    }

    /// The reference architecture for 16 x 16 patches: q(z2|x) 256-512-512-(2x32),
    /// q(z1|x,z2) (256+32)-512-512-(2x128), p(z1|z2) 32-256-(2x128), decoder 128-512-512-256,
    /// ReLU, a learned scalar decoder variance starting at 1, batch 128, Adam with step size
    /// 1e-3 and a KL warm-up over 1000 steps.
    ///
    /// NOTE: Without the warm-up this architecture collapses its posterior on synthetic
    /// gratings (both KL terms fall below 0.01 nats within 800 steps and the decoder ignores
    /// z1). A PyTorch model of the same architecture followed the same trajectory, so this
    /// comes from the model, not from the hand-written gradients.
    public static let reference = VAEConfiguration()

    /// Limits that keep a configuration file from asking for more memory than a lab
    /// server has; the reference model is far below each.
    public static let maximumPatchSide = 128
    public static let maximumBatchSize = 65_536
    public static let maximumParameterCount = 200_000_000

    /// The number of weights and biases of all four networks.
    public var parameterCount: Int {
        func mlp(_ widths: [Int]) -> Int {
            zip(widths, widths.dropFirst()).reduce(0) { total, pair in
                let (input, output) = pair
                let (product, overflow) = input.multipliedReportingOverflow(by: output)
                return overflow ? Int.max / 2 : min(Int.max / 2, total + product + output)
            }
        }
        let decoderWidths = decoderForm == .linear
            ? [z1Size, inputSize] : [z1Size] + decoderHiddenSizes + [inputSize]
        let counts = [
            mlp([inputSize] + encoderZ2HiddenSizes + [2 * z2Size]),
            mlp([inputSize + z2Size] + encoderZ1HiddenSizes + [2 * z1Size]),
            mlp([z2Size] + priorZ1HiddenSizes + [2 * z1Size]),
            mlp(decoderWidths),
        ]
        return counts.reduce(0) { min(Int.max / 2, $0 + $1) }
    }

    /// Checks that every size is positive and within the limits, and every number finite.
    ///
    /// - Throws: `VAEError.invalidConfiguration` naming the first bad field.
    public func validate() throws {
        let sizes: [(String, Int)] = [
            ("inputSize", inputSize), ("z2Size", z2Size), ("z1Size", z1Size),
            ("batchSize", batchSize),
        ]
        for (name, value) in sizes where value < 1 {
            throw VAEError.invalidConfiguration("\(name) must be at least 1, got \(value)")
        }
        let hidden: [(String, [Int])] = [
            ("encoderZ2HiddenSizes", encoderZ2HiddenSizes),
            ("encoderZ1HiddenSizes", encoderZ1HiddenSizes),
            ("priorZ1HiddenSizes", priorZ1HiddenSizes),
            ("decoderHiddenSizes", decoderHiddenSizes),
        ]
        for (name, widths) in hidden where widths.contains(where: { $0 < 1 }) {
            throw VAEError.invalidConfiguration("\(name) must all be at least 1, got \(widths)")
        }
        guard inputSize <= Self.maximumPatchSide * Self.maximumPatchSide else {
            throw VAEError.invalidConfiguration(
                "inputSize must be at most \(Self.maximumPatchSide * Self.maximumPatchSide) "
                    + "pixels (a \(Self.maximumPatchSide)x\(Self.maximumPatchSide) patch), "
                    + "got \(inputSize)")
        }
        guard batchSize <= Self.maximumBatchSize else {
            throw VAEError.invalidConfiguration(
                "batchSize must be at most \(Self.maximumBatchSize), got \(batchSize)")
        }
        let parameters = parameterCount
        guard parameters <= Self.maximumParameterCount else {
            throw VAEError.invalidConfiguration(
                "the layer sizes give \(parameters) weights; the limit is "
                    + "\(Self.maximumParameterCount) (with gradients and Adam's two moments, "
                    + "4 bytes x 4 copies each); make the layers smaller")
        }
        guard beta.isFinite, beta >= 0 else {
            throw VAEError.invalidConfiguration("beta must be finite and >= 0, got \(beta)")
        }
        guard klWarmupSteps >= 0 else {
            throw VAEError.invalidConfiguration(
                "klWarmupSteps must be >= 0, got \(klWarmupSteps)")
        }
        guard learningRate.isFinite, learningRate > 0 else {
            throw VAEError.invalidConfiguration(
                "learningRate must be finite and > 0, got \(learningRate)")
        }
        switch decoderVariance {
        case .fixed(let variance):
            guard variance.isFinite, variance > 0 else {
                throw VAEError.invalidConfiguration(
                    "the fixed decoder variance must be finite and > 0, got \(variance)")
            }
        case .learnedScalar(let value), .learnedPerPixel(let value):
            guard value.isFinite else {
                throw VAEError.invalidConfiguration(
                    "the initial decoder log-variance must be finite, got \(value)")
            }
        }
    }
}
