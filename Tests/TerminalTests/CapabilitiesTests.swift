import Foundation
import Terminal
import XCTest

final class CapabilitiesTests: XCTestCase {
    let utf8 = ["TERM": "xterm-256color", "LANG": "en_US.UTF-8"]

    func testNoColorDisablesColor() {
        var environment = utf8
        environment["NO_COLOR"] = "1"
        let detected = TerminalCapabilities.detect(environment: environment, terminfoColors: 256)
        XCTAssertEqual(detected.colorMode, .none)
        XCTAssertFalse(detected.unicode, "NO_COLOR gets the plain ASCII rendering")
    }

    func testEmptyNoColorIsIgnored() {
        var environment = utf8
        environment["NO_COLOR"] = ""
        XCTAssertEqual(
            TerminalCapabilities.detect(environment: environment, terminfoColors: 256).colorMode,
            .xterm256)
    }

    func testMonochromeTerminalsHaveNoColor() {
        for term in ["dumb", "vt100", "xterm-mono", "linux-m"] {
            let detected = TerminalCapabilities.detect(
                environment: ["TERM": term, "LANG": "C.UTF-8"], terminfoColors: 8)
            XCTAssertEqual(detected.colorMode, .none, term)
            XCTAssertFalse(detected.unicode, term)
        }
        XCTAssertEqual(TerminalCapabilities.detect(environment: [:]).colorMode, .none)
    }

    func testTerminfoColorCountPicksMode() {
        let cases: [(Int, ColorMode)] = [
            (0, .none), (2, .none), (8, .eight), (16, .eight),
            (88, .eight), (256, .xterm256),
        ]
        for (colors, expected) in cases {
            XCTAssertEqual(
                TerminalCapabilities.detect(environment: utf8, terminfoColors: colors).colorMode,
                expected, "colors=\(colors)")
        }
    }

    func testTermNameGuessWithoutTerminfo() {
        XCTAssertEqual(TerminalCapabilities.detect(environment: utf8).colorMode, .xterm256)
        XCTAssertEqual(
            TerminalCapabilities.detect(environment: ["TERM": "xterm"]).colorMode,
            .eight)
    }

    func testLocaleDecidesUnicode() {
        func unicode(_ environment: [String: String], codeset: String? = nil) -> Bool {
            var colourTerminal = environment
            colourTerminal["TERM"] = "xterm-256color"
            return TerminalCapabilities.detect(environment: colourTerminal, codeset: codeset)
                .unicode
        }
        XCTAssertTrue(unicode(["LANG": "en_GB.utf8"]))
        XCTAssertFalse(unicode(["LANG": "C"]))
        XCTAssertFalse(unicode([:]))
        XCTAssertFalse(unicode(["LC_ALL": "POSIX", "LANG": "en_US.UTF-8"]))
        XCTAssertTrue(unicode(["LC_ALL": "", "LC_CTYPE": "C.UTF-8", "LANG": "C"]))
        XCTAssertFalse(unicode(["LANG": "en_US.UTF-8"], codeset: "ANSI_X3.4-1968"))
        XCTAssertTrue(unicode(["LANG": "en_US.UTF-8"], codeset: "UTF-8"))
    }

    func testAppearanceAdaptsColors() {
        let style = Style(foreground: .indexed(196), background: .indexed(21), attributes: .bold)
        let eight = Appearance(capabilities: TerminalCapabilities(colorMode: .eight, unicode: true))
        XCTAssertEqual(
            eight.adapt(style), Style(foreground: .red, background: .blue, attributes: .bold))
        let none = Appearance.plain.adapt(style)
        XCTAssertEqual(none, Style(attributes: [.bold, .reverse]))
        XCTAssertEqual(Appearance.rich.adapt(style), style)
    }

    func testXtermPaletteRoundTrip() {
        XCTAssertEqual(XtermPalette.nearest256(red: 255, green: 0, blue: 0), 196)
        XCTAssertEqual(XtermPalette.nearest256(red: 128, green: 128, blue: 128), 244)
        XCTAssertTrue(XtermPalette.rgb(196) == (255, 0, 0))
        XCTAssertEqual(XtermPalette.nearest8(226), 3)
        XCTAssertEqual(XtermPalette.nearest8(250), 7)
        XCTAssertEqual(XtermPalette.nearest8(234), 0)
    }

    func testThemeParsesRolesAndSeries() throws {
        let json = """
            {"name": "light", "roles": {"accent": {"fg": "brightred", "bg": 17,
             "attrs": ["underline"]}}, "series": [33, "green"]}
            """
        let theme = try Theme.parse(json: Data(json.utf8))
        XCTAssertEqual(theme.name, "light")
        XCTAssertEqual(
            theme.style(.accent),
            Style(foreground: .indexed(9), background: .indexed(17), attributes: .underline))
        XCTAssertEqual(theme.seriesColors, [.indexed(33), .green])
        XCTAssertEqual(theme.style(.marker), Theme.default.style(.marker))
    }

    func testThemeRejectsBadValues() {
        let cases = [
            (#"{"roles": {"acent": {}}}"#, "acent"),
            (#"{"roles": {"accent": {"fg": 300}}}"#, "roles.accent.fg"),
            (#"{"roles": {"accent": {"attrs": ["blink"]}}}"#, "blink"),
            (#"{"series": []}"#, "series"),
            ("{not json", "not valid JSON"),
        ]
        for (json, expected) in cases {
            XCTAssertThrowsError(try Theme.parse(json: Data(json.utf8)), json) { error in
                XCTAssertTrue("\(error)".contains(expected), "\(error)")
            }
        }
    }

    func testThemeJSONRoundTrip() throws {
        let text = Theme.default.jsonText()
        let parsed = try Theme.parse(
            json: Data(text.utf8),
            base: Theme(
                name: "", roles: [:],
                seriesColors: []))
        XCTAssertEqual(parsed, Theme.default)
    }
}
