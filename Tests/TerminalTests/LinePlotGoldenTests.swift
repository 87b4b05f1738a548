import Foundation
import Terminal
import XCTest

/// Golden snapshots of a tuning-curve-like line plot at 80x24.
final class LinePlotGoldenTests: XCTestCase {
    /// Orientation tuning: a von Mises bump at 90 degrees plus a baseline, two conditions.
    static func tuningPlot() -> LinePlot {
        let angles = (0..<16).map { Double($0) * 22.5 }
        func response(_ angle: Double, peak: Double, gain: Double) -> Double {
            let radians = (angle - peak) * Double.pi / 180
            return 2 + gain * exp(2 * (cos(2 * radians) - 1))
        }
        let rates = angles.map { response($0, peak: 90, gain: 14) }
        let sem = angles.map { 0.6 + 0.08 * response($0, peak: 90, gain: 14) }
        let running = angles.map { response($0, peak: 90, gain: 9) }
        return LinePlot(
            series: [
                PlotSeries(name: "stationary", x: angles, y: rates, error: sem),
                PlotSeries(name: "running", x: angles, y: running),
            ],
            xLabel: "orientation (deg)", yLabel: "rate (Hz)",
            marker: PlotMarker(x: 90, label: "pref 90°"),
            xTicks: stride(from: 0.0, through: 360, by: 45).map { $0 })
    }

    func testLinePlotUnicode256() {
        var buffer = CellBuffer(width: 80, height: 24)
        Self.tuningPlot().draw(into: &buffer, in: buffer.bounds, appearance: .rich)
        GoldenSnapshot.assertMatches(buffer, named: "lineplot-unicode-256")
    }

    func testLinePlotASCIINoColor() {
        var buffer = CellBuffer(width: 80, height: 24)
        Self.tuningPlot().draw(into: &buffer, in: buffer.bounds, appearance: .plain)
        GoldenSnapshot.assertMatches(buffer, named: "lineplot-ascii-none", asciiOnly: true)
    }

    func testLinePlotASCIIEightColors() {
        var buffer = CellBuffer(width: 80, height: 24)
        let appearance = Appearance(
            capabilities: TerminalCapabilities(colorMode: .eight, unicode: false))
        Self.tuningPlot().draw(into: &buffer, in: buffer.bounds, appearance: appearance)
        GoldenSnapshot.assertMatches(buffer, named: "lineplot-ascii-8", asciiOnly: true)
    }
}
