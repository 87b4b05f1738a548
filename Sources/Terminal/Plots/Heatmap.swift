/// A matrix drawn as coloured blocks, such as a correlation matrix on a diverging map.
///
/// Each entry takes `cellWidth` columns (2 by default, so entries look square) and one row.
/// When the matrix has more rows or columns than fit, entries are sampled by nearest
/// neighbour. Without colour each entry is a character of the map's density ramp (for
/// the diverging map: `= - .` negative, blank near zero, `+ * #` positive). Non-finite
/// entries show `?`.
public struct Heatmap: Hashable, Sendable {
    /// Rows of the matrix; rows shorter than the longest leave their ends blank.
    public var values: [[Double]]
    /// Values mapped to the ends of the colour map.
    public var range: ClosedRange<Double>
    public var colorMap: ColorMap
    /// Columns per matrix entry when the matrix fits.
    public var cellWidth: Int

    public init(
        values: [[Double]], range: ClosedRange<Double> = -1...1,
        colorMap: ColorMap = .diverging, cellWidth: Int = 2
    ) {
        self.values = values
        self.range = range
        self.colorMap = colorMap
        self.cellWidth = max(1, cellWidth)
    }

    /// Returns the size in cells the heatmap covers when drawn into `rect`.
    public func fittedSize(in rect: Rect) -> (columns: Int, rows: Int) {
        let columnCount = values.map(\.count).max() ?? 0
        guard columnCount > 0, !rect.isEmpty else { return (0, 0) }
        let entryWidth = columnCount * cellWidth <= rect.width ? cellWidth : 1
        return (min(rect.width, columnCount * entryWidth), min(rect.height, values.count))
    }

    /// Draws the heatmap at the top-left of `rect` and returns the cells it covers.
    @discardableResult
    public func draw(into buffer: inout CellBuffer, in rect: Rect, appearance: Appearance) -> Rect {
        let columnCount = values.map(\.count).max() ?? 0
        let size = fittedSize(in: rect)
        guard size.columns > 0, size.rows > 0 else {
            PlotFrame.drawMessage("no data", into: &buffer, in: rect, appearance: appearance)
            return Rect(x: rect.x, y: rect.y, width: 0, height: 0)
        }
        let entryWidth = columnCount * cellWidth <= rect.width ? cellWidth : 1
        let normalize = ValueNormalizer(values: [], range: range)
        let mode = appearance.capabilities.colorMode
        for row in 0..<size.rows {
            let sourceRow = row * values.count / size.rows
            for column in 0..<size.columns {
                let entry = (column / entryWidth) * columnCount / (size.columns / entryWidth)
                let x = rect.x + column
                let y = rect.y + row
                guard entry < values[sourceRow].count else { continue }
                let value = values[sourceRow][entry]
                guard value.isFinite else {
                    buffer.putGlyph("?", x: x, y: y, style: appearance.style(.muted))
                    continue
                }
                let position = normalize(value)
                if let color = colorMap.color(at: position, mode: mode) {
                    buffer.putGlyph(" ", x: x, y: y, style: Style(background: color))
                } else {
                    buffer.putGlyph(
                        colorMap.densityGlyph(at: position), x: x, y: y,
                        style: appearance.style(.text))
                }
            }
        }
        return Rect(x: rect.x, y: rect.y, width: size.columns, height: size.rows)
    }
}
