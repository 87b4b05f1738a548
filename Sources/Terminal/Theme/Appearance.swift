/// Everything a widget or plot needs to pick its look: theme, capabilities and glyphs.
///
/// `style(_:)` adapts the theme to the terminal. In 8-colour mode, xterm-256 colours become
/// their nearest ANSI colour. With no colour, colours are dropped and a role that had a
/// background colour (selection, status bar) gets `reverse` so it remains visible. The
/// header row is underlined instead, so it differs from the selected row.
public struct Appearance: Hashable, Sendable {
    public var theme: Theme
    public var capabilities: TerminalCapabilities
    public var glyphs: GlyphSet

    public init(theme: Theme = .default, capabilities: TerminalCapabilities) {
        self.theme = theme
        self.capabilities = capabilities
        self.glyphs = capabilities.glyphs
    }

    /// Unicode glyphs and 256 colours with the default theme.
    public static let rich = Appearance(
        capabilities: TerminalCapabilities(colorMode: .xterm256, unicode: true))
    /// ASCII glyphs and no colour.
    public static let plain = Appearance(
        capabilities: TerminalCapabilities(colorMode: .none, unicode: false))

    /// The theme's style for `role`, adapted to the colour mode.
    public func style(_ role: ColorRole) -> Style {
        // Without colour, both the header row and the selected row would become reverse
        // video; the header is underlined instead so the selection stays distinct.
        if capabilities.colorMode == .none && role == .header {
            var header = theme.style(role)
            header.background = .default
            header.attributes.insert(.underline)
            return adapt(header)
        }
        return adapt(theme.style(role))
    }

    /// The style of plot series `index` (colours cycle through the theme's series colours).
    public func seriesStyle(_ index: Int) -> Style {
        let colors = theme.seriesColors
        let color = colors[((index % colors.count) + colors.count) % colors.count]
        var style = theme.style(.plotLine)
        style.foreground = color
        return adapt(style)
    }

    /// A style with a given foreground and background, adapted to the colour mode.
    public func style(foreground: TerminalColor, background: TerminalColor = .default)
        -> Style
    {
        adapt(Style(foreground: foreground, background: background))
    }

    /// Returns `style` with its colours adapted to the colour mode.
    public func adapt(_ style: Style) -> Style {
        var result = style
        switch capabilities.colorMode {
        case .xterm256:
            break
        case .eight:
            result.foreground = approximate8(style.foreground)
            result.background = approximate8(style.background)
        case .none:
            if style.background != .default { result.attributes.insert(.reverse) }
            result.foreground = .default
            result.background = .default
        }
        return result
    }

    private func approximate8(_ color: TerminalColor) -> TerminalColor {
        guard case .indexed(let index) = color else { return color }
        return .indexed(XtermPalette.nearest8(index))
    }
}
