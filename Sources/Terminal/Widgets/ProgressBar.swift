/// A one-row progress bar: `label [#####     ]  45%`.
///
/// The Unicode bar fills in eighths of a cell; the ASCII bar in whole cells with `#`.
/// A non-finite fraction draws an empty bar with `--%`.
public struct ProgressBar: Hashable, Sendable {
    /// Completed fraction, clamped to 0...1 when drawn.
    public var fraction: Double
    public var label: String

    public init(fraction: Double, label: String = "") {
        self.fraction = fraction
        self.label = label
    }

    /// Draws the bar in the first row of `rect`.
    public func draw(into buffer: inout CellBuffer, in rect: Rect, appearance: Appearance) {
        guard !rect.isEmpty else { return }
        let glyphs = appearance.glyphs
        let text = appearance.style(.text)
        let finite = fraction.isFinite
        let clamped = finite ? min(1, max(0, fraction)) : 0
        let percent = finite ? "\(Int((clamped * 100).rounded(.down)))%" : "--%"
        let percentText = TextLayout.pad(percent, width: 4, alignment: .right)

        var x = rect.x
        let labelText = TextSanitizer.sanitize(label)
        if !labelText.isEmpty {
            let labelSpace = max(0, min(DisplayWidth.of(labelText), rect.width - 12))
            if labelSpace > 0 {
                buffer.put(
                    labelText, x: x, y: rect.y, width: labelSpace, style: text,
                    ellipsis: glyphs.ellipsis)
                x += labelSpace + 1
            }
        }
        let barWidth = rect.maxX - x - 2 - 5
        guard barWidth >= 1 else {
            buffer.put(percentText, x: x, y: rect.y, style: text, clip: rect)
            return
        }
        let border: (Character, Character) = glyphs.isASCII ? ("[", "]") : ("▕", "▏")
        buffer.putGlyph(border.0, x: x, y: rect.y, style: appearance.style(.border))
        let fill = appearance.style(.accent)
        let eighths = Int((clamped * Double(barWidth * 8)).rounded(.down))
        for cell in 0..<barWidth {
            let level = min(8, max(0, eighths - cell * 8))
            guard level > 0 else { continue }
            // ASCII has no partial blocks, so a cell shows `#` only when it is full.
            var glyph: Character = glyphs.horizontalEighths[level - 1]
            if glyphs.isASCII { glyph = level == 8 ? "#" : " " }
            buffer.putGlyph(glyph, x: x + 1 + cell, y: rect.y, style: fill)
        }
        buffer.putGlyph(border.1, x: x + 1 + barWidth, y: rect.y, style: appearance.style(.border))
        buffer.put(percentText, x: x + barWidth + 3, y: rect.y, style: text, clip: rect)
    }
}
