import Terminal

/// A short message a screen shows in place of its content (no data yet, no model yet):
/// a heading line, then text lines, indented one column and kept inside `rect`.
enum Notice {
    static func draw(
        _ lines: [String], into buffer: inout CellBuffer, in rect: Rect,
        appearance: Appearance, headingRole: ColorRole = .title
    ) {
        for (offset, line) in lines.enumerated() where offset + 1 < rect.height {
            buffer.put(line, x: rect.x + 1, y: rect.y + 1 + offset, width: rect.width - 2,
                       style: appearance.style(offset == 0 ? headingRole : .text),
                       ellipsis: appearance.glyphs.ellipsis)
        }
    }
}
