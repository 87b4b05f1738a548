import Foundation
import XCTest
@testable import App

/// The `train`, `elbo` and `traverse` commands on a tiny model and a folder of generated
/// PNG images: argument errors, exit statuses and the JSON layout.
final class ModelCommandTests: XCTestCase {
    /// A 4 x 4-patch model small enough to train 40 steps in well under a second.
    static let tinyConfiguration = """
        {"inputSize": 16, "z2Size": 2, "z1Size": 4, "encoderZ2HiddenSizes": [8],
         "encoderZ1HiddenSizes": [8], "priorZ1HiddenSizes": [4], "decoderHiddenSizes": [8],
         "batchSize": 8, "klWarmupSteps": 5}
        """

    private var folder = ""
    private var images = ""

    override func setUpWithError() throws {
        images = try TestPNG.folder()
        folder = NSTemporaryDirectory() + "cortexscope-modelcommands-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Self.tinyConfiguration.write(
            toFile: folder + "/tiny.json", atomically: true, encoding: .utf8)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: folder)
        try? FileManager.default.removeItem(atPath: images)
    }

    private func train(steps: Int, extra: [String] = []) throws
        -> (status: Int32, output: String, error: String)
    {
        try CommandRunner.run(
            ["train", "--images", images, "--steps", "\(steps)", "--out", folder + "/m.safetensors",
             "--config", folder + "/tiny.json"] + extra)
    }

    private func lastJSONLine(_ output: String) throws -> [String: Any] {
        let line = try XCTUnwrap(output.split(separator: "\n").last, "no output")
        let object = try JSONSerialization.jsonObject(with: Data(line.utf8))
        return try XCTUnwrap(object as? [String: Any], "last line is not an object: \(line)")
    }

    func testTrainPrintsHeldOutTermsAsLastLine() throws {
        let result = try train(steps: 40)
        XCTAssertEqual(result.status, 0, result.error)
        let json = try lastJSONLine(result.output)
        XCTAssertEqual(json["step"] as? Int, 40)
        let elbo = try XCTUnwrap(json["elbo"] as? Double)
        let reconstruction = try XCTUnwrap(json["reconstruction"] as? Double)
        let klZ2 = try XCTUnwrap(json["kl_z2"] as? Double)
        let klZ1 = try XCTUnwrap(json["kl_z1"] as? Double)
        XCTAssertEqual(elbo, reconstruction - klZ2 - klZ1, accuracy: 1e-9)
        XCTAssertGreaterThanOrEqual(klZ2, 0)
        XCTAssertGreaterThanOrEqual(klZ1, 0)
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder + "/m.safetensors"))
        XCTAssertTrue(result.error.contains("step 40/40"), result.error)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder)
            .filter { $0.hasSuffix(".tmp") }
        XCTAssertEqual(leftovers, [])
    }

    func testELBOMatchesTrainingEvaluation() throws {
        let trained = try lastJSONLine(try train(steps: 20).output)
        let result = try CommandRunner.run(
            ["elbo", "--model", folder + "/m.safetensors", "--images", images])
        XCTAssertEqual(result.status, 0, result.error)
        let json = try lastJSONLine(result.output)
        XCTAssertEqual(json["step"] as? Int, 20)
        for key in ["elbo", "reconstruction", "kl_z2", "kl_z1"] {
            let expected = try XCTUnwrap(trained[key] as? Double, key)
            let actual = try XCTUnwrap(json[key] as? Double, key)
            XCTAssertEqual(actual, expected, accuracy: 1e-9, key)
        }
        XCTAssertEqual(json["held_out_patches"] as? Int, 512)
    }

    func testTrainResumeContinuesToTotalSteps() throws {
        XCTAssertEqual(try train(steps: 10).status, 0)
        let result = try train(steps: 25, extra: ["--resume"])
        XCTAssertEqual(result.status, 0, result.error)
        XCTAssertEqual(try lastJSONLine(result.output)["step"] as? Int, 25)
    }

    func testResumedRunMatchesUninterruptedRun() throws {
        let straight = try lastJSONLine(try train(steps: 20).output)
        try FileManager.default.removeItem(atPath: folder + "/m.safetensors")
        XCTAssertEqual(try train(steps: 8).status, 0)
        let resumed = try lastJSONLine(try train(steps: 20, extra: ["--resume"]).output)
        // The resumed run draws the same batches and noise, so every update is the same.
        for key in ["elbo", "reconstruction", "kl_z2", "kl_z1"] {
            XCTAssertEqual(resumed[key] as? Double, straight[key] as? Double, key)
        }
    }

    func testTrainArgumentErrors() throws {
        let missingOut = try CommandRunner.run(["train", "--images", images])
        XCTAssertEqual(missingOut.status, 2)
        XCTAssertTrue(missingOut.error.contains("--out"), missingOut.error)

        try #"{"z1Size": 0}"#.write(toFile: folder + "/bad.json", atomically: true, encoding: .utf8)
        let badValue = try CommandRunner.run(
            ["train", "--images", images, "--out", folder + "/x", "--config", folder + "/bad.json"])
        XCTAssertEqual(badValue.status, 1)
        XCTAssertTrue(badValue.error.contains("z1Size"), badValue.error)

        try #"{"latentSize": 3}"#.write(
            toFile: folder + "/bad.json", atomically: true, encoding: .utf8)
        let unknown = try CommandRunner.run(
            ["train", "--images", images, "--out", folder + "/x", "--config", folder + "/bad.json"])
        XCTAssertEqual(unknown.status, 1)
        XCTAssertTrue(unknown.error.contains("unknown field 'latentSize'"), unknown.error)

        let noCheckpoint = try CommandRunner.run(
            ["train", "--images", images, "--out", folder + "/none", "--resume"])
        XCTAssertEqual(noCheckpoint.status, 1)
        XCTAssertTrue(noCheckpoint.error.contains("no checkpoint to resume"), noCheckpoint.error)

        let badSteps = try CommandRunner.run(
            ["train", "--images", images, "--out", folder + "/x", "--steps", "ten"])
        XCTAssertEqual(badSteps.status, 2)
    }

    func testCheckpointErrors() throws {
        let missing = try CommandRunner.run(
            ["elbo", "--model", folder + "/missing.safetensors", "--images", images])
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.error.contains("checkpoint not found"), missing.error)

        try Data([1, 2, 3, 4, 5]).write(to: URL(fileURLWithPath: folder + "/corrupt.safetensors"))
        let corrupt = try CommandRunner.run(
            ["traverse", "--model", folder + "/corrupt.safetensors", "--layer", "z1",
             "--unit", "0"])
        XCTAssertEqual(corrupt.status, 1)
        XCTAssertTrue(corrupt.error.contains("corrupt.safetensors"), corrupt.error)

        let noModel = try CommandRunner.run(["elbo", "--images", images])
        XCTAssertEqual(noModel.status, 2)
    }

    func testTraverseJSONLayoutAndUnitErrors() throws {
        XCTAssertEqual(try train(steps: 5).status, 0)
        let model = folder + "/m.safetensors"
        let result = try CommandRunner.run(
            ["traverse", "--model", model, "--layer", "z2", "--unit", "1"])
        XCTAssertEqual(result.status, 0, result.error)
        let json = try lastJSONLine(result.output)
        XCTAssertEqual(json["layer"] as? String, "z2")
        XCTAssertEqual(json["unit"] as? Int, 1)
        XCTAssertEqual(json["side"] as? Int, 4)
        XCTAssertEqual(json["around"] as? String, "prior")
        XCTAssertEqual(json["offsets"] as? [Double], [-3, -2, -1, 0, 1, 2, 3])
        let images = try XCTUnwrap(json["images"] as? [[Double]])
        XCTAssertEqual(images.count, 7)
        XCTAssertTrue(images.allSatisfy { $0.count == 16 })
        // Around the prior, z2 has mean 0 and s.d. 1.
        XCTAssertEqual(json["centre"] as? Double, 0)
        XCTAssertEqual(json["standard_deviation"] as? Double, 1)

        let aroundPatch = try CommandRunner.run(
            ["traverse", "--model", model, "--layer", "z1", "--unit", "3", "--patch", "2",
             "--images", self.images, "--steps", "5"])
        XCTAssertEqual(aroundPatch.status, 0, aroundPatch.error)
        let patchJSON = try lastJSONLine(aroundPatch.output)
        XCTAssertEqual(patchJSON["around"] as? Int, 2)
        XCTAssertEqual((patchJSON["offsets"] as? [Double])?.count, 5)

        let badUnit = try CommandRunner.run(
            ["traverse", "--model", model, "--layer", "z1", "--unit", "4"])
        XCTAssertEqual(badUnit.status, 1)
        XCTAssertTrue(badUnit.error.contains("unit 4 is outside layer z1"), badUnit.error)

        let badLayer = try CommandRunner.run(
            ["traverse", "--model", model, "--layer", "z0", "--unit", "1"])
        XCTAssertEqual(badLayer.status, 2)
        XCTAssertTrue(badLayer.error.contains("--layer must be z1 or z2"), badLayer.error)
    }

    func testTraverseTextShape() throws {
        XCTAssertEqual(try train(steps: 5).status, 0)
        let result = try CommandRunner.run(
            ["traverse", "--model", folder + "/m.safetensors", "--layer", "z1", "--unit", "0",
             "--format", "text"])
        XCTAssertEqual(result.status, 0, result.error)
        let lines = result.output.split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertTrue(lines.first?.hasPrefix("unit 0 of z1") ?? false, result.output)
        // Two rows of half blocks for a 4-pixel side, seven images of 4 columns each.
        let imageRows = lines.dropFirst().prefix(2)
        for row in imageRows {
            let blocks = row.split(separator: " ")
            XCTAssertEqual(blocks.count, 7, "row: \(row)")
            XCTAssertTrue(blocks.allSatisfy { $0.count == 4 }, "row: \(row)")
        }
        XCTAssertTrue(result.output.contains("-3.0"), result.output)
        XCTAssertTrue(result.output.contains("+3.0"), result.output)
        XCTAssertTrue(result.output.contains("decoded pixel value"), result.output)
    }
}
