import Foundation
import XCTest

/// Runs the real binary in tmux: trains a tiny VAE from the model screen, pauses and
/// cancels it, then opens the traversal screen.
final class ModelScreensEndToEndTests: XCTestCase {
    static let photographs = TmuxSession.packageRoot + "/.build/images/skimage"

    /// A model on 8 x 8 patches that trains thousands of steps a second.
    static let tinyConfiguration = """
        {"inputSize": 64, "z2Size": 4, "z1Size": 8, "encoderZ2HiddenSizes": [16],
         "encoderZ1HiddenSizes": [16], "priorZ1HiddenSizes": [8], "decoderHiddenSizes": [16],
         "batchSize": 16, "klWarmupSteps": 10}
        """

    /// Reads the step counter of the model screen's status line, or nil when none is shown.
    private func step(in screen: String) -> Int? {
        guard let range = screen.range(of: #"step (\d+)/"#, options: .regularExpression) else {
            return nil
        }
        return Int(screen[range].dropFirst(5).dropLast())
    }

    func testTrainPauseCancelAndTraverse() throws {
        guard TmuxSession.tmuxAvailable else {
            throw XCTSkip("tmux is not installed; 'make test' installs it")
        }
        guard let binary = TmuxSession.binary else {
            throw XCTSkip("no cortexscope binary in .build; run 'swift build' first")
        }
        guard FileManager.default.fileExists(atPath: Self.photographs) else {
            throw XCTSkip("photographs not found at \(Self.photographs); run 'make images'")
        }
        let folder = NSTemporaryDirectory() + "cortexscope-e2e-model-\(UUID().uuidString)"
        try FileManager.default.createDirectory(
            atPath: folder + "/empty", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Self.tinyConfiguration.write(
            toFile: folder + "/tiny.json", atomically: true, encoding: .utf8)

        let tmux = try TmuxSession(
            arguments: [binary, folder + "/empty"],
            environment: [
                "CORTEXSCOPE_TRAIN_CONFIG": folder + "/tiny.json",
                "CORTEXSCOPE_TRAIN_STEPS": "100000000",
                "CORTEXSCOPE_IMAGES": Self.photographs,
            ])
        _ = try tmux.waitFor(text: "Sessions")
        try tmux.send("2")
        // Wait for whole frames: a capture can fall between two partial screen updates.
        var screen = try tmux.waitFor { $0.contains("No model yet") && $0.contains("Press t") }
        XCTAssertTrue(screen.contains("Press t to train"), screen)

        try tmux.send("t")
        screen = try tmux.waitFor {
            $0.contains("training step") && $0.contains("nats per patch") && $0.contains("KL(z1)")
                && (self.step(in: $0) ?? 0) > 0
        }
        let first = try XCTUnwrap(step(in: screen), screen)
        XCTAssertTrue(screen.contains("nats per patch"), screen)
        XCTAssertTrue(screen.contains("KL(z1)"), screen)
        screen = try tmux.waitFor { (self.step(in: $0) ?? 0) > first }
        XCTAssertGreaterThan(step(in: screen) ?? 0, first, screen)

        try tmux.send("Space")
        // The status line shows paused once the step in progress has ended.
        screen = try tmux.waitFor(text: "patches/s  paused")
        let pausedAt = step(in: screen)
        Thread.sleep(forTimeInterval: 0.5)
        XCTAssertEqual(step(in: try tmux.capture()), pausedAt, "training moved while paused")

        try tmux.send("x")
        screen = try tmux.waitFor {
            $0.contains("held-out patches") && $0.contains("cancelled") && $0.contains("-recon")
        }
        XCTAssertTrue(screen.contains("cancelled"), screen)
        XCTAssertTrue(screen.contains("-recon"), screen)

        try tmux.send("3")
        screen = try tmux.waitFor { $0.contains("+3.0σ") && $0.contains("layer z1") }
        XCTAssertTrue(screen.contains("layer z1"), screen)
        try tmux.send("Tab")
        screen = try tmux.waitFor { $0.contains("layer z2") && $0.contains("p(z1|z2)") }
        XCTAssertTrue(screen.contains("p(z1|z2)"), screen)

        try tmux.send("q")
        XCTAssertEqual(try tmux.waitForExit().status, 0)
        let checkpoint = tmux.folder + "/state/cortexscope/models/hierarchical-vae.safetensors"
        XCTAssertTrue(FileManager.default.fileExists(atPath: checkpoint))
    }

    func testInterruptedTrainingWritesCheckpoint() throws {
        guard let binary = TmuxSession.binary else {
            throw XCTSkip("no cortexscope binary in .build; run 'swift build' first")
        }
        guard FileManager.default.fileExists(atPath: Self.photographs) else {
            throw XCTSkip("photographs not found at \(Self.photographs); run 'make images'")
        }
        let folder = NSTemporaryDirectory() + "cortexscope-e2e-interrupt-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Self.tinyConfiguration.write(
            toFile: folder + "/tiny.json", atomically: true, encoding: .utf8)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = [
            "train", "--steps", "100000000", "--images", Self.photographs, "--config",
            folder + "/tiny.json", "--out", folder + "/model.safetensors",
        ]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Wait until training has made some steps, then press Ctrl-C.
        let deadline = Date().addingTimeInterval(20)
        while !FileManager.default.fileExists(atPath: folder + "/model.safetensors")
            && Date() < deadline
        {
            Thread.sleep(forTimeInterval: 0.05)
        }
        kill(process.processIdentifier, SIGINT)
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(),
                          as: UTF8.self)
        process.waitUntilExit()

        XCTAssertEqual(process.terminationStatus, 130)
        let line = try XCTUnwrap(text.split(separator: "\n").last, "no output")
        let json = try XCTUnwrap(
            try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        XCTAssertEqual(json["stopped"] as? String, "cancelled")
        let step = try XCTUnwrap(json["step"] as? Int)
        XCTAssertGreaterThan(step, 0)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder)
            .filter { $0.hasSuffix(".tmp") }
        XCTAssertEqual(leftovers, [])

        // The checkpoint on disk is the final one: its header records the same step.
        let checkpoint = try Data(contentsOf: URL(fileURLWithPath: folder + "/model.safetensors"))
        let header = String(decoding: checkpoint.prefix(20_000), as: UTF8.self)
        XCTAssertTrue(header.contains("\"step\":\"\(step)\""), "step \(step) not in the header")
    }
}
