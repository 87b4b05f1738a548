/// Removes terminal control sequences from untrusted text before it reaches a cell.
///
/// Text read from data files (neuron names, attributes, paths) may contain escape sequences
/// that would move the cursor, change colours or retitle the window. `sanitize` removes:
/// - ESC sequences: CSI (`ESC [` ... final byte 0x40-0x7E), OSC/DCS/SOS/PM/APC strings
///   (`ESC ]`, `ESC P`, `ESC X`, `ESC ^`, `ESC _`, up to BEL or `ESC \`), and two-byte
///   `ESC x` sequences;
/// - the 8-bit forms of the same (C1 U+0080-U+009F; CSI U+009B with its parameters,
///   OSC U+009D and the other string introducers up to ST U+009C or BEL);
/// - every other C0 control (U+0000-U+001F) and DEL (U+007F);
/// - the bidirectional overrides and isolates U+202A-U+202E and U+2066-U+2069, which can
///   reorder what the reader sees.
///
/// Tab, newline and carriage return become a single space each, so a multi-line value stays
/// readable on one row.
public enum TextSanitizer {
    /// Returns `text` with control characters and escape sequences removed.
    public static func sanitize(_ text: String) -> String {
        // Fast path: plain printable ASCII needs no work.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text }

        var output = String.UnicodeScalarView()
        var scalars = Array(text.unicodeScalars)[...]
        while let scalar = scalars.popFirst() {
            let value = scalar.value
            switch value {
            case 0x09, 0x0A, 0x0D:
                output.append(" ")
            case 0x1B:
                skipEscapeSequence(&scalars)
            case 0x9B:
                skipControlSequenceBody(&scalars)
            case 0x90, 0x98, 0x9D, 0x9E, 0x9F:
                skipControlString(&scalars)
            case 0x00...0x1F, 0x7F, 0x80...0x9F, 0x202A...0x202E, 0x2066...0x2069:
                continue
            default:
                output.append(scalar)
            }
        }
        return String(output)
    }

    /// Skips what follows an ESC, which has already been consumed.
    private static func skipEscapeSequence(_ scalars: inout ArraySlice<Unicode.Scalar>) {
        guard let next = scalars.popFirst() else { return }
        switch next {
        case "[":
            skipControlSequenceBody(&scalars)
        case "]", "P", "X", "^", "_":
            skipControlString(&scalars)
        default:
            // Two-character sequences such as `ESC c` (reset) or `ESC 7`; intermediate
            // bytes 0x20-0x2F (as in `ESC ( B`) take one more final byte.
            if (0x20...0x2F).contains(next.value), !scalars.isEmpty {
                while let more = scalars.first, (0x20...0x2F).contains(more.value) {
                    scalars.removeFirst()
                }
                scalars.popFirst().map { _ in }
            }
        }
    }

    /// Skips CSI parameters and intermediates up to and including the final byte.
    private static func skipControlSequenceBody(_ scalars: inout ArraySlice<Unicode.Scalar>) {
        while let scalar = scalars.popFirst() {
            if (0x40...0x7E).contains(scalar.value) { return }
            // A control character inside a CSI aborts it; drop it as well.
            if scalar.value < 0x20 { return }
        }
    }

    /// Skips a control string up to BEL, ST (U+009C) or `ESC \`.
    private static func skipControlString(_ scalars: inout ArraySlice<Unicode.Scalar>) {
        while let scalar = scalars.popFirst() {
            switch scalar.value {
            case 0x07, 0x9C:
                return
            case 0x1B:
                if scalars.first == "\\" { scalars.removeFirst() }
                return
            default:
                continue
            }
        }
    }
}

/// Display widths of graphemes in terminal columns.
///
/// A grapheme counts 2 columns when its first scalar is East Asian Wide or Fullwidth
/// (CJK ideographs, Hangul, kana, fullwidth forms) or an emoji in the pictograph blocks,
/// 0 when it is a lone combining mark or zero-width character, and 1 otherwise. The ranges
/// are an abridged copy of Unicode 15's EastAsianWidth.txt: rare wide scripts outside them
/// count as 1.
public enum DisplayWidth {
    /// Returns the number of columns `grapheme` occupies.
    public static func of(_ grapheme: Character) -> Int {
        guard let first = grapheme.unicodeScalars.first else { return 0 }
        let value = first.value
        if value < 0x300 { return value < 0x20 || (0x7F..<0xA0).contains(value) ? 0 : 1 }
        if isZeroWidth(value) { return 0 }
        if isWide(value) { return 2 }
        // An emoji presentation selector makes a narrow symbol wide.
        if grapheme.unicodeScalars.contains(where: { $0.value == 0xFE0F }) { return 2 }
        return 1
    }

    /// Returns the number of columns `text` occupies.
    public static func of(_ text: String) -> Int {
        text.reduce(0) { $0 + of($1) }
    }

    private static func isZeroWidth(_ value: UInt32) -> Bool {
        switch value {
        case 0x0300...0x036F, 0x200B...0x200F, 0x2060...0x2064, 0xFE00...0xFE0F, 0xFEFF:
            return true
        default:
            return false
        }
    }

    private static func isWide(_ value: UInt32) -> Bool {
        switch value {
        case 0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC,
            0x23F0, 0x23F3, 0x25FD...0x25FE, 0x2614...0x2615, 0x2648...0x2653, 0x267F,
            0x2693, 0x26A1, 0x26AA...0x26AB, 0x26BD...0x26BE, 0x26C4...0x26C5, 0x26CE,
            0x26D4, 0x26EA, 0x26F2...0x26F3, 0x26F5, 0x26FA, 0x26FD, 0x2705,
            0x270A...0x270B, 0x2728, 0x274C, 0x274E, 0x2753...0x2755, 0x2757,
            0x2795...0x2797, 0x27B0, 0x27BF, 0x2B1B...0x2B1C, 0x2B50, 0x2B55,
            0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
            0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF,
            0xFE10...0xFE19, 0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
            0x16FE0...0x16FE4, 0x17000...0x18CFF, 0x1B000...0x1B2FF, 0x1F004, 0x1F0CF,
            0x1F18E, 0x1F191...0x1F19A, 0x1F200...0x1F2FF, 0x1F300...0x1F64F,
            0x1F680...0x1F6FF, 0x1F7E0...0x1F7EB, 0x1F90C...0x1F9FF, 0x1FA70...0x1FAFF,
            0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return true
        default:
            return false
        }
    }
}
