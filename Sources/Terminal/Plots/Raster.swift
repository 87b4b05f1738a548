/// One block of trials in a `Raster`, such as the trials of one stimulus condition.
public struct RasterGroup: Hashable, Sendable {
    /// The label drawn left of the block's first row (sanitised when drawn).
    public var label: String
    /// Event times per trial, in the units of the x axis.
    public var trials: [[Double]]

    public init(label: String, trials: [[Double]]) {
        self.label = label
        self.trials = trials
    }
}

/// A spike raster: one row of dots per trial, trials grouped in labelled blocks, time on the
/// x axis.
///
/// With braille glyphs each trial is one pixel row (4 trials per cell row) and each event one
/// dot. Groups start on a new cell row. When the trials need more rows than the rect has,
/// each group gets rows in proportion to its trials (at least one), and several trials share
/// a pixel row. In ASCII each cell row holds the trials of that row and an event is `|`.
/// Labels take up to 8 columns on the left. Rects smaller than 16x5 show "too small", and
/// no trials show "no trials".
public struct Raster: Hashable, Sendable {
    public var groups: [RasterGroup]
    /// The time span drawn; events outside it are left out.
    public var xRange: ClosedRange<Double>
    public var xLabel: String
    /// The index of a group drawn in the accent style, or nil.
    public var highlightedGroup: Int?

    public init(
        groups: [RasterGroup], xRange: ClosedRange<Double>, xLabel: String = "",
        highlightedGroup: Int? = nil
    ) {
        self.groups = groups
        self.xRange = xRange
        self.xLabel = xLabel
        self.highlightedGroup = highlightedGroup
    }

    static let maximumLabelWidth = 8

    /// Draws the raster into `rect`.
    public func draw(into buffer: inout CellBuffer, in rect: Rect, appearance: Appearance) {
        guard rect.width >= 16, rect.height >= 5 else {
            PlotFrame.drawMessage("too small", into: &buffer, in: rect, appearance: appearance)
            return
        }
        guard groups.contains(where: { !$0.trials.isEmpty }),
            xRange.lowerBound.isFinite, xRange.upperBound.isFinite,
            xRange.upperBound > xRange.lowerBound
        else {
            PlotFrame.drawMessage("no trials", into: &buffer, in: rect, appearance: appearance)
            return
        }
        let labels = groups.map { TextSanitizer.sanitize($0.label) }
        let labelWidth = min(
            Self.maximumLabelWidth, labels.map { DisplayWidth.of($0) }.max() ?? 0)
        let bottomRows = xLabel.isEmpty ? 2 : 3
        let area = Rect(
            x: rect.x + labelWidth + 1, y: rect.y, width: rect.width - labelWidth - 2,
            height: rect.height - bottomRows)
        let rows = Self.rowAllocation(
            trialCounts: groups.map(\.trials.count), cellRows: area.height,
            trialsPerRow: appearance.glyphs.usesBraille ? 4 : 1)

        drawAxis(into: &buffer, area: area, rect: rect, appearance: appearance)
        var row = area.y
        for (index, group) in groups.enumerated() {
            let count = rows[index]
            guard count > 0 else { continue }
            let block = Rect(x: area.x, y: row, width: area.width, height: count)
            let style = index == highlightedGroup
                ? appearance.style(.accent) : appearance.seriesStyle(0)
            if appearance.glyphs.usesBraille {
                drawBraille(group.trials, into: &buffer, in: block, style: style)
            } else {
                drawCharacters(group.trials, into: &buffer, in: block, style: style)
            }
            buffer.put(
                labels[index], x: rect.x, y: row, width: labelWidth, alignment: .right,
                style: appearance.style(index == highlightedGroup ? .accent : .axisLabel),
                ellipsis: appearance.glyphs.ellipsis)
            row += count
        }
    }

    /// Cell rows for each group: enough for all its trials when they fit, else a share in
    /// proportion to its trials with at least one row for each non-empty group that fits.
    public static func rowAllocation(trialCounts: [Int], cellRows: Int, trialsPerRow: Int) -> [Int] {
        let needed = trialCounts.map { ($0 + trialsPerRow - 1) / trialsPerRow }
        if needed.reduce(0, +) <= cellRows { return needed }
        let total = max(1, trialCounts.reduce(0, +))
        var rows = trialCounts.map { count -> Int in
            count == 0 ? 0 : max(1, count * cellRows / total)
        }
        // Trim the largest blocks until the whole fits.
        while rows.reduce(0, +) > cellRows, let largest = rows.indices.max(by: {
            rows[$0] < rows[$1]
        }), rows[largest] > 0 {
            rows[largest] -= 1
        }
        return rows
    }

    private func column(_ time: Double, pixels: Int) -> Int {
        let fraction = (time - xRange.lowerBound) / (xRange.upperBound - xRange.lowerBound)
        return roundedPosition(fraction * Double(pixels - 1))
    }

    private func drawBraille(
        _ trials: [[Double]], into buffer: inout CellBuffer, in block: Rect, style: Style
    ) {
        var canvas = BrailleCanvas(columns: block.width, rows: block.height)
        let pixelRows = canvas.pixelHeight
        for (index, times) in trials.enumerated() {
            let py = trials.count <= pixelRows ? index : index * pixelRows / trials.count
            for time in times where xRange.contains(time) {
                canvas.set(px: column(time, pixels: canvas.pixelWidth), py: py, layer: 0)
            }
        }
        canvas.draw(into: &buffer, x: block.x, y: block.y) { _ in style }
    }

    private func drawCharacters(
        _ trials: [[Double]], into buffer: inout CellBuffer, in block: Rect, style: Style
    ) {
        for (index, times) in trials.enumerated() {
            let row = trials.count <= block.height ? index : index * block.height / trials.count
            for time in times where xRange.contains(time) {
                buffer.putGlyph(
                    "|", x: block.x + column(time, pixels: block.width), y: block.y + row,
                    style: style)
            }
        }
    }

    private func drawAxis(
        into buffer: inout CellBuffer, area: Rect, rect: Rect, appearance: Appearance
    ) {
        let glyphs = appearance.glyphs
        let axisStyle = appearance.style(.axis)
        let labelStyle = appearance.style(.axisLabel)
        let axisRow = area.maxY
        buffer.horizontalLine(
            x: area.x, y: axisRow, length: area.width, style: axisStyle, glyphs: glyphs)
        let ticks = AxisScale.ticks(in: xRange, targetCount: max(2, area.width / 8))
        var nextFree = rect.x
        for (tick, label) in zip(ticks, AxisScale.labels(for: ticks)) {
            let x = area.x + column(tick, pixels: area.width * 2) / 2
            buffer.putGlyph(glyphs.xTick, x: x, y: axisRow, style: axisStyle)
            let width = DisplayWidth.of(label)
            let start = min(max(rect.x, x - width / 2), rect.maxX - width)
            guard start >= nextFree else { continue }
            buffer.put(label, x: start, y: axisRow + 1, style: labelStyle, clip: rect)
            nextFree = start + width + 1
        }
        if !xLabel.isEmpty {
            buffer.put(
                xLabel, x: area.x, y: axisRow + 2, width: area.width, alignment: .center,
                style: labelStyle, ellipsis: glyphs.ellipsis)
        }
    }
}
