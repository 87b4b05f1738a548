/// A horizontal colour bar with tick labels, the key to a heatmap or image.
///
/// Row 1 is the bar, row 2 the tick labels, and row 3 (when the rect has one) the label.
/// Without colour the bar shows the map's density glyphs, so it still keys the image.
public struct ColorBar: Hashable, Sendable {
    public var colorMap: ColorMap
    public var range: ClosedRange<Double>
    public var label: String

    public init(colorMap: ColorMap, range: ClosedRange<Double>, label: String = "") {
        self.colorMap = colorMap
        self.range = range
        self.label = label
    }

    /// Draws the bar across `rect`; a rect under 2 rows or 6 columns gets the bar only
    /// or nothing.
    public func draw(into buffer: inout CellBuffer, in rect: Rect, appearance: Appearance) {
        guard rect.width >= 6, rect.height >= 1 else { return }
        let mode = appearance.capabilities.colorMode
        let span = rect.width - 1
        for column in 0..<rect.width {
            let position = Double(column) / Double(max(1, span))
            if let color = colorMap.color(at: position, mode: mode) {
                buffer.putGlyph(" ", x: rect.x + column, y: rect.y, style: Style(background: color))
            } else {
                buffer.putGlyph(
                    colorMap.densityGlyph(at: position), x: rect.x + column,
                    y: rect.y, style: appearance.style(.text))
            }
        }
        guard rect.height >= 2 else { return }

        let labelStyle = appearance.style(.axisLabel)
        let low = range.lowerBound
        let high = range.upperBound
        var ticks = AxisScale.ticks(in: range, targetCount: max(2, rect.width / 10))
        if ticks.isEmpty { ticks = [low] }
        let labels = AxisScale.labels(for: ticks)
        var nextFree = rect.x
        for (tick, text) in zip(ticks, labels) {
            let fraction = high > low ? (tick - low) / (high - low) : 0
            let column = rect.x + roundedPosition(fraction * Double(span))
            let width = DisplayWidth.of(text)
            let start = min(max(rect.x, column - width / 2), rect.maxX - width)
            guard start >= nextFree else { continue }
            buffer.put(text, x: start, y: rect.y + 1, style: labelStyle, clip: rect)
            nextFree = start + width + 1
        }
        guard rect.height >= 3, !label.isEmpty else { return }
        let width = min(rect.width, DisplayWidth.of(TextSanitizer.sanitize(label)))
        buffer.put(
            label, x: rect.x + (rect.width - width) / 2, y: rect.y + 2, width: width,
            style: labelStyle, ellipsis: appearance.glyphs.ellipsis)
    }
}
