import Data
import Engine
import Foundation
import Terminal
import XCTest

@testable import App

/// XCTest on Linux runs tests on the main thread but cannot call main-actor test methods,
/// so each test enters the main actor with `MainActor.assumeIsolated`.
final class ExplorerTests: XCTestCase {
    @MainActor
    private static func makeExplorer(sessions: [Session], appearance: Appearance = .plain) throws
        -> Explorer
    {
        let store = SessionStore(searchedPaths: ["/data"])
        for session in sessions { store.add(session) }
        let workspace = Workspace(
            engine: Engine(log: nil), sessions: store, stateFolder: NSTemporaryDirectory(),
            dataPaths: ["/data"])
        let keyMap = try KeyMap(text: String(contentsOf: Self.keyMapURL, encoding: .utf8))
        return Explorer(workspace: workspace, keyMap: keyMap, appearance: appearance)
    }

    nonisolated static let keyMapURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("assets/keymap.txt")

    @MainActor
    private static func screenText(_ explorer: Explorer, width: Int = 80, height: Int = 24) -> String {
        explorer.render(width: width, height: height).plainText(asciiOnly: true)
    }

    func testSessionsScreenListsSession() throws {
        try MainActor.assumeIsolated {
            let explorer = try Self.makeExplorer(sessions: [try SyntheticSession.session()])
            let text = Self.screenText(explorer)
            XCTAssertTrue(text.contains("synthetic"), text)
            XCTAssertTrue(text.contains("recorded"), text)
            XCTAssertTrue(text.contains("none"), "behaviour column should say none:\n\(text)")
            XCTAssertTrue(text.contains("1 sessions"), text)
        }
    }

    func testEnterOpensNeuronTableThenDetail() throws {
        try MainActor.assumeIsolated {
            let explorer = try Self.makeExplorer(sessions: [try SyntheticSession.session()])
            explorer.handle(keyNamed: "enter")
            var text = Self.screenText(explorer)
            XCTAssertTrue(text.contains("Neurons of synthetic"), text)
            XCTAssertTrue(text.contains("unitA"), text)

            explorer.handle(keyNamed: "enter")
            text = Self.screenText(explorer)
            XCTAssertTrue(text.contains("Neuron unitA"), text)
            XCTAssertTrue(text.contains("pref 90"), text)
            XCTAssertTrue(text.contains("direction (deg)"), text)

            explorer.handle(keyNamed: "n")
            XCTAssertTrue(Self.screenText(explorer).contains("Neuron unitB"))

            explorer.handle(keyNamed: "esc")
            explorer.handle(keyNamed: "backspace")
            XCTAssertTrue(Self.screenText(explorer).contains("Session"))
            XCTAssertEqual(explorer.stack.count, 1)
        }
    }

    func testUndefinedIndexShowsNA() throws {
        try MainActor.assumeIsolated {
            // unitC is flat: OSI = 0 but global indices are defined; its Fano factor and
            // reliability exist. Peak DSI of unitB is 0; the detail must show numbers, and an
            // undefined value must read n/a, never NaN.
            let explorer = try Self.makeExplorer(sessions: [try SyntheticSession.session()])
            explorer.handle(keyNamed: "enter")
            let text = Self.screenText(explorer)
            XCTAssertFalse(text.contains("nan"), text)
            XCTAssertFalse(text.contains("NaN"), text)
            XCTAssertTrue(text.contains("n/a"), "running modulation has no speed series:\n\(text)")
        }
    }

    func testHelpOverlayListsKeys() throws {
        try MainActor.assumeIsolated {
            let explorer = try Self.makeExplorer(sessions: [try SyntheticSession.session()])
            explorer.handle(keyNamed: "?")
            var text = Self.screenText(explorer)
            XCTAssertTrue(text.contains("Keys"), text)
            XCTAssertTrue(text.contains("up/k"), text)
            XCTAssertTrue(text.contains("q/ctrl-c"), text)
            explorer.handle(keyNamed: "j")
            text = Self.screenText(explorer)
            XCTAssertFalse(text.contains("Keys:"), text)
            XCTAssertFalse(explorer.quitRequested)
        }
    }

