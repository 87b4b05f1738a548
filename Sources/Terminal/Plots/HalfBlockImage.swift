/// A grey-level image drawn with upper half blocks, two pixels per cell.
///
/// Each cell shows `▀` with the foreground set to the upper pixel's colour and the
/// background to the lower one's, so a cell is one pixel wide and two tall, which is
/// roughly square in a terminal font. The image is scaled by nearest-neighbour sampling to
/// the largest size that fits the rect with its aspect ratio kept. Without colours (or
/// with the grey map in 8-colour mode) each cell is a character of the ASCII density
/// ramp for the mean of its two pixels. Non-finite pixels are left blank.
public struct HalfBlockImage: Hashable, Sendable {
    public let width: Int
    public let height: Int
    /// Row-major pixel values, `height` rows of `width`.
    public let pixels: [Double]
    /// Values mapped to the ends of the colour map; nil uses the finite min and max.
    public var range: ClosedRange<Double>?
    public var colorMap: ColorMap

    /// Creates an image, or throws when `pixels` does not hold `width * height` values.
    public init(
        width: Int, height: Int, pixels: [Double], range: ClosedRange<Double>? = nil,
        colorMap: ColorMap = .grey
    ) throws {
        guard width > 0, height > 0, pixels.count == width * height else {
            throw PlotError.shapeMismatch(
                "image has \(pixels.count) pixels but width \(width) x height \(height) "
                    + "needs \(max(0, width) * max(0, height)); pass matching dimensions")
        }
        self.width = width
        self.height = height
        self.pixels = pixels
        self.range = range
        self.colorMap = colorMap
    }

    /// Returns the size in cells the image covers when fitted into `rect`.
    public func fittedSize(in rect: Rect) -> (columns: Int, rows: Int) {
        guard !rect.isEmpty else { return (0, 0) }
        let scale = min(
            Double(rect.width) / Double(width), Double(rect.height * 2) / Double(height))
        let columns = max(1, min(rect.width, Int((Double(width) * scale).rounded(.down))))
        let pixelRows = max(1, Int((Double(height) * scale).rounded(.down)))
        return (columns, min(rect.height, (pixelRows + 1) / 2))
    }

    /// Draws the image at the top-left of `rect` and returns the cells it covers.
    @discardableResult
    public func draw(into buffer: inout CellBuffer, in rect: Rect, appearance: Appearance) -> Rect {
        let size = fittedSize(in: rect)
        guard size.columns > 0, size.rows > 0 else {
            return Rect(x: rect.x, y: rect.y, width: 0, height: 0)
        }
        let normalize = ValueNormalizer(values: pixels, range: range)
        let pixelRows = size.rows * 2
        func sample(column: Int, pixelRow: Int) -> Double {
            let sourceX = min(width - 1, column * width / size.columns)
            let sourceY = min(height - 1, pixelRow * height / pixelRows)
            return normalize(pixels[sourceY * width + sourceX])
        }
        let mode = appearance.capabilities.colorMode
        for row in 0..<size.rows {
            for column in 0..<size.columns {
                let upper = sample(column: column, pixelRow: row * 2)
                let lower = sample(column: column, pixelRow: row * 2 + 1)
                let x = rect.x + column
                let y = rect.y + row
                guard let upperColor = colorMap.color(at: upper, mode: mode),
                    let lowerColor = colorMap.color(at: lower, mode: mode)
                else {
                    let finite = [upper, lower].filter(\.isFinite)
                    let glyph =
                        finite.isEmpty
                        ? " "
                        : colorMap.densityGlyph(at: finite.reduce(0, +) / Double(finite.count))
                    buffer.putGlyph(glyph, x: x, y: y, style: appearance.style(.text))
                    continue
                }
                let glyph: Character
                let style: Style
                switch (upper.isFinite, lower.isFinite) {
                case (true, true):
                    glyph = appearance.glyphs.isASCII ? " " : appearance.glyphs.upperHalfBlock
                    style =
                        appearance.glyphs.isASCII
                        ? Style(background: upperColor)
                        : Style(foreground: upperColor, background: lowerColor)
                case (true, false):
                    glyph = appearance.glyphs.isASCII ? " " : appearance.glyphs.upperHalfBlock
                    style =
                        appearance.glyphs.isASCII
                        ? Style(background: upperColor) : Style(foreground: upperColor)
                case (false, true):
                    glyph = appearance.glyphs.isASCII ? " " : "▄"
                    style =
                        appearance.glyphs.isASCII
                        ? Style(background: lowerColor) : Style(foreground: lowerColor)
                case (false, false):
                    glyph = " "
                    style = .plain
                }
                buffer.putGlyph(glyph, x: x, y: y, style: style)
            }
        }
        return Rect(x: rect.x, y: rect.y, width: size.columns, height: size.rows)
    }
}

/// Maps values linearly onto 0...1 between the ends of a range; non-finite stays NaN.
struct ValueNormalizer {
    let low: Double
    let high: Double

    init(values: [Double], range: ClosedRange<Double>?) {
        if let range, range.lowerBound.isFinite, range.upperBound.isFinite {
            low = range.lowerBound
            high = range.upperBound
        } else {
            let finite = values.filter(\.isFinite)
            low = finite.min() ?? 0
            high = finite.max() ?? 1
        }
    }

    func callAsFunction(_ value: Double) -> Double {
        guard value.isFinite else { return .nan }
        guard high > low else { return 0.5 }
        return min(1, max(0, (value - low) / (high - low)))
    }
}

/// Errors raised when plot input has the wrong shape.
public enum PlotError: Error, Equatable, CustomStringConvertible, Sendable {
    case shapeMismatch(String)

    public var description: String {
        switch self {
        case .shapeMismatch(let message): return message
        }
    }
}
