/// A terminal colour: the terminal's default, or an xterm-256 palette index.
///
/// Indices 0-7 are the ANSI colours, 8-15 their bright variants, 16-231 a 6x6x6 RGB cube
/// and 232-255 a grey ramp (the xterm-256 layout).
public enum TerminalColor: Hashable, Sendable, CustomStringConvertible {
    case `default`
    case indexed(UInt8)

    public static let black = TerminalColor.indexed(0)
    public static let red = TerminalColor.indexed(1)
    public static let green = TerminalColor.indexed(2)
    public static let yellow = TerminalColor.indexed(3)
    public static let blue = TerminalColor.indexed(4)
    public static let magenta = TerminalColor.indexed(5)
    public static let cyan = TerminalColor.indexed(6)
    public static let white = TerminalColor.indexed(7)

    public var description: String {
        switch self {
        case .default: return "default"
        case .indexed(let index): return String(index)
        }
    }
}

/// Text attributes a cell can carry.
public struct TextAttributes: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let bold = TextAttributes(rawValue: 1 << 0)
    public static let dim = TextAttributes(rawValue: 1 << 1)
    public static let reverse = TextAttributes(rawValue: 1 << 2)
    public static let underline = TextAttributes(rawValue: 1 << 3)

    /// Attribute names in a fixed order, as used in theme files and colour snapshots.
    public var names: [String] {
        var result: [String] = []
        if contains(.bold) { result.append("bold") }
        if contains(.dim) { result.append("dim") }
        if contains(.reverse) { result.append("reverse") }
        if contains(.underline) { result.append("underline") }
        return result
    }

    /// Parses one attribute name (`bold`, `dim`, `reverse`, `underline`).
    public init?(name: String) {
        switch name.lowercased() {
        case "bold": self = .bold
        case "dim": self = .dim
        case "reverse": self = .reverse
        case "underline": self = .underline
        default: return nil
        }
    }
}

/// Foreground, background and attributes of a cell.
public struct Style: Hashable, Sendable, CustomStringConvertible {
    public var foreground: TerminalColor
    public var background: TerminalColor
    public var attributes: TextAttributes

    public init(
        foreground: TerminalColor = .default, background: TerminalColor = .default,
        attributes: TextAttributes = []
    ) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    /// The terminal's default colours with no attributes.
    public static let plain = Style()

    /// Returns this style with extra attributes.
    public func adding(_ extra: TextAttributes) -> Style {
        var copy = self
        copy.attributes.formUnion(extra)
        return copy
    }

    public var description: String {
        var text = "fg=\(foreground) bg=\(background)"
        if !attributes.isEmpty { text += " " + attributes.names.joined(separator: "+") }
        return text
    }
}
