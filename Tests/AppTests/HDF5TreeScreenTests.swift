@testable import App
import Data
import Foundation
import Terminal
import XCTest

/// The HDF5 tree screen: expanding groups, search by path, and text input mode.
final class HDF5TreeScreenTests: XCTestCase {
    @MainActor private static func screen() throws -> HDF5TreeScreen {
        let path = try AppFixtures.path("nwb/units_trials.nwb")
        return HDF5TreeScreen(tree: try SerializedHDF5Tree(path: path), fileName: "units_trials")
    }

    func testExpandAndCollapseGroup() throws {
        try MainActor.assumeIsolated { try Self.checkExpandAndCollapseGroup() }
    }

    @MainActor private static func checkExpandAndCollapseGroup() throws {
        let screen = try Self.screen()
        let workspace = AppFixtures.workspace()
        let context = ScreenContext(workspace: workspace)
        var text = AppFixtures.render(screen, workspace: workspace)
        XCTAssertTrue(text.contains("+ acquisition/  1 members"), text)
        XCTAssertFalse(text.contains("running_speed"), text)

        _ = screen.handle(.moveDown, context: context)
        XCTAssertEqual(screen.selectedNode?.path, "/acquisition")
        _ = screen.handle(.open, context: context)
        text = AppFixtures.render(screen, workspace: workspace)
        XCTAssertTrue(text.contains("- acquisition/"), text)
        XCTAssertTrue(text.contains("+ running_speed/  2 members  TimeSeries"), text)

        _ = screen.handle(.moveLeft, context: context)
        text = AppFixtures.render(screen, workspace: workspace)
        XCTAssertFalse(text.contains("running_speed"), text)
    }

    func testSearchSelectsMatchAndShowsPreview() throws {
        try MainActor.assumeIsolated { try Self.checkSearchSelectsMatchAndShowsPreview() }
    }

    @MainActor private static func checkSearchSelectsMatchAndShowsPreview() throws {
        let screen = try Self.screen()
        let workspace = AppFixtures.workspace()
        let context = ScreenContext(workspace: workspace)
        _ = screen.handle(.search, context: context)
        XCTAssertTrue(screen.isReadingText)
        for character in "spike_times" {
            _ = screen.handleText(keyNamed: String(character), context: context)
        }
        _ = screen.handleText(keyNamed: "enter", context: context)
        XCTAssertEqual(screen.selectedNode?.path, "/units/spike_times")

        let text = AppFixtures.render(screen, workspace: workspace, width: 120)
        let spikes = try XCTUnwrap(AppFixtures.expected("units_trials")["spike_total"] as? Int)
        XCTAssertTrue(text.contains("dtype float64  shape \(spikes)"), text)
        XCTAssertTrue(text.contains("First 10 of \(spikes) values:"), text)
        XCTAssertTrue(text.contains("1.47863941191957"), "first spike time missing:\n\(text)")
        XCTAssertTrue(text.contains("/spike_times (2 matches)"), text)

        // The second match is the index dataset; Enter again moves to it, then wraps.
        _ = screen.handleText(keyNamed: "enter", context: context)
        XCTAssertEqual(screen.selectedNode?.path, "/units/spike_times_index")
        _ = screen.handleText(keyNamed: "esc", context: context)
        XCTAssertFalse(screen.isReadingText)
    }

    func testTypedKeysDoNotTriggerCommands() throws {
        try MainActor.assumeIsolated { try Self.checkTypedKeysDoNotTriggerCommands() }
    }

    @MainActor private static func checkTypedKeysDoNotTriggerCommands() throws {
        let explorer = Explorer(
            workspace: AppFixtures.workspace(), keyMap: try AppFixtures.keyMap(),
            appearance: .plain, root: try Self.screen())
        explorer.handle(keyNamed: "/")
        for name in ["q", "j", "?", "1"] { explorer.handle(keyNamed: name) }
        XCTAssertFalse(explorer.quitRequested)
        XCTAssertFalse(explorer.showsHelp)
        let tree = try XCTUnwrap(explorer.top as? HDF5TreeScreen)
        XCTAssertEqual(tree.query, "qj?1")
        XCTAssertEqual(tree.selectedNode?.path, "/")

        explorer.handle(keyNamed: "esc")
        explorer.handle(keyNamed: "q")
        XCTAssertTrue(explorer.quitRequested)
    }

    func testEscapesInNamesNeverReachTheBuffer() throws {
        try MainActor.assumeIsolated { try Self.checkEscapesInNamesNeverReachTheBuffer() }
    }

    @MainActor private static func checkEscapesInNamesNeverReachTheBuffer() throws {
        let path = try AppFixtures.path("hdf5/escapes.h5")
        let screen = HDF5TreeScreen(tree: try SerializedHDF5Tree(path: path), fileName: "e")
        let workspace = AppFixtures.workspace()
        _ = screen.handle(.moveDown, context: ScreenContext(workspace: workspace))
        let text = AppFixtures.render(screen, workspace: workspace)
        XCTAssertTrue(text.contains("groupname/"), text)
        XCTAssertTrue(text.contains("note = beforeafter"), text)
        XCTAssertFalse(text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" }, text)
    }
}
