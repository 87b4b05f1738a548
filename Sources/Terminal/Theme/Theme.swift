import Foundation

/// A mapping from colour roles to styles, plus the colours of plot series.
///
/// Colours are xterm-256 indices; `Appearance` approximates them for 8-colour terminals
/// and drops them when there is no colour.
public struct Theme: Hashable, Sendable {
    public var name: String
    public var roles: [ColorRole: Style]
    /// Foreground colours of plot series, cycled when there are more series.
    public var seriesColors: [TerminalColor]

    public init(name: String, roles: [ColorRole: Style], seriesColors: [TerminalColor]) {
        self.name = name
        self.roles = roles
        self.seriesColors = seriesColors.isEmpty ? [.default] : seriesColors
    }

    /// Returns the style of `role`, or plain text for a role the theme leaves out.
    public func style(_ role: ColorRole) -> Style {
        roles[role] ?? .plain
    }

    /// The built-in dark-background theme.
    public static let `default` = Theme(
        name: "default",
        roles: [
            .text: Style(),
            .muted: Style(foreground: .indexed(245)),
            .accent: Style(foreground: .indexed(39), attributes: .bold),
            .success: Style(foreground: .indexed(70)),
            .warning: Style(foreground: .indexed(214)),
            .error: Style(foreground: .indexed(196), attributes: .bold),
            .selection: Style(
                foreground: .indexed(16), background: .indexed(39),
                attributes: .bold),
            .header: Style(
                foreground: .indexed(252), background: .indexed(238),
                attributes: .bold),
            .title: Style(foreground: .indexed(39), attributes: .bold),
            .border: Style(foreground: .indexed(240)),
            .statusBar: Style(foreground: .indexed(252), background: .indexed(236)),
            .axis: Style(foreground: .indexed(244)),
            .axisLabel: Style(foreground: .indexed(250)),
            .plotLine: Style(foreground: .indexed(39)),
            .plotError: Style(foreground: .indexed(67)),
            .marker: Style(foreground: .indexed(214)),
            .legend: Style(foreground: .indexed(250)),
            .overlay: Style(foreground: .indexed(252), background: .indexed(235)),
        ],
        seriesColors: [
            .indexed(39), .indexed(208), .indexed(70), .indexed(170),
            .indexed(220), .indexed(203),
        ])

