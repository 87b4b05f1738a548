/// A centred box listing key bindings and what they do.
///
/// The box is as small as its content allows and never larger than the screen less a
/// one-cell margin. When the entries do not fit, the last visible row shows how many
/// more there are; long descriptions are cut with an ellipsis.
public struct HelpOverlay: Hashable, Sendable {
    public struct Entry: Hashable, Sendable {
        public var key: String
        public var description: String

        public init(key: String, description: String) {
            self.key = key
            self.description = description
        }
    }

    public var title: String
    public var entries: [Entry]

    public init(title: String = "Keys", entries: [Entry]) {
        self.title = title
        self.entries = entries
    }

    /// Creates an overlay from (key, description) pairs.
    public init(title: String = "Keys", pairs: [(String, String)]) {
        self.init(title: title, entries: pairs.map { Entry(key: $0.0, description: $0.1) })
    }

    /// Returns the rect the box covers when drawn over `screen`.
    public func frame(in screen: Rect) -> Rect {
        let keyWidth = entries.map { DisplayWidth.of(TextSanitizer.sanitize($0.key)) }.max() ?? 0
        let descriptionWidth =
            entries.map { DisplayWidth.of(TextSanitizer.sanitize($0.description)) }.max() ?? 0
        let titleWidth = DisplayWidth.of(TextSanitizer.sanitize(title)) + 4
        let contentWidth = max(titleWidth, keyWidth + 2 + descriptionWidth)
        return screen.insetBy(dx: 1, dy: 1).centered(
            width: contentWidth + 4, height: entries.count + 2)
    }

    /// Draws the box centred in `screen`, clearing what is under it.
    public func draw(into buffer: inout CellBuffer, in screen: Rect, appearance: Appearance) {
        let box = frame(in: screen)
        guard box.width >= 6, box.height >= 3 else { return }
        let style = appearance.style(.overlay)
        let glyphs = appearance.glyphs
        buffer.fill(box, style: style)
        buffer.box(
            box, style: style, glyphs: glyphs, title: title,
            titleStyle: appearance.adapt(
                appearance.theme.style(.title)
                    .withBackground(of: appearance.theme.style(.overlay))))

        let inner = box.inset(top: 1, left: 2, bottom: 1, right: 2)
        let keyWidth = min(
            entries.map { DisplayWidth.of(TextSanitizer.sanitize($0.key)) }.max() ?? 0,
            max(1, inner.width / 2))
        let keyStyle = appearance.adapt(
            appearance.theme.style(.accent).withBackground(of: appearance.theme.style(.overlay)))
        let overflow = entries.count > inner.height
        let shown = overflow ? max(0, inner.height - 1) : entries.count
        for (line, entry) in entries.prefix(shown).enumerated() {
            let y = inner.y + line
            buffer.put(
                entry.key, x: inner.x, y: y, width: keyWidth, style: keyStyle,
                ellipsis: glyphs.ellipsis)
            buffer.put(
                entry.description, x: inner.x + keyWidth + 2, y: y,
                width: max(0, inner.width - keyWidth - 2), style: style,
                ellipsis: glyphs.ellipsis)
        }
        if overflow, inner.height > 0 {
            buffer.put(
                "\(glyphs.ellipsis) \(entries.count - shown) more", x: inner.x,
                y: inner.maxY - 1, width: inner.width, style: appearance.style(.muted),
                ellipsis: glyphs.ellipsis)
        }
    }
}

extension Style {
    /// Returns this style with the background colour of `other`.
    func withBackground(of other: Style) -> Style {
        var copy = self
        copy.background = other.background
        return copy
    }
}
