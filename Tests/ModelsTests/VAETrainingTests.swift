import Foundation
import Numerics
import XCTest

@testable import Models

final class VAETrainingTests: XCTestCase {
    static let smallConfiguration = VAEConfiguration(
        inputSize: 36, z2Size: 4, z1Size: 12, encoderZ2HiddenSizes: [32],
        encoderZ1HiddenSizes: [32], priorZ1HiddenSizes: [16], decoderHiddenSizes: [32],
        activation: .relu, decoderForm: .mlp,
        decoderVariance: .learnedScalar(initialLogVariance: 0), batchSize: 32,
        learningRate: 3e-3, seed: 17)

    func testHeldOutELBORisesDuringTraining() throws {
        let source = SyntheticGratingSource(side: 6, seed: 1)
        let heldOut = try SyntheticGratingSource(side: 6, seed: 2).batch(index: 0, size: 200)
        let model = try HierarchicalVAE(configuration: Self.smallConfiguration)
        let trainer = VAETrainer(
            model: model, source: source, heldOutPatches: heldOut,
            settings: VAETrainingSettings(evaluationInterval: 250, evaluationSamples: 2))
        let before = try XCTUnwrap(trainer.evaluateHeldOut())
        XCTAssertEqual(try trainer.run(untilStep: 1000), .completed)
        let progress = trainer.monitor.progress
        let after = try XCTUnwrap(progress.heldOutTerms)
        XCTAssertEqual(progress.step, 1000)
        XCTAssertEqual(progress.heldOutStep, 1000)
        XCTAssertGreaterThan(progress.patchesPerSecond, 0)
        XCTAssertGreaterThan(
            after.elbo, before.elbo + 8, "held-out ELBO \(before.elbo) -> \(after.elbo) nats")
        XCTAssertGreaterThan(after.reconstruction, before.reconstruction)
    }

    func testKLWarmupRisesLinearlyToBeta() throws {
        var configuration = Self.smallConfiguration
        configuration.beta = 0.5
        configuration.klWarmupSteps = 4
        let model = try HierarchicalVAE(configuration: configuration)
        XCTAssertEqual(model.klWeight(atStep: 0), 0.125)
        XCTAssertEqual(model.klWeight(atStep: 1), 0.25)
        XCTAssertEqual(model.klWeight(atStep: 3), 0.5)
        XCTAssertEqual(model.klWeight(atStep: 100), 0.5)
        configuration.klWarmupSteps = 0
        XCTAssertEqual(try HierarchicalVAE(configuration: configuration).klWeight(atStep: 0), 0.5)
        configuration.klWarmupSteps = -1
        XCTAssertThrowsError(try HierarchicalVAE(configuration: configuration))
    }

    func testKLWeightScalesKLGradients() throws {
        let model = try HierarchicalVAE(configuration: Self.smallConfiguration)
        let batch = try SyntheticGratingSource(side: 6, seed: 4).batch(index: 0, size: 32)
        var generator = RandomGenerator(seed: 6)
        let e2 = generator.normalArray(count: 32 * 4)
        let e1 = generator.normalArray(count: 32 * 12)
        func gradients(klWeight: Float) -> [Float] {
            for (index, value) in e2.enumerated() { model.noiseZ2.pointer[index] = value }
            for (index, value) in e1.enumerated() { model.noiseZ1.pointer[index] = value }
            model.gradients.fill(0)
            batch.values.withUnsafeBufferPointer { x in
                model.runPass(
                    x: x.baseAddress!, rows: 32, computeGradients: true, klWeight: klWeight)
            }
            return model.gradients.toArray()
        }
        let none = gradients(klWeight: 0)
        let half = gradients(klWeight: 0.5)
        let full = gradients(klWeight: 1)

        // p(z1 | z2) is reached only through KL1, so a zero weight leaves it no gradient.
        let prior = try XCTUnwrap(model.parameterTensors.first { $0.name == "p_z1.layers.1.bias" })
        let priorGradient = none[prior.offset..<(prior.offset + prior.count)]
        XCTAssertTrue(priorGradient.allSatisfy { $0 == 0 })
        XCTAssertTrue(half[prior.offset..<(prior.offset + prior.count)].contains { $0 != 0 })
        // The gradient is linear in the weight: g(0) + g(1) = 2 g(0.5).
        for index in none.indices {
            XCTAssertEqual(
                none[index] + full[index], 2 * half[index],
                accuracy: 1e-5 * (1 + abs(full[index])), "parameter \(index)")
        }
    }