    func testTooSmallTerminalSaysSo() throws {
        try MainActor.assumeIsolated {
            let explorer = try Self.makeExplorer(sessions: [])
            let text = Self.screenText(explorer, width: 20, height: 8)
            XCTAssertTrue(text.contains("terminal too small"), text)
            XCTAssertTrue(text.contains("need 60x16"), text)
            let tiny = Self.screenText(explorer, width: 10, height: 5)
            XCTAssertFalse(tiny.isEmpty)
            XCTAssertEqual(explorer.render(width: 0, height: 0).width, 0)
        }
    }

    func testEmptyStateSaysHowToOpenData() throws {
        try MainActor.assumeIsolated {
            let explorer = try Self.makeExplorer(sessions: [])
            let text = Self.screenText(explorer)
            XCTAssertTrue(text.contains("No datasets found"), text)
            XCTAssertTrue(text.contains("CORTEXSCOPE_DATA_PATH"), text)
        }
    }

    func testQuitKeySetsQuitRequested() throws {
        try MainActor.assumeIsolated {
            let explorer = try Self.makeExplorer(sessions: [])
            explorer.handle(keyNamed: "q")
            XCTAssertTrue(explorer.quitRequested)
        }
    }

    func testNeuronDetailGoldenColour() throws {
        try MainActor.assumeIsolated {
            let explorer = try Self.makeExplorer(sessions: [try SyntheticSession.session()],
                                            appearance: .rich)
            explorer.handle(keyNamed: "enter")
            explorer.handle(keyNamed: "enter")
            Golden.assertMatches(explorer.render(width: 80, height: 24),
                                 named: "neuron-detail-80x24-colour", asciiOnly: false)
        }
    }

    func testNeuronDetailGoldenASCII() throws {
        try MainActor.assumeIsolated {
            let explorer = try Self.makeExplorer(sessions: [try SyntheticSession.session()])
            explorer.handle(keyNamed: "enter")
            explorer.handle(keyNamed: "enter")
            let buffer = explorer.render(width: 80, height: 24)
            Golden.assertMatches(buffer, named: "neuron-detail-80x24-ascii", asciiOnly: true)
            let text = buffer.plainText()
            XCTAssertTrue(text.unicodeScalars.allSatisfy { $0.value < 0x7F }, text)
        }
    }
}

final class NeuronTableSortTests: XCTestCase {
    func testSortPutsUndefinedLastBothWays() throws {
        try MainActor.assumeIsolated {
            let session = try SyntheticSession.session()
            let report = try XCTUnwrap(session.report)
            let screen = NeuronTableScreen(session: session, report: report)
            let dsiColumn = try XCTUnwrap(
                NeuronTableScreen.columns.firstIndex { $0.title == "DSI" })
            let values = report.neurons.map { $0.dsi }

            screen.sort(by: dsiColumn, ascending: true)
            let ascending = screen.order.map { values[$0] }
            screen.sort(by: dsiColumn, ascending: false)
            let descending = screen.order.map { values[$0] }

            let definedAscending = ascending.compactMap { $0 }
            XCTAssertEqual(definedAscending, definedAscending.sorted())
            XCTAssertEqual(descending.compactMap { $0 }, definedAscending.sorted(by: >))
            for list in [ascending, descending] {
                if let firstNil = list.firstIndex(where: { $0 == nil }) {
                    XCTAssertTrue(list[firstNil...].allSatisfy { $0 == nil }, "\(list)")
                }
            }
        }
    }

    func testSortKeepsSelectedNeuron() throws {
        try MainActor.assumeIsolated {
            let session = try SyntheticSession.session()
            let screen = NeuronTableScreen(session: session, report: try XCTUnwrap(session.report))
            let osiColumn = try XCTUnwrap(NeuronTableScreen.columns.firstIndex { $0.title == "OSI" })
            let before = screen.selectedNeuron
            screen.sort(by: osiColumn, ascending: false)
            XCTAssertEqual(screen.selectedNeuron, before)
        }
    }
}

final class ArgumentsTests: XCTestCase {
    func testOptionsFlagsAndPositionals() throws {
        var arguments = try Arguments(["a.mat", "--format", "tsv", "--response=0,1.5", "b"])
        XCTAssertEqual(arguments.positional, ["a.mat", "b"])
        XCTAssertEqual(try arguments.format([.json, .tsv], default: .json), .tsv)
        let window = try XCTUnwrap(try arguments.window("response"))
        XCTAssertEqual(window.0, 0)
        XCTAssertEqual(window.1, 1.5)
        XCTAssertNoThrow(try arguments.rejectUnknown())
    }

