import Engine
import Foundation
import Models
import Numerics
import Terminal
import XCTest
@testable import App

/// The model and traversal screens drawn into a cell buffer, with a fake training history
/// and a small untrained model.
final class ModelScreenTests: XCTestCase {
    private var stateFolder = ""

    override func setUp() {
        stateFolder = NSTemporaryDirectory() + "cortexscope-modelscreen-\(UUID().uuidString)"
    }

    override func tearDown() {
        try? FileManager.default.removeItem(atPath: stateFolder)
    }

    @MainActor
    private static func makeWorkspace(_ stateFolder: String) -> Workspace {
        Workspace(engine: Engine(log: nil), sessions: SessionStore(searchedPaths: []),
                  stateFolder: stateFolder, dataPaths: [])
    }

    /// Adopts an untrained model on 4 x 4 patches and its breakdown on 6 random patches.
    @MainActor
    private static func adoptSmallModel(in workspace: Workspace) throws -> HeldOutBreakdown {
        let configuration = VAEConfiguration(
            inputSize: 16, z2Size: 2, z1Size: 5, encoderZ2HiddenSizes: [8],
            encoderZ1HiddenSizes: [8], priorZ1HiddenSizes: [4], decoderHiddenSizes: [8],
            batchSize: 4)
        let model = LoadedModel(model: try HierarchicalVAE(configuration: configuration))
        var generator = SeededGenerator(state: 3)
        let values = (0..<(6 * 16)).map { _ in Float.random(in: -1...1, using: &generator) }
        let patches = try Matrix(rows: 6, cols: 16, values: values)
        let breakdown = try HeldOutEvaluation.breakdown(model: model, patches: patches)
        workspace.model.adopt(model: model, breakdown: breakdown)
        return breakdown
    }

    @MainActor
    private static func render(_ screen: any Screen, workspace: Workspace, width: Int = 80,
                        height: Int = 22, appearance: Appearance = .rich) -> String {
        var buffer = CellBuffer(width: width, height: height)
        screen.draw(into: &buffer, in: buffer.bounds,
                    context: DrawContext(appearance: appearance, workspace: workspace))
        return buffer.plainText()
    }

