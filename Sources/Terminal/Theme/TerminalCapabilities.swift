/// How many colours the terminal can show.
public enum ColorMode: String, Sendable, Hashable, CaseIterable {
    /// No colour: attributes (bold, reverse) only.
    case none
    /// The eight ANSI colours.
    case eight
    /// The xterm-256 palette.
    case xterm256
}

/// The display features of a terminal: its colour mode and whether UTF-8 glyphs are safe to send.
public struct TerminalCapabilities: Hashable, Sendable {
    public var colorMode: ColorMode
    /// True when the locale is UTF-8, so box drawing, braille and blocks can be shown.
    public var unicode: Bool

    public init(colorMode: ColorMode, unicode: Bool) {
        self.colorMode = colorMode
        self.unicode = unicode
    }

    /// The glyph set that fits `unicode`.
    public var glyphs: GlyphSet { unicode ? .unicode : .ascii }

    /// Terminal types that cannot show colour, whatever terminfo reports.
    static let monochromeTerminals: Set<String> = [
        "dumb", "vt52", "vt100", "vt102", "vt220", "vt320", "xterm-mono", "ansi-mono",
        "linux-m", "screen-mono", "unknown",
    ]

    /// Detects capabilities from an environment and terminal facts passed in.
    ///
    /// - `NO_COLOR` set to any non-empty value (no-color.org) means no colour.
    /// - A missing `TERM`, a monochrome one (`dumb`, `vt100`, anything ending in `-mono`
    ///   or `-m`) or `terminfoColors` below 8 means no colour; 8-255 colours means eight;
    ///   256 or more means xterm-256. When `terminfoColors` is nil (no terminal set up),
    ///   a `TERM` containing `256color` or a `COLORTERM` means 256, other terminals eight.
    /// - Unicode glyphs need a UTF-8 locale: the first set of `LC_ALL`, `LC_CTYPE`, `LANG`
    ///   must name UTF-8, and `codeset` (from `nl_langinfo(CODESET)` after `setlocale`), when
    ///   given, must be UTF-8 too.
    public static func detect(
        environment: [String: String], terminfoColors: Int? = nil, codeset: String? = nil
    ) -> TerminalCapabilities {
        // NO_COLOR and monochrome terminals get the plain ASCII rendering, not only a
        // colourless one: such terminals often lack braille and block glyphs too.
        let colorMode = detectColorMode(environment: environment, terminfoColors: terminfoColors)
        return TerminalCapabilities(
            colorMode: colorMode,
            unicode: colorMode != .none
                && detectUnicode(environment: environment, codeset: codeset))
    }

    static func detectColorMode(environment: [String: String], terminfoColors: Int?)
        -> ColorMode
    {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .none }
        guard let term = environment["TERM"]?.lowercased(), !term.isEmpty else { return .none }
        if monochromeTerminals.contains(term) || term.hasSuffix("-mono") || term.hasSuffix("-m") {
            return .none
        }
        if let colors = terminfoColors {
            if colors >= 256 { return .xterm256 }
            return colors >= 8 ? .eight : .none
        }
        if term.contains("256color") || environment["COLORTERM"].map({ !$0.isEmpty }) == true {
            return .xterm256
        }
        return .eight
    }

    static func detectUnicode(environment: [String: String], codeset: String?) -> Bool {
        let locale =
            ["LC_ALL", "LC_CTYPE", "LANG"]
            .compactMap { environment[$0] }
            .first { !$0.isEmpty } ?? ""
        guard isUTF8(locale) else { return false }
        if let codeset, !isUTF8(codeset) { return false }
        return true
    }

    static func isUTF8(_ name: String) -> Bool {
        let normalized = name.lowercased().filter { $0 != "-" }
        return normalized.contains("utf8")
    }
}
