import Foundation
import Terminal
import XCTest

/// Golden snapshots of histograms, images, heatmaps, colour bars and stacked bars.
final class PlotGoldenTests: XCTestCase {
    static let eightColors = Appearance(
        capabilities: TerminalCapabilities(colorMode: .eight, unicode: true))

    /// Deterministic skewed values: squares of an evenly spaced sequence.
    static func histogram() -> Histogram {
        let values = (0..<200).map { index -> Double in
            let u = Double(index) / 199
            return 0.1 + 1.9 * u * u
        }
        return Histogram(values: values, binCount: 12, xLabel: "OSI x 2", yLabel: "neurons")
    }

    func testHistogramUnicode256() {
        var buffer = CellBuffer(width: 60, height: 16)
        Self.histogram().draw(into: &buffer, in: buffer.bounds, appearance: .rich)
        GoldenSnapshot.assertMatches(buffer, named: "histogram-unicode-256")
    }

    func testHistogramASCIINoColor() {
        var buffer = CellBuffer(width: 60, height: 16)
        Self.histogram().draw(into: &buffer, in: buffer.bounds, appearance: .plain)
        GoldenSnapshot.assertMatches(buffer, named: "histogram-ascii-none", asciiOnly: true)
    }

    /// A 16x16 Gabor-like grating: cosine along x under a Gaussian envelope.
    static func gaborImage() throws -> HalfBlockImage {
        let size = 16
        let pixels = (0..<(size * size)).map { index -> Double in
            let x = Double(index % size) - 7.5
            let y = Double(index / size) - 7.5
            return exp(-(x * x + y * y) / 30) * cos(x * 0.9)
        }
        return try HalfBlockImage(width: size, height: size, pixels: pixels, colorMap: .grey)
    }

    func testHalfBlockImageModes() throws {
        for (name, appearance, asciiOnly) in [
            ("image-grey-unicode-256", Appearance.rich, false),
            ("image-grey-ascii-none", Appearance.plain, true),
        ] {
            var buffer = CellBuffer(width: 20, height: 8)
            try Self.gaborImage().draw(into: &buffer, in: buffer.bounds, appearance: appearance)
            GoldenSnapshot.assertMatches(buffer, named: name, asciiOnly: asciiOnly)
        }
        var viridis = try Self.gaborImage()
        viridis.colorMap = .viridis
        var buffer = CellBuffer(width: 20, height: 8)
        viridis.draw(into: &buffer, in: buffer.bounds, appearance: .rich)
        GoldenSnapshot.assertMatches(buffer, named: "image-viridis-unicode-256")
    }

    /// Correlations falling off with distance, negative for far pairs.
    static func correlationHeatmap() -> Heatmap {
        let count = 8
        let values = (0..<count).map { row in
            (0..<count).map { column -> Double in
                row == column ? 1 : cos(Double(abs(row - column)) * 0.6)
            }
        }
        return Heatmap(values: values)
    }

    func testHeatmapWithColorBarModes() {
        for (name, appearance, asciiOnly) in [
            ("heatmap-unicode-256", Appearance.rich, false),
            ("heatmap-unicode-8", Self.eightColors, false),
            ("heatmap-ascii-none", Appearance.plain, true),
        ] {
            var buffer = CellBuffer(width: 30, height: 12)
            let (top, bottom) = buffer.bounds.splitBottom(3)
            Self.correlationHeatmap().draw(into: &buffer, in: top, appearance: appearance)
            ColorBar(colorMap: .diverging, range: -1...1, label: "correlation")
                .draw(into: &buffer, in: bottom, appearance: appearance)
            GoldenSnapshot.assertMatches(buffer, named: name, asciiOnly: asciiOnly)
        }
    }

    func testColorBarViridis256() {
        var buffer = CellBuffer(width: 40, height: 3)
        ColorBar(colorMap: .viridis, range: 0...25, label: "rate (Hz)")
            .draw(into: &buffer, in: buffer.bounds, appearance: .rich)
        GoldenSnapshot.assertMatches(buffer, named: "colorbar-viridis-256")
    }

    static func stackedBars(_ orientation: StackedBars.Orientation) -> StackedBars {
        StackedBars(
            categories: ["V1", "LM", "AL", "PM"], segmentNames: ["simple", "complex", "untuned"],
            values: [[40, 25, 10], [12, 30, 8], [5, 9, 20], [22, 3, 0]],
            orientation: orientation)
    }

    func testStackedBarsModes() {
        for (name, bars, appearance, asciiOnly) in [
            (
                "stacked-horizontal-unicode-256", Self.stackedBars(.horizontal), Appearance.rich,
                false
            ),
            ("stacked-vertical-ascii-none", Self.stackedBars(.vertical), Appearance.plain, true),
        ] {
            var buffer = CellBuffer(width: 40, height: 10)
            bars.draw(into: &buffer, in: buffer.bounds, appearance: appearance)
            GoldenSnapshot.assertMatches(buffer, named: name, asciiOnly: asciiOnly)
        }
    }
}
