import Terminal
import XCTest

final class PlotRobustnessTests: XCTestCase {
    func draw(
        _ plot: LinePlot, width: Int = 40, height: Int = 12,
        appearance: Appearance = .rich
    ) -> String {
        var buffer = CellBuffer(width: width, height: height)
        plot.draw(into: &buffer, in: buffer.bounds, appearance: appearance)
        return buffer.plainText()
    }

    func testLinePlotEmptySeriesSaysNoData() {
        XCTAssertTrue(draw(LinePlot(series: [])).contains("no data"))
        XCTAssertTrue(draw(LinePlot(series: [PlotSeries(name: "a", y: [])])).contains("no data"))
    }

    func testLinePlotAllNaNSaysNoData() {
        let plot = LinePlot(series: [PlotSeries(name: "a", y: [.nan, .infinity, .nan])])
        XCTAssertTrue(draw(plot).contains("no data"))
    }

    func testLinePlotSkipsNaNPoints() {
        let plot = LinePlot(series: [
            PlotSeries(
                name: "a", y: [1, .nan, 3, 2],
                error: [0.1, 0.2, .nan, 0.3])
        ])
        for appearance in [Appearance.rich, .plain] {
            let text = draw(plot, appearance: appearance)
            XCTAssertFalse(text.contains("no data"))
            XCTAssertTrue(text.contains("3"))
        }
    }

    func testLinePlotSinglePointIsVisible() {
        let plot = LinePlot(series: [PlotSeries(name: "a", x: [5], y: [2])])
        let braille = draw(plot)
        XCTAssertTrue(braille.unicodeScalars.contains { (0x2801...0x28FF).contains($0.value) })
        XCTAssertTrue(draw(plot, appearance: .plain).contains("*"))
    }

    func testLinePlotConstantSeriesHasTicks() {
        let plot = LinePlot(series: [PlotSeries(name: "a", y: [4, 4, 4, 4])])
        let text = draw(plot)
        XCTAssertTrue(text.contains("4"))
        XCTAssertTrue(text.unicodeScalars.contains { (0x2801...0x28FF).contains($0.value) })
    }

    func testLinePlotTinyRectSaysTooSmall() {
        let plot = LinePlot(series: [PlotSeries(name: "a", y: [1, 2, 3])])
        XCTAssertEqual(draw(plot, width: 10, height: 5), "\n\ntoo small\n\n")
        XCTAssertEqual(draw(plot, width: 3, height: 1), "to…")
        XCTAssertEqual(draw(plot, width: 0, height: 0), "")
    }

    func testOtherPlotsSurviveTinyAndEmptyInput() throws {
        var buffer = CellBuffer(width: 10, height: 5)
        let rect = buffer.bounds
        Histogram(values: [], binCount: 5).draw(into: &buffer, in: rect, appearance: .rich)
        Histogram(values: [.nan, 3, 3], binCount: 0).draw(
            into: &buffer, in: rect, appearance: .plain)
        StackedBars(categories: [], segmentNames: [], values: []).draw(
            into: &buffer, in: rect, appearance: .rich)
        StackedBars(categories: ["a"], segmentNames: ["x"], values: [[.nan]]).draw(
            into: &buffer, in: rect, appearance: .rich)
        Heatmap(values: []).draw(into: &buffer, in: rect, appearance: .rich)
        Heatmap(values: [[.nan, 1], [0]]).draw(into: &buffer, in: rect, appearance: .plain)
        ColorBar(colorMap: .viridis, range: 0...0).draw(into: &buffer, in: rect, appearance: .rich)
        let image = try HalfBlockImage(width: 2, height: 2, pixels: [.nan, 1, 1, 1])
        image.draw(into: &buffer, in: Rect(x: 0, y: 0, width: 1, height: 1), appearance: .rich)
        XCTAssertThrowsError(try HalfBlockImage(width: 3, height: 2, pixels: [1, 2]))
        XCTAssertThrowsError(try Histogram(binEdges: [0, 1], counts: [1, 2]))
        XCTAssertThrowsError(try Histogram(binEdges: [1, 0], counts: [1]))
    }

    func testHistogramBinsValues() {
        let histogram = Histogram(values: [0, 0.1, 0.5, 0.99, 1, .nan], binCount: 2)
        XCTAssertEqual(histogram.counts, [2, 3])
        XCTAssertEqual(histogram.binEdges, [0, 0.5, 1])
    }

    func testBrailleBitMapping() {
        // Unicode braille: dots 1,2,3,7 down the left column, 4,5,6,8 down the right.
        let expected: [[UInt8]] = [[0x01, 0x08], [0x02, 0x10], [0x04, 0x20], [0x40, 0x80]]
        for dy in 0..<4 {
            for dx in 0..<2 {
                XCTAssertEqual(BrailleCanvas.bit(dx: dx, dy: dy), expected[dy][dx], "\(dx),\(dy)")
                var canvas = BrailleCanvas(columns: 1, rows: 1)
                canvas.set(px: dx, py: dy, layer: 0)
                XCTAssertEqual(
                    canvas.glyph(column: 0, row: 0),
                    Character(Unicode.Scalar(0x2800 + UInt32(expected[dy][dx]))!))
            }
        }
        var full = BrailleCanvas(columns: 2, rows: 1)
        full.line(from: (0, 0), to: (0, 3), layer: 0)
        full.line(from: (1, 0), to: (1, 3), layer: 1)
        XCTAssertEqual(full.glyph(column: 0, row: 0), "⣿")
        XCTAssertNil(full.glyph(column: 1, row: 0))
        XCTAssertEqual(full.layer(column: 0, row: 0), 1)
        full.set(px: 99, py: -1, layer: 0)
    }

    func testNiceTicksAndLabels() {
        XCTAssertEqual(AxisScale.ticks(in: 0...10, targetCount: 5), [0, 2, 4, 6, 8, 10])
        XCTAssertEqual(
            AxisScale.ticks(in: -0.13...0.52, targetCount: 4),
            [-0.2, 0, 0.2, 0.4].filter { $0 >= -0.13 })
        XCTAssertEqual(AxisScale.labels(for: [0, 0.5, 1]), ["0.0", "0.5", "1.0"])
        XCTAssertEqual(AxisScale.labels(for: [0, 45, 90]), ["0", "45", "90"])
        XCTAssertEqual(AxisScale.labels(for: [-0.0, 1]), ["0", "1"])
    }

    func testPlotsSurviveHugeValues() throws {
        let huge = [-Double.greatestFiniteMagnitude, 0, .greatestFiniteMagnitude]
        let plot = LinePlot(
            series: [PlotSeries(name: "a", x: huge, y: huge, error: huge)],
            marker: PlotMarker(x: 1e300, label: "m"))
        for appearance in [Appearance.rich, .plain] {
            XCTAssertFalse(draw(plot, appearance: appearance).isEmpty)
        }
        var buffer = CellBuffer(width: 40, height: 12)
        Histogram(values: huge, binCount: 4).draw(
            into: &buffer, in: buffer.bounds, appearance: .rich)
        try Histogram(binEdges: huge, counts: [1, 2]).draw(
            into: &buffer, in: buffer.bounds, appearance: .plain)
        StackedBars(categories: ["a"], segmentNames: ["x", "y"], values: [huge]).draw(
            into: &buffer, in: buffer.bounds, appearance: .rich)
        ColorBar(colorMap: .grey, range: huge[0]...huge[2]).draw(
            into: &buffer, in: buffer.bounds, appearance: .rich)
    }
}
