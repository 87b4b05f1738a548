/// Bars split into coloured segments, one bar per category, with a legend.
///
/// Each bar's length is its total over the largest total. Segment boundaries are rounded
/// on the running sum, so the segments of a bar add up to its rounded length. Segments differ
/// by colour, and by fill characters (`█ ▓ ▒ ░` or `# = + :`) when there is no
/// colour. Negative and non-finite values count as zero.
public struct StackedBars: Hashable, Sendable {
    public enum Orientation: String, Hashable, Sendable {
        case horizontal, vertical
    }

    public var categories: [String]
    public var segmentNames: [String]
    /// values[category][segment]; missing entries count as zero.
    public var values: [[Double]]
    public var orientation: Orientation

    public init(
        categories: [String], segmentNames: [String], values: [[Double]],
        orientation: Orientation = .horizontal
    ) {
        self.categories = categories
        self.segmentNames = segmentNames
        self.values = values
        self.orientation = orientation
    }

    func cleanedValues(_ category: Int) -> [Double] {
        let row = category < values.count ? values[category] : []
        return segmentNames.indices.map { index in
            let value = index < row.count ? row[index] : 0
            return value.isFinite && value > 0 ? value : 0
        }
    }

    /// Segment boundaries in cells for one bar of `length` cells at full scale.
    func segmentEnds(_ category: Int, scale: Double, length: Int) -> [Int] {
        var sum = 0.0
        return cleanedValues(category).map { value in
            sum += value
            return min(length, roundedPosition(sum / scale * Double(length)))
        }
    }

    func segmentStyle(_ index: Int, appearance: Appearance) -> (Character, Style) {
        if appearance.capabilities.colorMode == .none {
            let fills = appearance.glyphs.segmentFills
            return (fills[index % fills.count], appearance.style(.text))
        }
        return (appearance.glyphs.fullBlock, appearance.seriesStyle(index))
    }

    /// Draws bars and legend into `rect`; "too small" when nothing fits.
    public func draw(into buffer: inout CellBuffer, in rect: Rect, appearance: Appearance) {
        let totals = categories.indices.map { cleanedValues($0).reduce(0, +) }
        let scale = totals.max() ?? 0
        guard !categories.isEmpty, !segmentNames.isEmpty else {
            PlotFrame.drawMessage("no data", into: &buffer, in: rect, appearance: appearance)
            return
        }
        guard rect.width >= 10, rect.height >= 3 else {
            PlotFrame.drawMessage("too small", into: &buffer, in: rect, appearance: appearance)
            return
        }
        let (body, legendRow) = rect.splitBottom(1)
        drawLegend(into: &buffer, in: legendRow, appearance: appearance)
        switch orientation {
        case .horizontal:
            drawHorizontal(
                into: &buffer, in: body, totals: totals, scale: scale, appearance: appearance)
        case .vertical:
            drawVertical(into: &buffer, in: body, scale: scale, appearance: appearance)
        }
    }

    private func drawHorizontal(
        into buffer: inout CellBuffer, in rect: Rect, totals: [Double], scale: Double,
        appearance: Appearance
    ) {
        let labelWidth = min(
            rect.width / 3,
            categories.map { DisplayWidth.of(TextSanitizer.sanitize($0)) }.max() ?? 0)
        let totalLabels = totals.map { AxisScale.label(for: $0) }
        let valueWidth = (totalLabels.map { DisplayWidth.of($0) }.max() ?? 0) + 1
        let barLength = rect.width - labelWidth - 1 - valueWidth
        guard barLength >= 1 else { return }
        for (index, category) in categories.enumerated() where index < rect.height {
            let y = rect.y + index
            buffer.put(
                category, x: rect.x, y: y, width: labelWidth, style: appearance.style(.text),
                ellipsis: appearance.glyphs.ellipsis)
            let barX = rect.x + labelWidth + 1
            var start = 0
            if scale > 0 {
                for (segment, end) in segmentEnds(index, scale: scale, length: barLength)
                    .enumerated()
                {
                    let (glyph, style) = segmentStyle(segment, appearance: appearance)
                    for column in start..<max(start, end) {
                        buffer.putGlyph(glyph, x: barX + column, y: y, style: style)
                    }
                    start = max(start, end)
                }
            }
            buffer.put(
                totalLabels[index], x: barX + start + 1, y: y, style: appearance.style(.muted),
                clip: rect)
        }
    }

    private func drawVertical(
        into buffer: inout CellBuffer, in rect: Rect, scale: Double, appearance: Appearance
    ) {
        let barHeight = rect.height - 1
        guard barHeight >= 1 else { return }
        let slot = max(1, rect.width / categories.count)
        let barWidth = max(1, slot > 2 ? slot - 1 : slot)
        for (index, category) in categories.enumerated() {
            let x = rect.x + index * slot
            guard x + barWidth <= rect.maxX else { break }
            buffer.put(
                category, x: x, y: rect.maxY - 1, width: barWidth, style: appearance.style(.text),
                ellipsis: appearance.glyphs.ellipsis)
            guard scale > 0 else { continue }
            var start = 0
            for (segment, end) in segmentEnds(index, scale: scale, length: barHeight).enumerated() {
                let (glyph, style) = segmentStyle(segment, appearance: appearance)
                for level in start..<max(start, end) {
                    for column in 0..<barWidth {
                        buffer.putGlyph(
                            glyph, x: x + column, y: rect.maxY - 2 - level, style: style)
                    }
                }
                start = max(start, end)
            }
        }
    }

    private func drawLegend(into buffer: inout CellBuffer, in rect: Rect, appearance: Appearance) {
        var x = rect.x
        for (index, name) in segmentNames.enumerated() {
            let (glyph, style) = segmentStyle(index, appearance: appearance)
            guard x + 3 <= rect.maxX else { break }
            buffer.putGlyph(glyph, x: x, y: rect.y, style: style)
            x += 2
            x += buffer.put(name, x: x, y: rect.y, style: appearance.style(.legend), clip: rect)
            x += 2
        }
    }
}
