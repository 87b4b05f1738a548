import Engine
import Foundation
import Models
import Numerics
import XCTest

@testable import App

final class ContextCommandTests: XCTestCase {
    func testPairMaximisesRatioOfMeanDistances() throws {
        let folder = try TestData.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/context.safetensors"
        let vae = try HierarchicalVAE(
            configuration: VAEConfiguration(
                inputSize: 64, z2Size: 3, z1Size: 4, encoderZ2HiddenSizes: [8],
                encoderZ1HiddenSizes: [8], priorZ1HiddenSizes: [4], decoderHiddenSizes: [8],
                activation: .tanh, batchSize: 8, seed: 3))
        try vae.saveCheckpoint(to: URL(fileURLWithPath: path))

        let result = try ContextExperiment.run(checkpoint: path, samples: 200, seed: 2)

        // The same grid, with posterior means from the VAE's own encoder.
        let geometry = try PatchGeometry.square(8)
        var gratings: [Grating] = []
        for direction in stride(from: 0.0, to: 180, by: 45) {
            for phase in [0.0, 90, 180, 270] {
                for contrast in [0.5, 1, 2] {
                    gratings.append(try Grating(
                        directionDegrees: direction, cyclesPerPixel: 0.125, phaseDegrees: phase,
                        contrast: contrast, geometry: geometry))
                }
            }
        }
        let patches = try Matrix(
            rows: gratings.count, cols: 64,
            values: gratings.flatMap { $0.image().map(Float.init) })
        let summary = try vae.encode(patches: patches)
        func distance(_ matrix: Matrix, _ i: Int, _ j: Int) -> Double {
            zip(matrix.row(i), matrix.row(j))
                .reduce(0.0) { $0 + Double(($1.0 - $1.1) * ($1.0 - $1.1)) }.squareRoot()
        }
        var best = (i: 0, j: 1, score: -Double.infinity)
        for i in gratings.indices {
            for j in (i + 1)..<gratings.count {
                let score = distance(summary.z2Mean, i, j)
                    / (distance(summary.z1Mean, i, j) + 1e-6)
                if score > best.score { best = (i, j, score) }
            }
        }
        XCTAssertEqual(result.first.directionDegrees, gratings[best.i].directionDegrees)
        XCTAssertEqual(result.first.phaseDegrees, gratings[best.i].phaseDegrees)
        XCTAssertEqual(result.first.contrast, gratings[best.i].contrast)
        XCTAssertEqual(result.second.directionDegrees, gratings[best.j].directionDegrees)
        XCTAssertEqual(result.second.contrast, gratings[best.j].contrast)
        XCTAssertEqual(result.z2MeanDistance, distance(summary.z2Mean, best.i, best.j),
                       accuracy: 1e-4)
        for unit in 0..<4 {
            XCTAssertEqual(result.first.correlation[unit * 4 + unit], 1, accuracy: 1e-9)
        }

        let json = ContextCommand.json(result).serialized()
        let object = try XCTUnwrap(
            JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        XCTAssertEqual(
            Set(object.keys),
            ["samples", "z1_mean_distance", "z2_mean_distance", "correlation_similarity",
             "correlation_difference_rms", "stimuli"])
        XCTAssertEqual((object["stimuli"] as? [Any])?.count, 2)
    }

    func testGSMFileRejected() throws {
        let path = try TestData.require(TestData.gsmParameters)
        XCTAssertThrowsError(try ContextCommand.run(["--model", path])) {
            XCTAssertTrue("\($0)".contains("not a VAE checkpoint"), "\($0)")
        }
    }
}