    func testUnknownOptionIsRejected() throws {
        let arguments = try Arguments(["--fromat", "json"])
        XCTAssertThrowsError(try arguments.rejectUnknown()) { error in
            XCTAssertTrue("\(error)".contains("--fromat"))
        }
    }

    func testMissingValueAndBadWindow() throws {
        XCTAssertThrowsError(try Arguments(["--format"]))
        var reversed = try Arguments(["--baseline", "0,-1"])
        XCTAssertThrowsError(try reversed.window("baseline"))
        var text = try Arguments(["--response", "a,b"])
        XCTAssertThrowsError(try text.window("response"))
        var format = try Arguments(["--format", "xml"])
        XCTAssertThrowsError(try format.format([.json], default: .json))
    }

    func testTuningCommandRejectsNoPath() {
        XCTAssertThrowsError(try TuningCommand.run([])) { error in
            XCTAssertTrue(error is UsageError)
        }
    }
}

final class JSONValueTests: XCTestCase {
    func testNonFiniteNumbersAreNull() {
        let value = JSONValue.array([.optional(.nan), .optional(nil), .optional(.infinity),
                                     .number(0.5), .number(45)])
        XCTAssertEqual(value.serialized(), "[null,null,null,0.5,45]")
    }

    func testStringsAreEscaped() {
        let value = JSONValue.object([("id", .string("a\"b\\c\n\u{1B}"))])
        XCTAssertEqual(value.serialized(), #"{"id":"a\"b\\c\n\u001b"}"#)
    }

    func testTuningJSONLayout() throws {
        let json = TuningCommand.json([try SyntheticSession.session()]).serialized()
        let root = try XCTUnwrap(
            try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let dataset = try XCTUnwrap((root["datasets"] as? [[String: Any]])?.first)
        XCTAssertEqual(dataset["name"] as? String, "synthetic")
        XCTAssertEqual(dataset["directions"] as? [Double], SyntheticSession.directions)
        let neuron = try XCTUnwrap((dataset["neurons"] as? [[String: Any]])?.first)
        XCTAssertEqual(neuron["id"] as? String, "unitA")
        XCTAssertEqual(neuron["preferred_direction"] as? Double, 90)
        XCTAssertTrue(neuron["running_modulation"] is NSNull)
        XCTAssertEqual(neuron["n"] as? [Int], Array(repeating: 4, count: 8))
    }
}

final class KeyMapTests: XCTestCase {
    func testShippedKeyMapParsesAndNamesRealKeys() throws {
        let text = try String(contentsOf: ExplorerTests.keyMapURL, encoding: .utf8)
        let keyMap = try KeyMap(text: text)
        XCTAssertEqual(keyMap.command(forKeyNamed: "q"), .quit)
        XCTAssertEqual(keyMap.command(forKeyNamed: "enter"), .open)
        for key in keyMap.bindings.keys {
            XCTAssertNotNil(Key(name: key), "key map names an unknown key '\(key)'")
        }
    }

    func testUnknownCommandNamesLine() {
        XCTAssertThrowsError(try KeyMap(text: "# comment\nq quit\nz zoom-in\n")) { error in
            XCTAssertTrue("\(error)".contains("line 3"), "\(error)")
            XCTAssertTrue("\(error)".contains("zoom-in"), "\(error)")
        }
    }

    func testShippedThemesParse() throws {
        let assets = ExplorerTests.keyMapURL.deletingLastPathComponent().path
        let names = Assets.themeNames(in: assets)
        XCTAssertTrue(names.contains("default"), "\(names)")
        for name in names {
            XCTAssertNoThrow(try Theme.load(path: "\(assets)/themes/\(name).json"), name)
        }
        let shipped = try Theme.load(path: "\(assets)/themes/default.json")
        XCTAssertEqual(shipped.roles, Theme.default.roles,
                       "themes/default.json and the built-in theme differ")
    }

    func testKeyBoundTwiceIsRejected() {
        XCTAssertThrowsError(try KeyMap(text: "q quit\nq help\n"))
    }
}
