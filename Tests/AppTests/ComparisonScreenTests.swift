import Data
import Engine
import Foundation
import Terminal
import XCTest

@testable import App

/// XCTest on Linux runs test methods on the main thread but cannot call main-actor methods,
/// so each test enters the main actor with `assumeIsolated`.
final class ComparisonScreenTests: XCTestCase {
    @MainActor
    private static func workspace(_ sessions: [Session]) -> Workspace {
        let store = SessionStore(searchedPaths: ["/data"])
        for session in sessions { store.add(session) }
        return Workspace(
            engine: Engine(log: nil), sessions: store, stateFolder: NSTemporaryDirectory(),
            dataPaths: [])
    }

    private static func session(_ name: String, simulated: Bool) throws -> Session {
        var activity = ResponseArray(units: 2, trials: 4, samples: 2)
        for trial in 0..<4 {
            activity[0, trial, 1] = Double(trial % 2) + Double(trial) * 0.1
            activity[1, trial, 1] = Double(1 - trial % 2) + Double(trial) * 0.2
        }
        var table = StimulusTable(rowCount: 4)
        try table.setColumn(StimulusTable.direction, .numeric([0, 90, 0, 90]))
        let origin: Dataset.Origin = simulated
            ? .simulated(model: "test", protocolName: "gratings")
            : .recorded(path: name, format: "test")
        let dataset = Dataset(
            name: name, origin: origin, unitIDs: ["a", "b"], activity: activity,
            sampleTimes: [-1, 1], trials: table)
        return SessionLoader.analyse(dataset, settings: TuningSettings())
    }

    @MainActor
    private static func render(_ screen: ComparisonScreen, _ workspace: Workspace) -> String {
        var buffer = CellBuffer(width: 80, height: 21)
        screen.draw(into: &buffer, in: buffer.bounds,
                    context: DrawContext(appearance: .plain, workspace: workspace))
        return buffer.plainText()
    }

    @MainActor
    private static func describe(_ action: ScreenAction) -> String {
        switch action {
        case .handled: "handled"
        case .ignored: "ignored"
        default: "other"
        }
    }

    func testMissingModelExplained() throws {
        try MainActor.assumeIsolated { try Self.checkMissingModelExplained() }
    }

    func testKeysCycleSessionsAndPages() throws {
        try MainActor.assumeIsolated { try Self.checkKeysCycleSessionsAndPages() }
    }

    @MainActor
    private static func checkMissingModelExplained() throws {
        let workspace = Self.workspace([try Self.session("rec", simulated: false)])
        let text = Self.render(ComparisonScreen(), workspace)
        XCTAssertTrue(text.contains("needs a recorded and a simulated session"), text)
        XCTAssertTrue(text.contains("Recorded sessions: 1; simulated sessions: 0"), text)
    }

    @MainActor
    private static func checkKeysCycleSessionsAndPages() throws {
        let workspace = Self.workspace([
            try Self.session("rec1", simulated: false), try Self.session("rec2", simulated: false),
            try Self.session("model", simulated: true),
        ])
        let screen = ComparisonScreen()
        let context = ScreenContext(workspace: workspace)
        XCTAssertEqual(Self.describe(screen.handle(.nextRecording, context: context)), "handled")
        XCTAssertEqual(screen.recordingIndex, 1)
        _ = screen.handle(.nextRecording, context: context)
        XCTAssertEqual(screen.recordingIndex, 0)
        _ = screen.handle(.previousModel, context: context)
        XCTAssertEqual(screen.modelIndex, 0)
        _ = screen.handle(.previousPane, context: context)
        XCTAssertEqual(screen.page, .correlations)
        XCTAssertEqual(Self.describe(screen.handle(.sort, context: context)), "ignored")

        var text = Self.render(screen, workspace)
        let deadline = Date().addingTimeInterval(10)
        while text.contains("computing") && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.05)
            text = Self.render(screen, workspace)
        }
        XCTAssertTrue(text.contains("Data [ ]: rec1"), text)
        XCTAssertTrue(text.contains("Model { }: model"), text)
        XCTAssertTrue(text.contains("2 units, mean r"), text)
        XCTAssertTrue(text.contains("noise correlation r"), text)
    }
}
