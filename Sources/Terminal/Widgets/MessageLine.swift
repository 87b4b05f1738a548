/// A one-row message: information, a warning or an error, styled by its kind.
public struct MessageLine: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable {
        case info, warning, error
    }

    public var text: String
    public var kind: Kind

    public init(_ text: String, kind: Kind = .info) {
        self.text = text
        self.kind = kind
    }

    /// Draws the message in the first row of `rect`, filling the rest of the row.
    public func draw(into buffer: inout CellBuffer, in rect: Rect, appearance: Appearance) {
        guard !rect.isEmpty else { return }
        let role: ColorRole
        switch kind {
        case .info: role = .text
        case .warning: role = .warning
        case .error: role = .error
        }
        let prefix = kind == .error ? "error: " : (kind == .warning ? "warning: " : "")
        buffer.put(
            prefix + TextSanitizer.sanitize(text), x: rect.x, y: rect.y,
            width: rect.width, style: appearance.style(role),
            ellipsis: appearance.glyphs.ellipsis)
    }
}
