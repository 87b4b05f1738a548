import Terminal
import XCTest

final class CellBufferTests: XCTestCase {
    func testPlainTextTrimsTrailingSpaces() {
        var buffer = CellBuffer(width: 6, height: 2)
        buffer.put("ab", x: 1, y: 0, style: .plain)
        XCTAssertEqual(buffer.plainText(), " ab\n")
    }

    func testPutClipsToRectAndBuffer() {
        var buffer = CellBuffer(width: 8, height: 1)
        buffer.put("abcdef", x: -2, y: 0, style: .plain)
        XCTAssertEqual(buffer.plainText(), "cdef")
        buffer.clear()
        buffer.put("abcdef", x: 0, y: 0, style: .plain, clip: Rect(x: 2, y: 0, width: 3, height: 1))
        XCTAssertEqual(buffer.plainText(), "  cde")
        buffer.put("zz", x: 0, y: 5, style: .plain)
        XCTAssertEqual(buffer.plainText(), "  cde")
    }

    func testFieldPutCutsWithEllipsisAndAligns() {
        var buffer = CellBuffer(width: 12, height: 2)
        buffer.put("abcdefgh", x: 0, y: 0, width: 5, style: .plain)
        buffer.put("7", x: 0, y: 1, width: 4, alignment: .right, style: .plain)
        XCTAssertEqual(buffer.plainText(), "abcd…\n   7")
    }

    func testBoxUnicodeAndASCII() {
        var unicode = CellBuffer(width: 6, height: 3)
        unicode.box(unicode.bounds, style: .plain, glyphs: .unicode)
        XCTAssertEqual(unicode.plainText(), "┌────┐\n│    │\n└────┘")
        var ascii = CellBuffer(width: 6, height: 3)
        ascii.box(ascii.bounds, style: .plain, glyphs: .ascii, title: "ab")
        XCTAssertEqual(ascii.plainText(), "+ ab +\n|    |\n+----+")
    }

    func testStyleLayerNamesStylesInOrder() {
        var buffer = CellBuffer(width: 3, height: 1)
        buffer.put("a", x: 1, y: 0, style: Style(foreground: .red, attributes: .bold))
        XCTAssertEqual(buffer.styleLayerText(), ".a.\n\na: fg=1 bg=default bold")
    }

    func testRectSplitsTileTheRect() {
        let rect = Rect(x: 2, y: 1, width: 10, height: 7)
        let columns = rect.splitColumns(weights: [1, 2], gap: 1)
        XCTAssertEqual(
            columns,
            [
                Rect(x: 2, y: 1, width: 3, height: 7),
                Rect(x: 6, y: 1, width: 6, height: 7),
            ])
        let rows = rect.splitRows(weights: [1, 1, 1])
        XCTAssertEqual(rows.map(\.height), [2, 2, 3])
        XCTAssertEqual(rect.splitTop(9).rest.height, 0)
        XCTAssertEqual(
            rect.inset(top: 1, left: 1, bottom: 1, right: 1),
            Rect(x: 3, y: 2, width: 8, height: 5))
        XCTAssertEqual(rect.centered(width: 4, height: 3), Rect(x: 5, y: 3, width: 4, height: 3))
        XCTAssertTrue(Rect(x: 0, y: 0, width: -3, height: 2).isEmpty)
    }
}