    /// Parses a theme from JSON.
    ///
    /// Format: `{"name": "dark", "roles": {"accent": {"fg": 39, "bg": "default",
    /// "attrs": ["bold"]}}, "series": [39, "red"]}`. A colour is an xterm-256 index 0-255,
    /// `"default"`, or an ANSI name (`black`, `red`, `green`, `yellow`, `blue`, `magenta`,
    /// `cyan`, `white`, optionally prefixed `bright`). Roles left out keep the style of
    /// `base`. Throws `ThemeError` naming the key and value at fault.
    public static func parse(json data: Data, base: Theme = .default) throws -> Theme {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw ThemeError.invalidJSON(error.localizedDescription)
        }
        guard let root = object as? [String: Any] else {
            throw ThemeError.invalidValue(
                key: "(top level)", value: "\(type(of: object))",
                expected: "a JSON object")
        }
        var theme = base
        if let name = root["name"] {
            guard let text = name as? String else {
                throw ThemeError.invalidValue(key: "name", value: "\(name)", expected: "a string")
            }
            theme.name = text
        }
        if let roles = root["roles"] {
            guard let table = roles as? [String: Any] else {
                throw ThemeError.invalidValue(
                    key: "roles", value: "\(roles)",
                    expected: "an object of role names")
            }
            for (key, value) in table {
                guard let role = ColorRole(rawValue: key) else {
                    let known = ColorRole.allCases.map(\.rawValue).joined(separator: ", ")
                    throw ThemeError.unknownRole(key, known: known)
                }
                theme.roles[role] = try parseStyle(value, key: "roles.\(key)")
            }
        }
        if let series = root["series"] {
            guard let list = series as? [Any], !list.isEmpty else {
                throw ThemeError.invalidValue(
                    key: "series", value: "\(series)",
                    expected: "a non-empty array of colours")
            }
            theme.seriesColors = try list.enumerated().map {
                try parseColor($0.element, key: "series[\($0.offset)]")
            }
        }
        return theme
    }

    /// Returns the theme as JSON in the format `parse(json:)` reads, roles sorted by name,
    /// so a built-in theme can be written out as a starting point for a theme file.
    public func jsonText() -> String {
        func color(_ value: TerminalColor) -> String {
            switch value {
            case .default: return "\"default\""
            case .indexed(let index): return String(index)
            }
        }
        let roleLines = roles.sorted { $0.key.rawValue < $1.key.rawValue }.map { role, style in
            let attributes = style.attributes.names.map { "\"\($0)\"" }.joined(separator: ", ")
            return "    \"\(role.rawValue)\": {\"fg\": \(color(style.foreground)), "
                + "\"bg\": \(color(style.background)), \"attrs\": [\(attributes)]}"
        }
        let series = seriesColors.map(color).joined(separator: ", ")
        let escapedName = name.replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "\"", with: "\\\"")
        return "{\n  \"name\": \"\(escapedName)\",\n  \"roles\": {\n"
            + roleLines.joined(separator: ",\n") + "\n  },\n  \"series\": [\(series)]\n}\n"
    }

    /// Reads and parses a theme file. Throws `ThemeError.unreadable` when it cannot be read.
    public static func load(path: String, base: Theme = .default) throws -> Theme {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ThemeError.unreadable(path: path)
        }
        do {
            return try parse(json: data, base: base)
        } catch let error as ThemeError {
            throw ThemeError.inFile(path: path, error.description)
        }
    }

    static func parseStyle(_ value: Any, key: String) throws -> Style {
        guard let table = value as? [String: Any] else {
            throw ThemeError.invalidValue(
                key: key, value: "\(value)",
                expected: "an object with fg, bg, attrs")
        }
        var style = Style()
        if let fg = table["fg"] { style.foreground = try parseColor(fg, key: key + ".fg") }
        if let bg = table["bg"] { style.background = try parseColor(bg, key: key + ".bg") }
        if let attrs = table["attrs"] {
            guard let names = attrs as? [String] else {
                throw ThemeError.invalidValue(
                    key: key + ".attrs", value: "\(attrs)",
                    expected: "an array of attribute names")
            }
            for name in names {
                guard let attribute = TextAttributes(name: name) else {
                    throw ThemeError.invalidValue(
                        key: key + ".attrs", value: name,
                        expected: "bold, dim, reverse or underline")
                }
                style.attributes.insert(attribute)
            }
        }
        return style
    }

    static let colorNames: [String: UInt8] = [
        "black": 0, "red": 1, "green": 2, "yellow": 3, "blue": 4, "magenta": 5, "cyan": 6,
        "white": 7,
    ]

    static func parseColor(_ value: Any, key: String) throws -> TerminalColor {
        if let text = value as? String {
            let name = text.lowercased()
            if name == "default" { return .default }
            if let index = colorNames[name] { return .indexed(index) }
            if name.hasPrefix("bright"), let index = colorNames[String(name.dropFirst(6))] {
                return .indexed(index + 8)
            }
        } else if let number = value as? NSNumber, let index = Int(exactly: number.doubleValue),
            (0...255).contains(index)
        {
            return .indexed(UInt8(index))
        }
        throw ThemeError.invalidValue(
            key: key, value: "\(value)",
            expected: "an xterm-256 index 0-255, \"default\" or a colour name such as \"red\"")
    }
}

/// Errors raised while reading a theme file.
public enum ThemeError: Error, Equatable, CustomStringConvertible, Sendable {
    case unreadable(path: String)
    case invalidJSON(String)
    case invalidValue(key: String, value: String, expected: String)
    case unknownRole(String, known: String)
    case inFile(path: String, String)

    public var description: String {
        switch self {
        case .unreadable(let path):
            return "theme file \(path) not found or not readable"
        case .invalidJSON(let reason):
            return "theme is not valid JSON: \(reason)"
        case .invalidValue(let key, let value, let expected):
            return "theme key \(key) has invalid value \(value): expected \(expected)"
        case .unknownRole(let role, let known):
            return "theme role \(role) is unknown; known roles: \(known)"
        case .inFile(let path, let message):
            return "\(path): \(message)"
        }
    }
}
