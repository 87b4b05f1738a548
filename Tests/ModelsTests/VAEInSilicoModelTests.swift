import Foundation
import Numerics
import XCTest

@testable import Models

final class VAEInSilicoModelTests: XCTestCase {
    private func smallVAE(activation: Activation = .tanh) throws -> HierarchicalVAE {
        try HierarchicalVAE(
            configuration: VAEConfiguration(
                inputSize: 16, z2Size: 2, z1Size: 3, encoderZ2HiddenSizes: [6],
                encoderZ1HiddenSizes: [5, 4], priorZ1HiddenSizes: [4], decoderHiddenSizes: [6],
                activation: activation, batchSize: 4, seed: 7))
    }

    private func image(_ seed: Int) -> [Double] {
        (0..<16).map { sin(Double($0 * (seed + 1)) * 0.7) }
    }

    func testPosteriorMeanMatchesEncoder() throws {
        for activation in [Activation.tanh, .relu, .softplus] {
            let vae = try smallVAE(activation: activation)
            let model = try VAEInSilicoModel(vae: vae)
            let frames = [image(1), image(2)]
            var rng = GSMRandom(seed: 1)
            let response = try model.respond(
                to: frames, trials: 2, readout: .posteriorMean, sampleIntervalSeconds: 0.1,
                using: &rng)
            let patches = try Matrix(
                rows: 2, cols: 16, values: frames.flatMap { $0.map(Float.init) })
            let summary = try vae.encode(patches: patches)
            for (sample, _) in frames.enumerated() {
                for trial in 0..<2 {
                    for unit in 0..<3 {
                        XCTAssertEqual(
                            response[trial, unit, sample], Double(summary.z1Mean[sample, unit]),
                            accuracy: 1e-5, "\(activation) z1_\(unit + 1)")
                    }
                    for unit in 0..<2 {
                        XCTAssertEqual(
                            response[trial, 3 + unit, sample],
                            Double(summary.z2Mean[sample, unit]), accuracy: 1e-5,
                            "\(activation) z2_\(unit + 1)")
                    }
                }
            }
        }
    }

    func testSamplesSpreadAsPosteriorVariance() throws {
        let vae = try smallVAE()
        let model = try VAEInSilicoModel(vae: vae)
        var rng = GSMRandom(seed: 3)
        let trials = 4000
        let response = try model.respond(
            to: [image(3)], trials: trials, readout: .latent, sampleIntervalSeconds: 0.1,
            using: &rng)
        let summary = try vae.encode(
            patches: try Matrix(rows: 1, cols: 16, values: image(3).map(Float.init)))
        for unit in 0..<2 {
            let values = (0..<trials).map { response[$0, 3 + unit, 0] }
            let mean = values.reduce(0, +) / Double(trials)
            let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
                / Double(trials - 1)
            let expected = Double(summary.z2Variance[0, unit])
            XCTAssertEqual(mean, Double(summary.z2Mean[0, unit]),
                           accuracy: 5 * (expected / Double(trials)).squareRoot())
            // The sample variance of 4000 normal draws is within 10% of the true one.
            XCTAssertEqual(variance, expected, accuracy: 0.1 * expected)
        }
    }

    func testRejectsWrongReadoutAndImageSize() throws {
        let model = try VAEInSilicoModel(vae: try smallVAE())
        XCTAssertEqual(model.inputWidth, 4)
        XCTAssertEqual(model.unitIDs, ["z1_1", "z1_2", "z1_3", "z2_1", "z2_2"])
        var rng = GSMRandom(seed: 1)
        XCTAssertThrowsError(
            try model.respond(to: [image(1)], trials: 1, readout: .firingRate,
                              sampleIntervalSeconds: 0.1, using: &rng))
        XCTAssertThrowsError(
            try model.respond(to: [[0, 1]], trials: 1, readout: .latent,
                              sampleIntervalSeconds: 0.1, using: &rng))
        XCTAssertThrowsError(
            try model.respond(to: [[Double](repeating: .nan, count: 16)], trials: 1,
                              readout: .latent, sampleIntervalSeconds: 0.1, using: &rng))
    }
}