    private static func waitForJobs(_ engine: Engine) {
        let deadline = Date().addingTimeInterval(10)
        while !engine.activeJobs.isEmpty && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.01)
        }
    }

    func testModelScreenWithoutModelExplainsTraining() throws {
        let folder = stateFolder
        try MainActor.assumeIsolated {
            let workspace = Self.makeWorkspace(folder)
            let text = Self.render(ModelScreen(workspace: workspace), workspace: workspace)
            XCTAssertTrue(text.contains("No model yet"), text)
            XCTAssertTrue(text.contains("Press t to train"), text)
            XCTAssertTrue(text.contains("cortexscope train --steps 2000 --out FILE"), text)
        }
    }

    func testModelScreenDrawsCurvesFromHistory() throws {
        let folder = stateFolder
        try MainActor.assumeIsolated {
            let workspace = Self.makeWorkspace(folder)
            var snapshot = TrainingSnapshot(totalSteps: 100, checkpointPath: "/tmp/m.safetensors")
            snapshot.status = .running
            snapshot.progress.step = 50
            snapshot.progress.patchesPerSecond = 1234
            for step in 1...50 {
                let decay = exp(-Double(step) / 20)
                snapshot.history.append(TrainingHistoryPoint(
                    step: step,
                    terms: ELBOTerms(reconstruction: -300 * decay - 100, klZ2: 5 - 4 * decay,
                                     klZ1: 20 - 10 * decay)))
            }
            snapshot.heldOutHistory = [
                TrainingHistoryPoint(
                    step: 25, terms: ELBOTerms(reconstruction: -150, klZ2: 3, klZ1: 15)),
                TrainingHistoryPoint(
                    step: 50, terms: ELBOTerms(reconstruction: -120, klZ2: 4, klZ1: 18)),
            ]
            let screen = ModelScreen(workspace: workspace)
            var buffer = CellBuffer(width: 80, height: 22)
            screen.draw(snapshot: snapshot, state: workspace.model, into: &buffer,
                        in: buffer.bounds, appearance: .rich)
            let text = buffer.plainText()
            XCTAssertTrue(text.contains("step 50/100"), text)
            XCTAssertTrue(text.contains("1234 patches/s"), text)
            XCTAssertTrue(text.contains("running"), text)
            XCTAssertTrue(text.contains("training step"), text)
            XCTAssertTrue(text.contains("nats per patch"), text)
            for name in ["ELBO", "recon", "KL(z2)", "KL(z1)", "held-out ELBO"] {
                XCTAssertTrue(text.contains(name), "legend entry \(name) missing:\n\(text)")
            }
            // The ELBO runs from about -394 to -147 nats, so the y axis has a tick at -200.
            XCTAssertTrue(text.contains("-200"), text)
            XCTAssertTrue(text.contains("breakdown appears when training stops"), text)
        }
    }

    func testModelScreenShowsBreakdownAndSelectedPatch() throws {
        let folder = stateFolder
        try MainActor.assumeIsolated {
            let workspace = Self.makeWorkspace(folder)
            let breakdown = try Self.adoptSmallModel(in: workspace)
            let screen = ModelScreen(workspace: workspace)
            var text = Self.render(screen, workspace: workspace)
            XCTAssertTrue(text.contains("held-out patches"), text)
            XCTAssertTrue(text.contains("patch 1/6"), text)
            XCTAssertTrue(text.contains("-recon"), text)
            XCTAssertTrue(text.contains(ModelCommandSupport.number(breakdown.perPatch[0].elbo)), text)

            let context = ScreenContext(workspace: workspace)
            _ = screen.handle(.moveRight, context: context)
            _ = screen.handle(.moveRight, context: context)
            text = Self.render(screen, workspace: workspace)
            XCTAssertTrue(text.contains("patch 3/6"), text)
            XCTAssertTrue(text.contains(ModelCommandSupport.number(breakdown.perPatch[2].klZ1)), text)
        }
    }

    func testModelScreenPlainAppearanceIsASCII() throws {
        let folder = stateFolder
        try MainActor.assumeIsolated {
            let workspace = Self.makeWorkspace(folder)
            _ = try Self.adoptSmallModel(in: workspace)
            let text = Self.render(ModelScreen(workspace: workspace), workspace: workspace,
                              appearance: .plain)
            XCTAssertTrue(text.unicodeScalars.allSatisfy(\.isASCII), text)
        }
    }

    func testTraversalScreenDrawsBothLayersAndFields() throws {
        let folder = stateFolder
        try MainActor.assumeIsolated {
            let workspace = Self.makeWorkspace(folder)
            _ = try Self.adoptSmallModel(in: workspace)
            let screen = TraversalScreen(workspace: workspace)
            let context = ScreenContext(workspace: workspace)
            _ = Self.render(screen, workspace: workspace)
            Self.waitForJobs(workspace.engine)
            var text = Self.render(screen, workspace: workspace)
            XCTAssertTrue(text.contains("layer z1"), text)
            XCTAssertTrue(text.contains("unit 0 of 5"), text)
            XCTAssertTrue(text.contains("-3.0σ"), text)
            XCTAssertTrue(text.contains("+3.0σ"), text)

            _ = screen.handle(.nextPane, context: context)
            _ = screen.handle(.moveRight, context: context)
            _ = screen.handle(.toggleCentre, context: context)
            _ = Self.render(screen, workspace: workspace)
            Self.waitForJobs(workspace.engine)
            text = Self.render(screen, workspace: workspace)
            XCTAssertTrue(text.contains("layer z2"), text)
            XCTAssertTrue(text.contains("unit 1 of 2"), text)
            XCTAssertTrue(text.contains("around held-out patch 0"), text)
            XCTAssertTrue(text.contains("p(z1|z2)"), text)

            _ = screen.handle(.toggleView, context: context)
            _ = Self.render(screen, workspace: workspace)
            Self.waitForJobs(workspace.engine)
            text = Self.render(screen, workspace: workspace)
            XCTAssertTrue(text.contains("receptive fields of z1 units 0-4 of 5"), text)
        }
    }

    func testTraversalScreenWithoutModelExplainsTraining() throws {
        let folder = stateFolder
        try MainActor.assumeIsolated {
            let workspace = Self.makeWorkspace(folder)
            let text = Self.render(TraversalScreen(workspace: workspace), workspace: workspace)
            XCTAssertTrue(text.contains("No model yet"), text)
            XCTAssertTrue(text.contains("Press t to train"), text)
        }
    }

    func testModelStateCollectsEveryTrainingRun() throws {
        let images = try TestPNG.folder()
        let configuration = stateFolder + "-tiny.json"
        defer {
            try? FileManager.default.removeItem(atPath: images)
            try? FileManager.default.removeItem(atPath: configuration)
        }
        try ModelCommandTests.tinyConfiguration.write(
            toFile: configuration, atomically: true, encoding: .utf8)
        let folder = stateFolder
        try MainActor.assumeIsolated {
            let engine = Engine(log: nil)
            let state = ModelState(
                stateFolder: folder,
                environment: [
                    "CORTEXSCOPE_IMAGES": images, "CORTEXSCOPE_TRAIN_CONFIG": configuration,
                    "CORTEXSCOPE_TRAIN_STEPS": "30",
                ])
            var models: [LoadedModel] = []
            for run in 0..<2 {
                XCTAssertNil(state.startTraining(engine: engine), "run \(run)")
                let deadline = Date().addingTimeInterval(20)
                repeat {
                    Thread.sleep(forTimeInterval: 0.01)
                    state.poll(engine: engine)
                } while (state.isTraining || state.isLoading || state.breakdown == nil)
                    && Date() < deadline
                let model = try XCTUnwrap(state.model, "run \(run)")
                XCTAssertEqual(model.step, 30, "run \(run)")
                XCTAssertEqual(state.breakdown?.step, 30, "run \(run)")
                models.append(model)
            }
            // The second run resumed from the checkpoint and replaced the model.
            XCTAssertFalse(models[0] === models[1])
            XCTAssertTrue(FileManager.default.fileExists(atPath: state.checkpointPath))
        }
    }

    func testTraversalTextWithoutUnicodeIsASCII() throws {
        let folder = stateFolder
        try MainActor.assumeIsolated {
            let workspace = Self.makeWorkspace(folder)
            _ = try Self.adoptSmallModel(in: workspace)
            let model = try XCTUnwrap(workspace.model.model)
            let traversal = try model.traverse(layer: .z2, unit: 0, patch: nil, steps: 3)
            let picture = TraversalPicture(traversal: traversal, side: 4, colorMap: .grey)
            let text = picture.text(unicode: false)
            XCTAssertTrue(text.unicodeScalars.allSatisfy(\.isASCII), text)
            XCTAssertTrue(text.contains("-3.0sd"), text)
            XCTAssertTrue(text.contains("+3.0sd"), text)
            XCTAssertEqual(text.split(separator: "\n", omittingEmptySubsequences: false).count,
                           picture.naturalHeight)
        }
    }

    func testKeyMapBindsModelCommandsOnce() throws {
        try MainActor.assumeIsolated {
            let path = TestPaths.assets + "/keymap.txt"
            let keyMap = try KeyMap(text: String(contentsOfFile: path, encoding: .utf8))
            XCTAssertEqual(keyMap.command(forKeyNamed: "2"), .showModel)
            XCTAssertEqual(keyMap.command(forKeyNamed: "3"), .showTraversal)
            XCTAssertEqual(keyMap.command(forKeyNamed: "t"), .trainModel)
            XCTAssertEqual(keyMap.command(forKeyNamed: "c"), .toggleColorMap)
            XCTAssertEqual(keyMap.command(forKeyNamed: "v"), .toggleView)
            XCTAssertEqual(keyMap.command(forKeyNamed: "a"), .toggleCentre)
        }
    }
}

/// Paths of the checkout, found from this file's path.
enum TestPaths {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .path
    static let assets = packageRoot + "/assets"
}
