import Terminal
import XCTest

/// The raster plot: dots per trial, labels per group, and row sharing when space is short.
final class RasterTests: XCTestCase {
    static let raster = Raster(
        groups: [
            RasterGroup(label: "0", trials: [[0.0], [0.5], [1.0], [0.25]]),
            RasterGroup(label: "90", trials: [[0.5, 0.75]]),
            RasterGroup(label: "empty", trials: []),
        ],
        xRange: 0...1, xLabel: "time (s)")

    func testBrailleDotsOneRowPerTrial() {
        var buffer = CellBuffer(width: 30, height: 8)
        Self.raster.draw(into: &buffer, in: buffer.bounds, appearance: .rich)
        let lines = buffer.plainText().split(separator: "\n", omittingEmptySubsequences: false)
        // Group "0" has 4 trials: one braille cell row; group "90" starts on the next row.
        // Labels are right-aligned in the width of the longest, "empty".
        XCTAssertTrue(lines[0].hasPrefix("    0 "), "\(lines)")
        XCTAssertTrue(lines[1].hasPrefix("   90 "), "\(lines)")
        let dots = buffer.plainText().unicodeScalars.filter { (0x2801...0x28FF).contains($0.value) }
        let bits = dots.map { ($0.value - 0x2800).nonzeroBitCount }.reduce(0, +)
        XCTAssertEqual(bits, 6, "one dot per spike:\n\(buffer.plainText())")
        XCTAssertTrue(buffer.plainText().contains("time (s)"))
        XCTAssertTrue(buffer.plainText().contains("0.0"))
        XCTAssertTrue(buffer.plainText().contains("1.0"))
    }

    func testASCIIUsesBarsPerTrialRow() {
        var buffer = CellBuffer(width: 30, height: 10)
        Self.raster.draw(into: &buffer, in: buffer.bounds, appearance: .plain)
        let text = buffer.plainText(asciiOnly: true)
        XCTAssertEqual(text.filter { $0 == "|" }.count, 6, text)
        XCTAssertTrue(text.unicodeScalars.allSatisfy { $0.value < 0x80 }, text)
    }

    func testRowAllocationSharesRowsWhenShort() {
        XCTAssertEqual(Raster.rowAllocation(trialCounts: [4, 1, 0], cellRows: 5, trialsPerRow: 4),
                       [1, 1, 0])
        let shared = Raster.rowAllocation(
            trialCounts: [40, 40, 20], cellRows: 5, trialsPerRow: 4)
        XCTAssertEqual(shared.reduce(0, +), 5)
        XCTAssertTrue(shared.allSatisfy { $0 >= 1 }, "\(shared)")
    }

    func testTooSmallAndEmpty() {
        var small = CellBuffer(width: 10, height: 3)
        Self.raster.draw(into: &small, in: small.bounds, appearance: .rich)
        XCTAssertTrue(small.plainText().contains("too"))
        var empty = CellBuffer(width: 30, height: 8)
        Raster(groups: [], xRange: 0...1).draw(into: &empty, in: empty.bounds, appearance: .rich)
        XCTAssertTrue(empty.plainText().contains("no trials"))
    }
}
