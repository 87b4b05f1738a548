/// A rectangle of terminal cells: origin at the top-left, sizes in columns and rows.
public struct Rect: Hashable, Sendable, CustomStringConvertible {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    /// Creates a rectangle; negative sizes are clamped to zero.
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    /// One column past the right edge.
    public var maxX: Int { x + width }
    /// One row past the bottom edge.
    public var maxY: Int { y + height }
    /// True when the rectangle covers no cell.
    public var isEmpty: Bool { width == 0 || height == 0 }

    public var description: String { "Rect(x: \(x), y: \(y), width: \(width), height: \(height))" }

    /// Returns true when the cell (x, y) lies inside.
    public func contains(x px: Int, y py: Int) -> Bool {
        px >= x && px < maxX && py >= y && py < maxY
    }

    /// Returns the overlap of two rectangles, empty when they do not overlap.
    public func intersection(_ other: Rect) -> Rect {
        let left = max(x, other.x)
        let top = max(y, other.y)
        let right = min(maxX, other.maxX)
        let bottom = min(maxY, other.maxY)
        return Rect(x: left, y: top, width: right - left, height: bottom - top)
    }

    /// Shrinks each side by the given number of cells.
    public func inset(top: Int = 0, left: Int = 0, bottom: Int = 0, right: Int = 0) -> Rect {
        Rect(x: x + left, y: y + top, width: width - left - right, height: height - top - bottom)
    }

    /// Shrinks the left and right sides by `dx` and the top and bottom by `dy`.
    public func insetBy(dx: Int, dy: Int) -> Rect {
        inset(top: dy, left: dx, bottom: dy, right: dx)
    }

    /// Splits off the top `rows` rows (clamped to the height).
    public func splitTop(_ rows: Int) -> (top: Rect, rest: Rect) {
        let taken = min(max(0, rows), height)
        return (
            Rect(x: x, y: y, width: width, height: taken),
            Rect(x: x, y: y + taken, width: width, height: height - taken)
        )
    }

    /// Splits off the bottom `rows` rows (clamped to the height).
    public func splitBottom(_ rows: Int) -> (rest: Rect, bottom: Rect) {
        let taken = min(max(0, rows), height)
        return (
            Rect(x: x, y: y, width: width, height: height - taken),
            Rect(x: x, y: maxY - taken, width: width, height: taken)
        )
    }

    /// Splits off the left `columns` columns (clamped to the width).
    public func splitLeft(_ columns: Int) -> (left: Rect, rest: Rect) {
        let taken = min(max(0, columns), width)
        return (
            Rect(x: x, y: y, width: taken, height: height),
            Rect(x: x + taken, y: y, width: width - taken, height: height)
        )
    }

    /// Splits off the right `columns` columns (clamped to the width).
    public func splitRight(_ columns: Int) -> (rest: Rect, right: Rect) {
        let taken = min(max(0, columns), width)
        return (
            Rect(x: x, y: y, width: width - taken, height: height),
            Rect(x: maxX - taken, y: y, width: taken, height: height)
        )
    }

    /// Splits the width into columns proportional to `weights`, separated by `gap` cells.
    /// Rounding leftovers go to the last column, so the columns tile the rectangle.
    public func splitColumns(weights: [Double], gap: Int = 0) -> [Rect] {
        Rect.partition(total: width, weights: weights, gap: gap).map {
            Rect(x: x + $0.offset, y: y, width: $0.length, height: height)
        }
    }

    /// Splits the height into rows proportional to `weights`, separated by `gap` cells.
    public func splitRows(weights: [Double], gap: Int = 0) -> [Rect] {
        Rect.partition(total: height, weights: weights, gap: gap).map {
            Rect(x: x, y: y + $0.offset, width: width, height: $0.length)
        }
    }

    /// Returns a rectangle of at most the given size centred in this one.
    public func centered(width w: Int, height h: Int) -> Rect {
        let cw = min(max(0, w), width)
        let ch = min(max(0, h), height)
        return Rect(x: x + (width - cw) / 2, y: y + (height - ch) / 2, width: cw, height: ch)
    }

    private static func partition(
        total: Int, weights: [Double], gap: Int
    ) -> [(offset: Int, length: Int)] {
        guard !weights.isEmpty else { return [] }
        let cleaned = weights.map { $0.isFinite && $0 > 0 ? $0 : 0 }
        let sum = cleaned.reduce(0, +)
        let available = max(0, total - gap * (weights.count - 1))
        var result: [(offset: Int, length: Int)] = []
        var offset = 0
        for (index, weight) in cleaned.enumerated() {
            let length: Int
            if index == cleaned.count - 1 {
                length = max(0, min(available, total - offset))
            } else if sum > 0 {
                length = Int((Double(available) * weight / sum).rounded(.down))
            } else {
                length = available / cleaned.count
            }
            result.append((offset, length))
            offset += length + gap
        }
        return result
    }
}
