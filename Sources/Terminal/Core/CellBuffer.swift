/// A grid of cells that screens, widgets and plots draw into.
///
/// Coordinates are columns (x) and rows (y) from the top-left. Every drawing call clips to
/// the buffer, so out-of-range coordinates are ignored rather than trapped. Text goes
/// through `TextSanitizer.sanitize` before it reaches a cell.
public struct CellBuffer: Hashable, Sendable {
    public let width: Int
    public let height: Int
    private var cells: [Cell]

    /// Creates a blank buffer; negative sizes become zero.
    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.cells = Array(repeating: .blank, count: self.width * self.height)
    }

    /// The whole buffer as a rectangle.
    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    /// The cell at (x, y), or a blank cell outside the buffer.
    public subscript(x: Int, y: Int) -> Cell {
        get {
            guard x >= 0, x < width, y >= 0, y < height else { return .blank }
            return cells[y * width + x]
        }
        set {
            guard x >= 0, x < width, y >= 0, y < height else { return }
            cells[y * width + x] = newValue
        }
    }

    /// Resets every cell to a blank in `style`.
    public mutating func clear(style: Style = .plain) {
        for index in cells.indices { cells[index] = Cell(" ", style: style) }
    }

    /// Fills `rect` (clipped to the buffer) with `grapheme` in `style`.
    public mutating func fill(_ rect: Rect, with grapheme: Character = " ", style: Style) {
        let area = rect.intersection(bounds)
        for row in area.y..<area.maxY {
            for column in area.x..<area.maxX {
                self[column, row] = Cell(grapheme, style: style)
            }
        }
    }

    /// Changes the style of each cell in `rect` and keeps its grapheme.
    public mutating func restyle(_ rect: Rect, style: Style) {
        let area = rect.intersection(bounds)
        for row in area.y..<area.maxY {
            for column in area.x..<area.maxX {
                self[column, row].style = style
            }
        }
    }

    /// Writes one grapheme and returns the columns it took (0, 1 or 2). A grapheme that
    /// contains a control character (anything `TextSanitizer.sanitize` would remove) is
    /// skipped. A wide grapheme also claims the next cell, and is skipped when only one
    /// cell is left inside `clip`.
    @discardableResult
    public mutating func putGlyph(
        _ grapheme: Character, x: Int, y: Int, style: Style, clip: Rect? = nil
    ) -> Int {
        let area = (clip ?? bounds).intersection(bounds)
        let columns = DisplayWidth.of(grapheme)
        guard columns > 0, area.contains(x: x, y: y) else { return 0 }
        if !grapheme.isASCII, TextSanitizer.sanitize(String(grapheme)) != String(grapheme) {
            return 0
        }
        if columns == 2 {
            guard area.contains(x: x + 1, y: y) else { return 0 }
            self[x, y] = Cell(grapheme, style: style)
            self[x + 1, y] = Cell(" ", style: style, isContinuation: true)
            return 2
        }
        self[x, y] = Cell(grapheme, style: style)
        return 1
    }

    /// Writes sanitised `text` starting at (x, y) on one row, clipped to `clip` (the whole
    /// buffer by default). Returns the number of columns written.
    @discardableResult
    public mutating func put(
        _ text: String, x: Int, y: Int, style: Style, clip: Rect? = nil
    ) -> Int {
        let area = (clip ?? bounds).intersection(bounds)
        guard y >= area.y, y < area.maxY else { return 0 }
        var column = x
        for grapheme in TextSanitizer.sanitize(text) {
            let columns = DisplayWidth.of(grapheme)
            if columns == 0 { continue }
            if column + columns > area.maxX { break }
            if column >= area.x { putGlyph(grapheme, x: column, y: y, style: style, clip: area) }
            column += columns
        }
        return max(0, column - max(x, area.x))
    }

    /// Writes `text` into a field of `width` columns starting at (x, y), cut with an
    /// ellipsis when too long and padded with spaces in `style` to fill the field.
    public mutating func put(
        _ text: String, x: Int, y: Int, width fieldWidth: Int, alignment: TextAlignment = .left,
        style: Style, ellipsis: String = "…"
    ) {
        guard fieldWidth > 0 else { return }
        let fitted = TextLayout.fit(
            TextSanitizer.sanitize(text), width: fieldWidth,
            ellipsis: ellipsis)
        let used = DisplayWidth.of(fitted)
        let padding = fieldWidth - used
        let leading: Int
        switch alignment {
        case .left: leading = 0
        case .right: leading = padding
        case .center: leading = padding / 2
        }
        let field = Rect(x: x, y: y, width: fieldWidth, height: 1)
        fill(field, style: style)
        put(fitted, x: x + leading, y: y, style: style, clip: field)
    }

    /// Draws a horizontal line of `length` cells.
    public mutating func horizontalLine(
        x: Int, y: Int, length: Int, style: Style, glyphs: GlyphSet
    ) {
        guard length > 0 else { return }
        for column in x..<(x + length) {
            putGlyph(glyphs.horizontal, x: column, y: y, style: style)
        }
    }

    /// Draws a vertical line of `length` cells.
    public mutating func verticalLine(
        x: Int, y: Int, length: Int, style: Style, glyphs: GlyphSet
    ) {
        guard length > 0 else { return }
        for row in y..<(y + length) { putGlyph(glyphs.vertical, x: x, y: row, style: style) }
    }

    /// Draws a frame along the edge of `rect` with an optional title in its top edge.
    /// Rectangles smaller than 2x2 are left alone.
    public mutating func box(
        _ rect: Rect, style: Style, glyphs: GlyphSet, title: String? = nil,
        titleStyle: Style? = nil
    ) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        horizontalLine(
            x: rect.x + 1, y: rect.y, length: rect.width - 2, style: style,
            glyphs: glyphs)
        horizontalLine(
            x: rect.x + 1, y: rect.maxY - 1, length: rect.width - 2, style: style,
            glyphs: glyphs)
        verticalLine(
            x: rect.x, y: rect.y + 1, length: rect.height - 2, style: style,
            glyphs: glyphs)
        verticalLine(
            x: rect.maxX - 1, y: rect.y + 1, length: rect.height - 2, style: style,
            glyphs: glyphs)
        putGlyph(glyphs.topLeft, x: rect.x, y: rect.y, style: style)
        putGlyph(glyphs.topRight, x: rect.maxX - 1, y: rect.y, style: style)
        putGlyph(glyphs.bottomLeft, x: rect.x, y: rect.maxY - 1, style: style)
        putGlyph(glyphs.bottomRight, x: rect.maxX - 1, y: rect.maxY - 1, style: style)
        if let title, rect.width > 4 {
            let fitted = TextLayout.fit(
                " " + TextSanitizer.sanitize(title) + " ", width: rect.width - 2,
                ellipsis: glyphs.ellipsis)
            put(fitted, x: rect.x + 1, y: rect.y, style: titleStyle ?? style)
        }
    }

    /// Copies `other` into this buffer with its top-left corner at (x, y), clipped.
    public mutating func blit(_ other: CellBuffer, x: Int, y: Int) {
        for row in 0..<other.height {
            for column in 0..<other.width {
                self[x + column, y + row] = other[column, row]
            }
        }
    }

    /// Returns the graphemes of row `y` as text, continuation cells skipped, trailing spaces kept.
    /// With `asciiOnly`, each grapheme outside 7-bit ASCII becomes `?` (a wide one `??`),
    /// which is what a terminal without a UTF-8 locale is sent.
    public func rowText(_ y: Int, asciiOnly: Bool = false) -> String {
        guard y >= 0, y < height else { return "" }
        var text = ""
        for column in 0..<width where !self[column, y].isContinuation {
            let grapheme = self[column, y].grapheme
            if asciiOnly, !grapheme.isASCII {
                text += DisplayWidth.of(grapheme) == 2 ? "??" : "?"
            } else {
                text.append(grapheme)
            }
        }
        return text
    }

    /// Returns the buffer as text without colours: rows joined by newlines, trailing spaces
    /// trimmed. This is both the test view and the headless `--format text` output;
    /// `asciiOnly` replaces non-ASCII graphemes with `?`.
    public func plainText(asciiOnly: Bool = false) -> String {
        (0..<height).map { row in
            var line = rowText(row, asciiOnly: asciiOnly)
            while line.last == " " { line.removeLast() }
            return line
        }.joined(separator: "\n")
    }
}

/// Horizontal placement of text in a field.
public enum TextAlignment: String, Sendable, Hashable {
    case left, right, center
}
