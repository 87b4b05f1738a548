/// A histogram: counts per bin drawn as vertical bars over x and y axes.
///
/// Bars fill in eighths of a cell with Unicode glyphs and in whole cells of `#` in ASCII.
/// Bins wider than two columns leave a one-column gap after the bar.
public struct Histogram: Hashable, Sendable {
    /// Bin edges, ascending; bin i spans edges[i] ..< edges[i + 1] (the last is closed).
    public let binEdges: [Double]
    public let counts: [Int]
    public var xLabel: String
    public var yLabel: String

    /// Creates a histogram from precomputed bins. Throws when there is not exactly one more
    /// edge than counts, or the edges are not finite and ascending.
    public init(binEdges: [Double], counts: [Int], xLabel: String = "", yLabel: String = "count")
        throws
    {
        guard binEdges.count == counts.count + 1 else {
            throw PlotError.shapeMismatch(
                "histogram has \(counts.count) counts and \(binEdges.count) edges; "
                    + "pass one more edge than counts")
        }
        guard binEdges.allSatisfy(\.isFinite),
            zip(binEdges, binEdges.dropFirst()).allSatisfy({ $0 < $1 })
        else {
            throw PlotError.shapeMismatch(
                "histogram edges \(binEdges) are not finite and strictly ascending")
        }
        self.binEdges = binEdges
        self.counts = counts
        self.xLabel = xLabel
        self.yLabel = yLabel
    }

    /// Bins `values` into `binCount` equal bins over `range` (default: the finite min and
    /// max). Non-finite values and values outside the range are not counted. With no finite
    /// value, or min equal to max, the range is widened as `AxisScale.padded` does.
    public init(
        values: [Double], binCount: Int, range: ClosedRange<Double>? = nil, xLabel: String = "",
        yLabel: String = "count"
    ) {
        let bins = max(1, binCount)
        let finite = values.filter(\.isFinite)
        var low = range?.lowerBound ?? finite.min() ?? 0
        var high = range?.upperBound ?? finite.max() ?? 1
        if !(high > low) || !low.isFinite || !high.isFinite {
            let widened = AxisScale.padded(
                (low.isFinite ? low : 0)...(low.isFinite ? low : 0), fraction: 0)
            low = widened.lowerBound
            high = widened.upperBound
        }
        let width = (high - low) / Double(bins)
        var counts = Array(repeating: 0, count: bins)
        for value in finite where value >= low && value <= high {
            counts[min(bins - 1, max(0, roundedPosition((value - low) / width, rule: .down)))] += 1
        }
        self.binEdges = (0...bins).map { low + Double($0) * width }
        self.counts = counts
        self.xLabel = xLabel
        self.yLabel = yLabel
    }

    /// Draws axes and bars into `rect`; "too small" below 16x6 cells.
    public func draw(into buffer: inout CellBuffer, in rect: Rect, appearance: Appearance) {
        guard let first = binEdges.first, let last = binEdges.last, last > first else {
            PlotFrame.drawMessage("no data", into: &buffer, in: rect, appearance: appearance)
            return
        }
        let maximum = Double(max(1, counts.max() ?? 0))
        guard
            let frame = PlotFrame(
                rect: rect, xRange: first...last, yRange: 0...(maximum * 1.05),
                xLabel: xLabel, yLabel: yLabel, integerYTicks: true)
        else {
            PlotFrame.drawMessage("too small", into: &buffer, in: rect, appearance: appearance)
            return
        }
        let ticks = frame.defaultXTicks()
        frame.drawAxes(
            into: &buffer, xTicks: ticks.ticks, xTickLabels: ticks.labels,
            appearance: appearance)

        let glyphs = appearance.glyphs
        let style = appearance.seriesStyle(0)
        let area = frame.area
        let yTop = frame.yRange.upperBound
        for (index, count) in counts.enumerated() where count > 0 {
            let start =
                area.x + roundedPosition(frame.xFraction(binEdges[index]) * Double(area.width))
            var end =
                area.x + roundedPosition(frame.xFraction(binEdges[index + 1]) * Double(area.width))
            if end - start > 2 { end -= 1 }
            let eighths = roundedPosition(Double(count) / yTop * Double(area.height * 8))
            for column in start..<max(start + 1, end) where column < area.maxX {
                for level in 0..<area.height {
                    let filled = min(8, eighths - level * 8)
                    guard filled > 0 else { break }
                    let glyph = glyphs.isASCII ? "#" : glyphs.verticalEighths[filled - 1]
                    if glyphs.isASCII && filled < 4 { break }
                    buffer.putGlyph(glyph, x: column, y: area.maxY - 1 - level, style: style)
                }
            }
        }
    }
}
