/// A one-row bar with left, centre and right segments.
///
/// When the segments do not fit, the right one keeps its width first, then the left; the
/// centre gets what remains and is hidden when nothing does.
public struct StatusBar: Hashable, Sendable {
    public var left: String
    public var center: String
    public var right: String

    public init(left: String = "", center: String = "", right: String = "") {
        self.left = left
        self.center = center
        self.right = right
    }

    /// Draws the bar in the first row of `rect`.
    public func draw(into buffer: inout CellBuffer, in rect: Rect, appearance: Appearance) {
        guard !rect.isEmpty else { return }
        let row = Rect(x: rect.x, y: rect.y, width: rect.width, height: 1)
        let style = appearance.style(.statusBar)
        let ellipsis = appearance.glyphs.ellipsis
        buffer.fill(row, style: style)

        let rightText = TextLayout.fit(
            TextSanitizer.sanitize(right), width: max(0, rect.width - 2), ellipsis: ellipsis)
        let rightWidth = DisplayWidth.of(rightText)
        let leftSpace = max(0, rect.width - rightWidth - (rightWidth > 0 ? 2 : 0) - 1)
        let leftText = TextLayout.fit(
            TextSanitizer.sanitize(left), width: leftSpace,
            ellipsis: ellipsis)
        let leftWidth = DisplayWidth.of(leftText)

        buffer.put(leftText, x: row.x + 1, y: row.y, style: style, clip: row)
        buffer.put(rightText, x: row.maxX - 1 - rightWidth, y: row.y, style: style, clip: row)

        // The centre segment sits in the middle of the bar when it fits there, and in the
        // middle of the free space between left and right otherwise.
        let freeStart = row.x + 1 + leftWidth + 2
        let freeEnd = row.maxX - 1 - rightWidth - 2
        guard freeEnd > freeStart else { return }
        let centerText = TextLayout.fit(
            TextSanitizer.sanitize(center),
            width: freeEnd - freeStart, ellipsis: ellipsis)
        let centerWidth = DisplayWidth.of(centerText)
        var start = row.x + (row.width - centerWidth) / 2
        if start < freeStart || start + centerWidth > freeEnd {
            start = freeStart + (freeEnd - freeStart - centerWidth) / 2
        }
        buffer.put(centerText, x: start, y: row.y, style: style, clip: row)
    }
}
