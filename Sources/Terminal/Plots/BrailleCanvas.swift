/// A grid of braille cells, each a 2x4 block of dots, for drawing lines at sub-cell detail.
///
/// Pixel (px, py) lies in cell (px / 2, py / 4); y grows downwards. Each dot sets one bit
/// of the cell's pattern and the glyph is U+2800 plus the pattern (Unicode braille
/// patterns: dots 1-2-3 and 7 down the left column, 4-5-6 and 8 down the right).
public struct BrailleCanvas: Hashable, Sendable {
    public let columns: Int
    public let rows: Int
    private var patterns: [UInt8]
    private var layers: [Int]

    public init(columns: Int, rows: Int) {
        self.columns = max(0, columns)
        self.rows = max(0, rows)
        patterns = Array(repeating: 0, count: self.columns * self.rows)
        layers = Array(repeating: -1, count: self.columns * self.rows)
    }

    public var pixelWidth: Int { columns * 2 }
    public var pixelHeight: Int { rows * 4 }

    /// The bit of the dot at column `dx` (0-1) and row `dy` (0-3) inside a cell.
    public static func bit(dx: Int, dy: Int) -> UInt8 {
        let table: [[UInt8]] = [[0x01, 0x08], [0x02, 0x10], [0x04, 0x20], [0x40, 0x80]]
        return table[min(max(0, dy), 3)][min(max(0, dx), 1)]
    }

    /// Sets the dot at pixel (px, py); `layer` decides the cell's colour (last one wins).
    /// Pixels outside the canvas are ignored.
    public mutating func set(px: Int, py: Int, layer: Int) {
        guard px >= 0, py >= 0, px < pixelWidth, py < pixelHeight else { return }
        let index = (py / 4) * columns + px / 2
        patterns[index] |= BrailleCanvas.bit(dx: px % 2, dy: py % 4)
        layers[index] = layer
    }

    /// Draws a straight line of dots between two pixels (Bresenham's algorithm).
    public mutating func line(from start: (Int, Int), to end: (Int, Int), layer: Int) {
        var (x0, y0) = start
        let (x1, y1) = end
        let dx = abs(x1 - x0)
        let dy = -abs(y1 - y0)
        let stepX = x0 < x1 ? 1 : -1
        let stepY = y0 < y1 ? 1 : -1
        var error = dx + dy
        var guardCount = 0
        while guardCount <= dx - dy + 1 {
            set(px: x0, py: y0, layer: layer)
            if x0 == x1 && y0 == y1 { break }
            let doubled = 2 * error
            if doubled >= dy {
                error += dy
                x0 += stepX
            }
            if doubled <= dx {
                error += dx
                y0 += stepY
            }
            guardCount += 1
        }
    }

    /// The dot pattern of a cell (0 when empty or outside).
    public func pattern(column: Int, row: Int) -> UInt8 {
        guard column >= 0, row >= 0, column < columns, row < rows else { return 0 }
        return patterns[row * columns + column]
    }

    /// The braille glyph of a cell, or nil when it has no dots.
    public func glyph(column: Int, row: Int) -> Character? {
        let value = pattern(column: column, row: row)
        guard value != 0, let scalar = Unicode.Scalar(0x2800 + UInt32(value)) else { return nil }
        return Character(scalar)
    }

    /// The layer that last drew into a cell, or nil when it has no dots.
    public func layer(column: Int, row: Int) -> Int? {
        guard pattern(column: column, row: row) != 0 else { return nil }
        return layers[row * columns + column]
    }

    /// Copies the non-empty cells into `buffer` with the top-left cell at (x, y).
    public func draw(into buffer: inout CellBuffer, x: Int, y: Int, style: (Int) -> Style) {
        for row in 0..<rows {
            for column in 0..<columns {
                guard let glyph = glyph(column: column, row: row),
                    let layer = layer(column: column, row: row)
                else { continue }
                buffer.putGlyph(glyph, x: x + column, y: y + row, style: style(layer))
            }
        }
    }
}