    func testCancellationStopsBeforeNextStep() throws {
        let model = try HierarchicalVAE(configuration: Self.smallConfiguration)
        let trainer = VAETrainer(model: model, source: SyntheticGratingSource(side: 6, seed: 1))
        try trainer.step()
        trainer.monitor.cancel()
        XCTAssertEqual(try trainer.run(untilStep: 100), .cancelled)
        XCTAssertEqual(model.step, 1)
    }

    func testTrainStepRejectsWrongPatchSize() throws {
        let model = try HierarchicalVAE(configuration: Self.smallConfiguration)
        XCTAssertThrowsError(try model.trainStep(batch: Matrix(rows: 4, cols: 35))) { error in
            guard case VAEError.shapeMismatch = error else {
                return XCTFail("expected shapeMismatch, got \(error)")
            }
        }
        var batch = Matrix(rows: 4, cols: 36)
        batch[1, 3] = .nan
        XCTAssertThrowsError(try model.trainStep(batch: batch)) { error in
            guard case VAEError.nonFinite = error else {
                return XCTFail("expected nonFinite, got \(error)")
            }
        }
        XCTAssertEqual(model.step, 0)
    }

    func testInvalidConfigurationIsRejected() {
        var configuration = Self.smallConfiguration
        configuration.z1Size = 0
        XCTAssertThrowsError(try HierarchicalVAE(configuration: configuration))
        configuration = Self.smallConfiguration
        configuration.decoderVariance = .fixed(-1)
        XCTAssertThrowsError(try HierarchicalVAE(configuration: configuration))
    }

    func testEncodeDecodeAndTraversalShapes() throws {
        let model = try HierarchicalVAE(configuration: Self.smallConfiguration)
        let patches = try SyntheticGratingSource(side: 6, seed: 3).batch(index: 0, size: 40)
        let summary = try model.encode(patches: patches)
        XCTAssertEqual(summary.z2Mean.rows, 40)
        XCTAssertEqual(summary.z1Variance.cols, 12)
        XCTAssertTrue(summary.z1Variance.values.allSatisfy { $0 > 0 })
        let decoded = try model.decode(z1: summary.z1Mean)
        XCTAssertEqual(decoded.rows, 40)
        XCTAssertEqual(decoded.cols, 36)

        let traversal = try model.traverse(layer: .z2, unit: 1, patch: patches.row(0), steps: 5)
        XCTAssertEqual(traversal.offsets, [-3, -1.5, 0, 1.5, 3])
        XCTAssertEqual(traversal.images.rows, 5)
        XCTAssertEqual(traversal.centre, summary.z2Mean[0, 1], accuracy: 1e-5)
        // The middle image decodes the centre: the mean of p(z1 | z2 = posterior mean).
        var centre = Matrix(rows: 1, cols: 4)
        for j in 0..<4 { centre[0, j] = summary.z2Mean[0, j] }
        let expected = try model.decode(z1: model.conditionalPrior(z2: centre).mean)
        for pixel in 0..<36 {
            XCTAssertEqual(traversal.images[2, pixel], expected[0, pixel], accuracy: 1e-5)
        }
        XCTAssertThrowsError(try model.traverse(layer: .z1, unit: 12))
    }

    func testReceptiveFieldsOfLinearDecoderAreColumns() throws {
        var configuration = Self.smallConfiguration
        configuration.decoderForm = .linear
        let model = try HierarchicalVAE(configuration: configuration)
        let fields = try model.receptiveFields()
        let weight = try model.tensor(named: "decoder.layers.0.weight")
        XCTAssertEqual(fields.rows, 12)
        XCTAssertEqual(fields[5, 7], weight[7 * 12 + 5])
        // For a linear decoder the MLP definition (a unit step's effect) gives the same field.
        let step = try model.traverse(layer: .z1, unit: 5, steps: 7)
        let difference = (0..<36).map { step.images[4, $0] - step.images[3, $0] }
        for pixel in 0..<36 {
            XCTAssertEqual(
                difference[pixel], step.standardDeviation * fields[5, pixel],
                accuracy: 1e-4)
        }
    }
}
