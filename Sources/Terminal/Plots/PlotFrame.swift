/// The axes of a plot: where the data area lies in a rect, how values map to it, and the
/// tick marks and labels around it.
///
/// Layout, top to bottom: a title row (y axis label on the left), the data area with the
/// y axis and its tick labels on its left, the x axis row, the x tick label row, and the
/// x axis label row when there is one.
struct PlotFrame {
    let rect: Rect
    /// The cells inside the axes where data is drawn.
    let area: Rect
    let xRange: ClosedRange<Double>
    let yRange: ClosedRange<Double>
    let yTicks: [Double]
    let yTickLabels: [String]
    let xLabel: String
    let yLabel: String

    /// Smallest rect a plot draws into; below this it shows a short message instead.
    static let minimumWidth = 16
    static let minimumHeight = 6

    /// Lays out the frame, or returns nil when `rect` is too small to hold axes and data.
    init?(
        rect: Rect, xRange: ClosedRange<Double>, yRange: ClosedRange<Double>,
        xLabel: String, yLabel: String, integerYTicks: Bool = false
    ) {
        guard rect.width >= PlotFrame.minimumWidth, rect.height >= PlotFrame.minimumHeight
        else { return nil }
        let bottomRows = xLabel.isEmpty ? 2 : 3
        let areaHeight = rect.height - 1 - bottomRows
        guard areaHeight >= 2 else { return nil }

        var ticks = AxisScale.ticks(in: yRange, targetCount: max(2, areaHeight / 3))
        if integerYTicks { ticks = ticks.filter { $0 == $0.rounded() } }
        let labels = AxisScale.labels(for: ticks)
        let labelWidth = labels.map { DisplayWidth.of($0) }.max() ?? 1
        let areaX = rect.x + labelWidth + 1
        let areaWidth = rect.maxX - areaX - 1
        guard areaWidth >= 4 else { return nil }

        self.rect = rect
        self.area = Rect(x: areaX, y: rect.y + 1, width: areaWidth, height: areaHeight)
        self.xRange = xRange
        self.yRange = yRange
        self.yTicks = ticks
        self.yTickLabels = labels
        self.xLabel = xLabel
        self.yLabel = yLabel
    }

    /// Fractional position of `x` across the data area, 0 at the left edge, 1 at the right.
    func xFraction(_ x: Double) -> Double {
        let span = xRange.upperBound - xRange.lowerBound
        return span > 0 ? (x - xRange.lowerBound) / span : 0.5
    }

    /// Fractional position of `y` down the data area, 0 at the top, 1 at the bottom.
    func yFraction(_ y: Double) -> Double {
        let span = yRange.upperBound - yRange.lowerBound
        return span > 0 ? (yRange.upperBound - y) / span : 0.5
    }

    /// Pixel column of `x` on a grid with `resolution` pixels per cell.
    func pixelX(_ x: Double, resolution: Int) -> Int {
        roundedPosition(xFraction(x) * Double(area.width * resolution - 1))
    }

    /// Pixel row of `y` on a grid with `resolution` pixels per cell.
    func pixelY(_ y: Double, resolution: Int) -> Int {
        roundedPosition(yFraction(y) * Double(area.height * resolution - 1))
    }

    /// Returns the buffer column of the cell that contains `x`.
    func column(_ x: Double) -> Int { area.x + pixelX(x, resolution: 2) / 2 }

    /// Returns the buffer row of the cell that contains `y`.
    func row(_ y: Double) -> Int { area.y + pixelY(y, resolution: 4) / 4 }

    /// Draws both axes, y ticks and labels, and x ticks at `xTicks` labelled `xTickLabels`.
    /// An x label that would overlap the previous one is left out (its tick stays).
    func drawAxes(
        into buffer: inout CellBuffer, xTicks: [Double], xTickLabels: [String],
        appearance: Appearance
    ) {
        let glyphs = appearance.glyphs
        let axisStyle = appearance.style(.axis)
        let labelStyle = appearance.style(.axisLabel)
        let axisColumn = area.x - 1
        let axisRow = area.maxY

        buffer.verticalLine(
            x: axisColumn, y: area.y, length: area.height, style: axisStyle,
            glyphs: glyphs)
        buffer.horizontalLine(
            x: area.x, y: axisRow, length: area.width, style: axisStyle,
            glyphs: glyphs)
        buffer.putGlyph(glyphs.axisCorner, x: axisColumn, y: axisRow, style: axisStyle)

        for (tick, label) in zip(yTicks, yTickLabels) {
            let row = self.row(tick)
            guard row >= area.y, row < area.maxY else { continue }
            buffer.putGlyph(glyphs.yTick, x: axisColumn, y: row, style: axisStyle)
            let width = DisplayWidth.of(label)
            buffer.put(label, x: axisColumn - width, y: row, style: labelStyle, clip: rect)
        }

        var nextFreeColumn = rect.x
        for (tick, label) in zip(xTicks, xTickLabels) {
            let column = self.column(tick)
            guard column >= area.x, column < area.maxX else { continue }
            buffer.putGlyph(glyphs.xTick, x: column, y: axisRow, style: axisStyle)
            let width = DisplayWidth.of(label)
            let start = min(max(rect.x, column - width / 2), rect.maxX - width)
            guard start >= nextFreeColumn else { continue }
            buffer.put(label, x: start, y: axisRow + 1, style: labelStyle, clip: rect)
            nextFreeColumn = start + width + 1
        }

        if !xLabel.isEmpty {
            let width = min(DisplayWidth.of(TextSanitizer.sanitize(xLabel)), area.width)
            buffer.put(
                xLabel, x: area.x + (area.width - width) / 2, y: axisRow + 2,
                width: width, style: labelStyle, ellipsis: glyphs.ellipsis)
        }
        if !yLabel.isEmpty {
            buffer.put(
                yLabel, x: rect.x, y: rect.y, width: min(rect.width, area.maxX - rect.x),
                style: labelStyle, ellipsis: glyphs.ellipsis)
        }
    }

    /// X ticks and labels for the data area's width.
    func defaultXTicks() -> (ticks: [Double], labels: [String]) {
        let ticks = AxisScale.ticks(in: xRange, targetCount: max(2, area.width / 10))
        return (ticks, AxisScale.labels(for: ticks))
    }

    /// Draws `message` centred in `rect`, for rects too small or data too empty to plot.
    static func drawMessage(
        _ message: String, into buffer: inout CellBuffer, in rect: Rect, appearance: Appearance
    ) {
        guard !rect.isEmpty else { return }
        let text = TextLayout.fit(message, width: rect.width, ellipsis: appearance.glyphs.ellipsis)
        let width = DisplayWidth.of(text)
        buffer.put(
            text, x: rect.x + (rect.width - width) / 2, y: rect.y + (rect.height - 1) / 2,
            style: appearance.style(.muted), clip: rect)
    }
}
