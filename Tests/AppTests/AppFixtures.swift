@testable import App
import Data
import Engine
import Foundation
import Terminal
import XCTest

/// Generated fixtures, a workspace without a terminal, and drawing screens into text.
enum AppFixtures {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Returns the path of a file `make fixtures` writes, or skips the test when it is absent.
    static func path(_ relativePath: String) throws -> String {
        let path = packageRoot.appendingPathComponent("Tests/Fixtures/generated")
            .appendingPathComponent(relativePath).path
        guard FileManager.default.fileExists(atPath: path) else {
            throw XCTSkip("fixture \(relativePath) is missing; run `make fixtures` first")
        }
        return path
    }

    /// The NWB fixtures' expected values for `file` (`units_trials`, `presentations`).
    static func expected(_ file: String) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: try path("nwb/expected.json")))
        let root = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        return try XCTUnwrap(root?[file] as? [String: Any], "no \(file) in expected.json")
    }

    /// The default key map of the checkout.
    static func keyMap() throws -> KeyMap {
        try KeyMap(text: String(
            contentsOf: packageRoot.appendingPathComponent("assets/keymap.txt"), encoding: .utf8))
    }

    @MainActor
    static func workspace(sessions: [Session] = []) -> Workspace {
        let store = SessionStore(searchedPaths: [])
        for session in sessions { store.add(session) }
        return Workspace(
            engine: Engine(log: nil), sessions: store, stateFolder: NSTemporaryDirectory(),
            dataPaths: [])
    }

    /// Loads one fixture into analysed sessions, as the explorer's loading job does.
    static func sessions(_ relativePath: String) throws -> [Session] {
        try SessionLoader.load(path: try path(relativePath), settings: TuningSettings())
    }

    /// Draws `screen` into a buffer of the given size in plain ASCII and returns its text.
    @MainActor
    static func render(
        _ screen: any Screen, workspace: Workspace, width: Int = 100, height: Int = 30
    ) -> String {
        var buffer = CellBuffer(width: width, height: height)
        let context = DrawContext(appearance: .plain, workspace: workspace)
        screen.draw(into: &buffer, in: buffer.bounds, context: context)
        return buffer.plainText()
    }
}
