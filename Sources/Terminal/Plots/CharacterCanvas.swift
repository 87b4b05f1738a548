/// A grid of one character per cell for plots in ASCII mode.
///
/// Lines pick `-`, `/`, `\` or `|` from their local slope; later marks overwrite earlier
/// ones, so callers draw error bars, then lines, then data points.
struct CharacterCanvas {
    let columns: Int
    let rows: Int
    private var glyphs: [Character?]
    private var layers: [Int]

    init(columns: Int, rows: Int) {
        self.columns = max(0, columns)
        self.rows = max(0, rows)
        glyphs = Array(repeating: nil, count: self.columns * self.rows)
        layers = Array(repeating: -1, count: self.columns * self.rows)
    }

    mutating func set(column: Int, row: Int, glyph: Character, layer: Int) {
        guard column >= 0, row >= 0, column < columns, row < rows else { return }
        glyphs[row * columns + column] = glyph
        layers[row * columns + column] = layer
    }

    /// Draws a segment between two points given in cell units (column, fractional row).
    mutating func line(from start: (Double, Double), to end: (Double, Double), layer: Int) {
        let column0 = roundedPosition(start.0)
        let column1 = roundedPosition(end.0)
        if column0 == column1 {
            verticalRun(column: column0, from: start.1, to: end.1, glyph: "|", layer: layer)
            return
        }
        let slope = (end.1 - start.1) / (end.0 - start.0)
        let glyph: Character
        if abs(slope) < 0.4 {
            glyph = "-"
        } else if abs(slope) > 2.5 {
            glyph = "|"
        } else {
            glyph = slope < 0 ? "/" : "\\"
        }
        let step = column1 > column0 ? 1 : -1
        var previousRow: Int?
        for column in stride(from: column0, through: column1, by: step) {
            let rowValue = start.1 + slope * (Double(column) - start.0)
            let row = roundedPosition(rowValue)
            if let previousRow, abs(row - previousRow) > 1 {
                let low = min(row, previousRow) + 1
                let high = max(row, previousRow) - 1
                if low <= high {
                    for fill in low...high {
                        set(column: column, row: fill, glyph: "|", layer: layer)
                    }
                }
            }
            set(column: column, row: row, glyph: glyph, layer: layer)
            previousRow = row
        }
    }

    /// Draws a vertical run of `glyph` between two fractional rows in one column.
    mutating func verticalRun(
        column: Int, from row0: Double, to row1: Double, glyph: Character, layer: Int
    ) {
        let top = roundedPosition(min(row0, row1))
        let bottom = roundedPosition(max(row0, row1))
        for row in top...bottom { set(column: column, row: row, glyph: glyph, layer: layer) }
    }

    func draw(into buffer: inout CellBuffer, x: Int, y: Int, style: (Int) -> Style) {
        for row in 0..<rows {
            for column in 0..<columns {
                guard let glyph = glyphs[row * columns + column] else { continue }
                buffer.putGlyph(
                    glyph, x: x + column, y: y + row,
                    style: style(layers[row * columns + column]))
            }
        }
    }

    func isEmpty(column: Int, row: Int) -> Bool {
        guard column >= 0, row >= 0, column < columns, row < rows else { return true }
        return glyphs[row * columns + column] == nil
    }
}
