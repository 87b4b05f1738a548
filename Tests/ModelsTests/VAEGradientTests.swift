import Numerics
import XCTest

@testable import Models

/// Compares the hand-written backward pass with central finite differences of the loss,
/// for every parameter of a small model, with the sampling noise held fixed.
final class VAEGradientTests: XCTestCase {
    private func tinyConfiguration(
        activation: Activation, decoderForm: VAEConfiguration.DecoderForm,
        variance: VAEConfiguration.DecoderVariance
    ) -> VAEConfiguration {
        VAEConfiguration(
            inputSize: 6, z2Size: 2, z1Size: 3, encoderZ2HiddenSizes: [5],
            encoderZ1HiddenSizes: [4], priorZ1HiddenSizes: [3], decoderHiddenSizes: [5],
            activation: activation, decoderForm: decoderForm, decoderVariance: variance,
            beta: 0.7, batchSize: 4, seed: 11)
    }

    /// Returns (checked entries, entries outside tolerance, worst entry description).
    private func checkGradients(_ configuration: VAEConfiguration) throws -> (Int, Int, String) {
        let model = try HierarchicalVAE(configuration: configuration)
        var generator = RandomGenerator(seed: 5)
        let batch = try Matrix(
            rows: 4, cols: configuration.inputSize,
            values: generator.normalArray(count: 4 * configuration.inputSize))
        let e2 = generator.normalArray(count: 4 * configuration.z2Size)
        let e1 = generator.normalArray(count: 4 * configuration.z1Size)

        _ = model.lossAndGradients(batch: batch, noiseZ2: e2, noiseZ1: e1)
        let analytic = model.gradients.toArray()
        // Float rounding of a loss near 10 is about 1e-6, so differences over 2e-2 carry
        // an absolute noise near 5e-5; the 1e-2 floor below keeps that from counting.
        let step: Float = 1e-2
        var failures = 0
        var worst = ""
        var worstError = 0.0
        for tensor in model.parameterTensors {
            for index in tensor.offset..<(tensor.offset + tensor.count) {
                let original = model.parameters.pointer[index]
                model.parameters.pointer[index] = original + step
                let plus = model.lossAndGradients(batch: batch, noiseZ2: e2, noiseZ1: e1)
                model.parameters.pointer[index] = original - step
                let minus = model.lossAndGradients(batch: batch, noiseZ2: e2, noiseZ1: e1)
                model.parameters.pointer[index] = original
                let numeric = (plus - minus) / (2 * Double(step))
                let exact = Double(analytic[index])
                let error = abs(numeric - exact) / (max(abs(numeric), abs(exact)) + 1e-2)
                if error > 1e-2 { failures += 1 }
                if error > worstError {
                    worstError = error
                    worst =
                        "\(tensor.name)[\(index - tensor.offset)]: analytic \(exact), "
                        + "numeric \(numeric)"
                }
            }
        }
        return (model.parameterCount, failures, worst)
    }

    func testGradientsTanhMLPPerPixelVariance() throws {
        let configuration = tinyConfiguration(
            activation: .tanh, decoderForm: .mlp,
            variance: .learnedPerPixel(initialLogVariance: 0.3))
        let (count, failures, worst) = try checkGradients(configuration)
        XCTAssertEqual(failures, 0, "\(failures) of \(count) gradients off; worst \(worst)")
    }

    func testGradientsSoftplusLinearScalarVariance() throws {
        let configuration = tinyConfiguration(
            activation: .softplus, decoderForm: .linear,
            variance: .learnedScalar(initialLogVariance: -0.2))
        let (count, failures, worst) = try checkGradients(configuration)
        XCTAssertEqual(failures, 0, "\(failures) of \(count) gradients off; worst \(worst)")
    }

    func testGradientsReLUFixedVariance() throws {
        let configuration = tinyConfiguration(
            activation: .relu, decoderForm: .mlp, variance: .fixed(0.5))
        let (count, failures, worst) = try checkGradients(configuration)
        // A kink of ReLU inside the difference interval spoils a few entries.
        XCTAssertLessThanOrEqual(
            failures, count / 50, "\(failures) of \(count) gradients off; worst \(worst)")
    }
}
