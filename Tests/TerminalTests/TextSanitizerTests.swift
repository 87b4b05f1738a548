import Terminal
import XCTest

final class TextSanitizerTests: XCTestCase {
    func testSanitizeStripsCSISequences() {
        XCTAssertEqual(TextSanitizer.sanitize("a\u{1B}[31mred\u{1B}[0m b"), "ared b")
        XCTAssertEqual(TextSanitizer.sanitize("\u{1B}[2J\u{1B}[1;1Hx"), "x")
    }

    func testSanitizeStripsOSCTitleSequences() {
        XCTAssertEqual(TextSanitizer.sanitize("\u{1B}]0;pwned\u{07}name"), "name")
        XCTAssertEqual(TextSanitizer.sanitize("\u{1B}]2;title\u{1B}\\name"), "name")
        XCTAssertEqual(TextSanitizer.sanitize("\u{1B}Pdevice\u{1B}\\ok"), "ok")
    }

    func testSanitizeStripsTwoByteEscapes() {
        XCTAssertEqual(TextSanitizer.sanitize("\u{1B}cx"), "x")
        XCTAssertEqual(TextSanitizer.sanitize("\u{1B}(Bx"), "x")
    }

    func testSanitizeStripsC0AndDEL() {
        XCTAssertEqual(TextSanitizer.sanitize("a\u{00}b\u{07}c\u{08}d\u{7F}e"), "abcde")
    }

    func testSanitizeTurnsLineBreaksAndTabsIntoSpaces() {
        XCTAssertEqual(TextSanitizer.sanitize("a\tb\nc\r\nd"), "a b c  d")
    }

    func testSanitizeStripsC1ControlsAnd8BitCSI() {
        XCTAssertEqual(TextSanitizer.sanitize("a\u{9B}31mb"), "ab")
        XCTAssertEqual(TextSanitizer.sanitize("a\u{9D}0;t\u{9C}b"), "ab")
        XCTAssertEqual(TextSanitizer.sanitize("a\u{85}b\u{9F}"), "ab")
    }

    func testSanitizeStripsBidiOverrides() {
        XCTAssertEqual(TextSanitizer.sanitize("a\u{202E}b\u{2066}c"), "abc")
    }

    func testSanitizeKeepsPrintableUnicode() {
        XCTAssertEqual(TextSanitizer.sanitize("ΔF/F 90° 視覚"), "ΔF/F 90° 視覚")
    }

    func testPutNeverWritesEscapeIntoCells() {
        var buffer = CellBuffer(width: 20, height: 1)
        buffer.put("\u{1B}[31mx\u{1B}]0;t\u{07}y", x: 0, y: 0, style: .plain)
        XCTAssertEqual(buffer.plainText(), "xy")
        for column in 0..<20 {
            XCTAssertFalse(buffer[column, 0].grapheme.unicodeScalars.contains { $0.value < 0x20 })
        }
    }

    func testDisplayWidthOfWideAndNarrow() {
        XCTAssertEqual(DisplayWidth.of("a"), 1)
        XCTAssertEqual(DisplayWidth.of("視"), 2)
        XCTAssertEqual(DisplayWidth.of("ｱ"), 1)
        XCTAssertEqual(DisplayWidth.of("Ａ"), 2)
        XCTAssertEqual(DisplayWidth.of("e\u{301}" as Character), 1)
        XCTAssertEqual(DisplayWidth.of("視覚 ok"), 7)
    }

    func testWideCharacterTakesTwoCellsAndClips() {
        var buffer = CellBuffer(width: 5, height: 1)
        let written = buffer.put("視覚x", x: 0, y: 0, style: .plain)
        XCTAssertEqual(written, 5)
        XCTAssertEqual(buffer.plainText(), "視覚x")
        XCTAssertTrue(buffer[1, 0].isContinuation)

        var narrow = CellBuffer(width: 3, height: 1)
        narrow.put("視覚", x: 0, y: 0, style: .plain)
        XCTAssertEqual(narrow.plainText(), "視")
        XCTAssertFalse(narrow[2, 0].isContinuation)
    }

    func testPutGlyphSkipsControlGraphemes() {
        var buffer = CellBuffer(width: 4, height: 1)
        XCTAssertEqual(buffer.putGlyph("\u{1B}", x: 0, y: 0, style: .plain), 0)
        XCTAssertEqual(buffer.putGlyph("\u{202E}", x: 1, y: 0, style: .plain), 0)
        XCTAssertEqual(buffer.putGlyph("\u{9B}", x: 2, y: 0, style: .plain), 0)
        XCTAssertEqual(buffer.putGlyph("⣿", x: 3, y: 0, style: .plain), 1)
        XCTAssertEqual(buffer.plainText(), "   ⣿")
    }
}
