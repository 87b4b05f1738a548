import Foundation
import Models
import XCTest

@testable import App

final class ModelCommandLimitsTests: XCTestCase {
    func testTrainRejectsFolderAsOutput() throws {
        let folder = NSTemporaryDirectory() + "train-out-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        XCTAssertThrowsError(try TrainCommand.run(["--out", folder, "--steps", "1"])) { error in
            XCTAssertTrue(error is UsageError, "\(error)")
            XCTAssertTrue("\(error)".contains("is a folder"), "\(error)")
        }
    }

    func testTrainRejectsMissingOutputFolder() {
        let path = "/nonexistent-\(UUID().uuidString)/model.safetensors"
        XCTAssertThrowsError(try TrainCommand.run(["--out", path, "--steps", "1"])) { error in
            XCTAssertTrue("\(error)".contains("does not exist"), "\(error)")
        }
    }

    func testTraverseRejectsHugePatchIndex() {
        let arguments = ["--model", "/nonexistent.safetensors", "--layer", "z1", "--unit", "0",
                         "--patch", "99999999999"]
        XCTAssertThrowsError(try TraverseCommand.run(arguments)) { error in
            XCTAssertTrue(error is UsageError, "\(error)")
            XCTAssertTrue("\(error)".contains("from 0 to 9999"), "\(error)")
        }
    }

    func testConfigurationLimitsRejectHugeModels() {
        var configuration = VAEConfiguration.reference
        configuration.inputSize = 1_048_576
        XCTAssertThrowsError(try configuration.validate())

        configuration = .reference
        configuration.decoderHiddenSizes = [1_000_000, 1_000]
        XCTAssertThrowsError(try configuration.validate())

        XCTAssertNoThrow(try VAEConfiguration.reference.validate())
        XCTAssertLessThan(VAEConfiguration.reference.parameterCount, 2_000_000)
    }

    func testCheckpointWithNaNWeightIsRejected() throws {
        var configuration = VAEConfiguration.reference
        configuration.inputSize = 16
        configuration.z2Size = 2
        configuration.z1Size = 3
        configuration.encoderZ2HiddenSizes = [4]
        configuration.encoderZ1HiddenSizes = [4]
        configuration.priorZ1HiddenSizes = [4]
        configuration.decoderHiddenSizes = [4]
        var file = try HierarchicalVAE(configuration: configuration).checkpointContents()
        XCTAssertNoThrow(try HierarchicalVAE(checkpoint: file))

        let name = try XCTUnwrap(file.tensors.keys.sorted().first { !$0.hasPrefix("adam.") })
        file.tensors[name]?.values[0] = .nan
        XCTAssertThrowsError(try HierarchicalVAE(checkpoint: file)) { error in
            XCTAssertTrue("\(error)".contains("non-finite"), "\(error)")
            XCTAssertTrue("\(error)".contains(name), "\(error)")
        }
    }
}
