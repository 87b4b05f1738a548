import COpenBLAS
import Foundation

/// The Adam optimiser updating one flat float32 parameter buffer in place.
///
/// Kingma and Ba, "Adam: A Method for Stochastic Optimization" (2015), in the form PyTorch's
/// `torch.optim.Adam` uses: with bias corrections `c1 = 1 - beta1^t` and `c2 = 1 - beta2^t`,
/// `m = beta1 m + (1 - beta1) g`, `v = beta2 v + (1 - beta2) g^2` and
/// `p -= (lr / c1) * m / (sqrt(v) / sqrt(c2) + eps)`.
public final class Adam {
    /// Step size.
    public var learningRate: Float
    /// Decay of the first-moment average.
    public let beta1: Float
    /// Decay of the second-moment average.
    public let beta2: Float
    /// Term added to the denominator for numerical stability.
    public let epsilon: Float
    /// Number of updates made so far (t in the formula).
    public internal(set) var step: Int = 0
    /// First-moment estimates, one per parameter.
    public let firstMoment: FloatBuffer
    /// Second-moment estimates, one per parameter.
    public let secondMoment: FloatBuffer

    /// Creates an optimiser for `parameterCount` parameters with zero moments.
    public init(
        parameterCount: Int, learningRate: Float = 1e-3, beta1: Float = 0.9,
        beta2: Float = 0.999, epsilon: Float = 1e-8
    ) {
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        firstMoment = FloatBuffer(count: parameterCount)
        secondMoment = FloatBuffer(count: parameterCount)
    }

    /// Restores the step count and moments, for resuming from a checkpoint.
    ///
    /// - Throws: `NumericsError.shapeMismatch` when a moment array has the wrong length.
    public func restore(step: Int, firstMoment m: [Float], secondMoment v: [Float]) throws {
        guard m.count == firstMoment.count, v.count == secondMoment.count, step >= 0 else {
            throw NumericsError.shapeMismatch(
                "Adam state needs \(firstMoment.count) moments and a step >= 0; got "
                    + "\(m.count) and \(v.count) moments and step \(step)")
        }
        self.step = step
        for i in 0..<m.count {
            firstMoment.pointer[i] = m[i]
            secondMoment.pointer[i] = v[i]
        }
    }

    /// Applies one update to `parameters` from `gradients`, both `firstMoment.count` long.
    public func update(
        parameters: UnsafeMutablePointer<Float>, gradients: UnsafePointer<Float>
    ) {
        applyUpdate(
            parameters: parameters, gradients: UnsafeMutablePointer(mutating: gradients),
            zeroGradients: false)
    }

    /// Applies one update like `update`, then sets every gradient to zero in the same pass,
    /// so the next backward pass can accumulate into the buffer without a separate clear.
    public func updateAndZeroGradients(
        parameters: UnsafeMutablePointer<Float>, gradients: UnsafeMutablePointer<Float>
    ) {
        applyUpdate(parameters: parameters, gradients: gradients, zeroGradients: true)
    }

    private func applyUpdate(
        parameters: UnsafeMutablePointer<Float>, gradients: UnsafeMutablePointer<Float>,
        zeroGradients: Bool
    ) {
        step += 1
        let t = Double(step)
        let correction1 = 1 - Foundation.pow(Double(beta1), t)
        let correction2 = 1 - Foundation.pow(Double(beta2), t)
        let stepSize = Float(Double(learningRate) / correction1)
        let inverseRootCorrection2 = Float(1 / correction2.squareRoot())
        cortexscope_adam_update(
            parameters, gradients, firstMoment.pointer, secondMoment.pointer,
            firstMoment.count, beta1, beta2, stepSize, inverseRootCorrection2, epsilon,
            zeroGradients ? 1 : 0)
    }
}
