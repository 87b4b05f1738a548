/// A key press, with a stable textual name for key maps.
///
/// Names: `up`, `down`, `left`, `right`, `enter`, `esc`, `backspace`, `tab`, `S-tab`,
/// `pgup`, `pgdn`, `home`, `end`, `insert`, `delete`, `f1`...`f24`, `ctrl-a`...`ctrl-z`,
/// `space`, `resize`, and any other printable character as itself (`q`, `Q`, `?`, `/`).
/// Names are case-sensitive for characters and case-insensitive otherwise.
public enum Key: Hashable, Sendable, CustomStringConvertible {
    case up, down, left, right
    case enter, escape, backspace, tab, backTab
    case pageUp, pageDown, home, end, insert, delete
    /// Function key F1...F24.
    case function(Int)
    /// A printable character, including space.
    case character(Character)
    /// Control plus a lower-case letter (`ctrl-a`); Tab, Enter and Backspace have their own.
    case control(Character)
    /// The terminal changed size; the screen has already updated `size`.
    case resize

    private static let fixedNames: [(Key, String)] = [
        (.up, "up"), (.down, "down"), (.left, "left"), (.right, "right"), (.enter, "enter"),
        (.escape, "esc"), (.backspace, "backspace"), (.tab, "tab"), (.backTab, "S-tab"),
        (.pageUp, "pgup"), (.pageDown, "pgdn"), (.home, "home"), (.end, "end"),
        (.insert, "insert"), (.delete, "delete"), (.resize, "resize"),
    ]

    /// The key's name as used in key map files.
    public var name: String {
        switch self {
        case .function(let number): return "f\(number)"
        case .character(" "): return "space"
        case .character(let character): return String(character)
        case .control(let letter): return "ctrl-\(letter)"
        default:
            return Key.fixedNames.first { $0.0 == self }?.1 ?? "unknown"
        }
    }

    public var description: String { name }

    /// Parses a key name; also accepts `escape`, `return`, `pageup`, `pagedown`, `backtab`,
    /// `shift-tab` and `C-x` for `ctrl-x`. Returns nil for an unknown name.
    public init?(name: String) {
        if name.count == 1, let character = name.first, !character.isWhitespace,
            character.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7F })
        {
            self = .character(character)
            return
        }
        let lower = name.lowercased()
        if let match = Key.fixedNames.first(where: { $0.1.lowercased() == lower }) {
            self = match.0
            return
        }
        switch lower {
        case "space":
            self = .character(" ")
            return
        case "escape":
            self = .escape
            return
        case "return":
            self = .enter
            return
        case "pageup":
            self = .pageUp
            return
        case "pagedown":
            self = .pageDown
            return
        case "backtab", "shift-tab":
            self = .backTab
            return
        case "del":
            self = .delete
            return
        default: break
        }
        for prefix in ["ctrl-", "c-"] where lower.hasPrefix(prefix) {
            let rest = lower.dropFirst(prefix.count)
            if rest.count == 1, let letter = rest.first, ("a"..."z").contains(letter) {
                self = .control(letter)
                return
            }
        }
        if lower.hasPrefix("f"), let number = Int(lower.dropFirst()), (1...24).contains(number) {
            self = .function(number)
            return
        }
        return nil
    }

    /// Decodes a character code from the terminal (not a function-key code): control
    /// bytes become Enter, Tab, Backspace (8 and 127), Esc or `ctrl-x`; printable
    /// characters become `.character`. Returns nil for codes with no key (NUL, other C0
    /// and C1 controls, invalid scalars).
    public static func fromCharacterCode(_ code: UInt32) -> Key? {
        switch code {
        case 9: return .tab
        case 10, 13: return .enter
        case 8, 127: return .backspace
        case 27: return .escape
        case 1...26: return .control(Character(Unicode.Scalar(UInt8(0x60 + code))))
        case 0, 28...31, 0x80...0x9F: return nil
        default:
            guard let scalar = Unicode.Scalar(code) else { return nil }
            return .character(Character(scalar))
        }
    }
}
