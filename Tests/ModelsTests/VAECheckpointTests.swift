import Foundation
import Numerics
import XCTest

@testable import Models

final class VAECheckpointTests: XCTestCase {
    private func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("vae-checkpoint-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        return folder
    }

    private var configuration: VAEConfiguration {
        var configuration = VAETrainingTests.smallConfiguration
        configuration.decoderVariance = .learnedPerPixel(initialLogVariance: -0.5)
        configuration.batchSize = 16
        return configuration
    }

    func testRoundTripGivesIdenticalOutputs() throws {
        let source = SyntheticGratingSource(side: 6, seed: 5)
        let model = try HierarchicalVAE(configuration: configuration)
        let trainer = VAETrainer(model: model, source: source)
        _ = try trainer.run(untilStep: 5)
        let url = try temporaryFolder().appendingPathComponent("model.safetensors")
        try model.saveCheckpoint(to: url)

        let loaded = try HierarchicalVAE(checkpointAt: url)
        XCTAssertEqual(loaded.configuration, model.configuration)
        XCTAssertEqual(loaded.step, 5)
        XCTAssertEqual(loaded.parameters.toArray(), model.parameters.toArray())
        let patches = try source.batch(index: 99, size: 20)
        XCTAssertEqual(
            try loaded.evaluatePerPatch(patches: patches, samples: 2, seed: 3),
            try model.evaluatePerPatch(patches: patches, samples: 2, seed: 3))
        XCTAssertEqual(try loaded.encode(patches: patches), try model.encode(patches: patches))
    }

    func testResumeMatchesUninterruptedRun() throws {
        let source = SyntheticGratingSource(side: 6, seed: 6)
        let uninterrupted = try HierarchicalVAE(configuration: configuration)
        _ = try VAETrainer(model: uninterrupted, source: source).run(untilStep: 12)

        let url = try temporaryFolder().appendingPathComponent("resume.safetensors")
        let first = try HierarchicalVAE(configuration: configuration)
        let firstTrainer = VAETrainer(
            model: first, source: source,
            settings: VAETrainingSettings(checkpointInterval: 7, checkpointURL: url))
        _ = try firstTrainer.run(untilStep: 7)
        XCTAssertEqual(firstTrainer.monitor.progress.checkpointStep, 7)

        let resumed = try HierarchicalVAE(checkpointAt: url)
        XCTAssertEqual(resumed.step, 7)
        _ = try VAETrainer(model: resumed, source: source).run(untilStep: 12)
        XCTAssertEqual(resumed.parameters.toArray(), uninterrupted.parameters.toArray())
        XCTAssertEqual(
            resumed.optimizer.secondMoment.toArray(), uninterrupted.optimizer.secondMoment.toArray()
        )
        XCTAssertEqual(resumed.random, uninterrupted.random)
    }

    func testMissingOrMisshapenTensorThrows() throws {
        let model = try HierarchicalVAE(configuration: configuration)
        var contents = try model.checkpointContents()
        contents.tensors["q_z1.layers.0.bias"] = nil
        XCTAssertThrowsError(try HierarchicalVAE(checkpoint: contents)) { error in
            guard case VAEError.invalidCheckpoint(let message) = error else {
                return XCTFail("\(error)")
            }
            XCTAssertTrue(message.contains("q_z1.layers.0.bias"), message)
        }
        contents = try model.checkpointContents()
        contents.tensors["decoder.log_variance"] = SafetensorsTensor(
            shape: [35], values: [Float](repeating: 0, count: 35))
        XCTAssertThrowsError(try HierarchicalVAE(checkpoint: contents))
        contents = try model.checkpointContents()
        contents.metadata["configuration"] = "{"
        XCTAssertThrowsError(try HierarchicalVAE(checkpoint: contents))
    }

    func testTruncatedCheckpointFileThrows() throws {
        let model = try HierarchicalVAE(configuration: configuration)
        let url = try temporaryFolder().appendingPathComponent("cut.safetensors")
        let data = try model.checkpointContents().encoded()
        try data.prefix(data.count / 2).write(to: url)
        XCTAssertThrowsError(try HierarchicalVAE(checkpointAt: url)) { error in
            guard case SafetensorsError.truncated = error else { return XCTFail("\(error)") }
        }
    }

    func testPythonSafetensorsReadsCheckpoint() throws {
        let root = SafetensorsTests.repositoryRoot
        let python = root.appendingPathComponent(".venv/bin/python")
        guard FileManager.default.isExecutableFile(atPath: python.path) else {
            throw XCTSkip("\(python.path) is missing; run `make pydeps` to create it")
        }
        let model = try HierarchicalVAE(configuration: configuration)
        _ = try VAETrainer(model: model, source: SyntheticGratingSource(side: 6, seed: 8)).run(
            untilStep: 3)
        let url = try temporaryFolder().appendingPathComponent("vae_checkpoint.safetensors")
        try model.saveCheckpoint(to: url)

        let process = Process()
        process.executableURL = python
        process.arguments = [
            root.appendingPathComponent("scripts/safetensors_reference.py").path, url.path,
        ]
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let errorText = String(
            decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        if errorText.contains("No module named 'safetensors'") {
            throw XCTSkip("the safetensors Python module is missing; run `make pydeps`")
        }
        XCTAssertEqual(process.terminationStatus, 0, errorText)

        let report = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
        let metadata = try XCTUnwrap(report["metadata"] as? [String: String])
        XCTAssertEqual(metadata["step"], "3")
        XCTAssertEqual(metadata["format"], HierarchicalVAE.checkpointFormat)
        let tensors = try XCTUnwrap(report["tensors"] as? [String: [String: Any]])
        let contents = try model.checkpointContents()
        XCTAssertEqual(Set(tensors.keys), Set(contents.tensors.keys))
        for (name, tensor) in contents.tensors {
            let entry = try XCTUnwrap(tensors[name], name)
            XCTAssertEqual(entry["dtype"] as? String, "float32", name)
            XCTAssertEqual(entry["shape"] as? [Int], tensor.shape, name)
            let sum = tensor.values.reduce(0.0) { $0 + Double($1) }
            let pythonSum = try XCTUnwrap(entry["sum"] as? Double, name)
            XCTAssertEqual(pythonSum, sum, accuracy: 1e-9 * max(1, abs(sum)), name)
            let first = try XCTUnwrap(entry["first"] as? [Double], name)
            // JSON parsing may move a double by one unit in the last place, which rounding
            // to float32 undoes.
            XCTAssertEqual(first.map(Float.init), Array(tensor.values.prefix(5)), name)
        }
        let weight = try XCTUnwrap(tensors["q_z2.layers.0.weight"])
        XCTAssertEqual(weight["shape"] as? [Int], [32, 36], "PyTorch layout [out, in]")
    }
}
