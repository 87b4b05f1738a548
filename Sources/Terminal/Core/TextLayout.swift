/// Fitting text into a number of terminal columns.
public enum TextLayout {
    /// Returns `text` cut to at most `width` columns, ending in `ellipsis` when cut.
    /// Does not sanitise: callers pass text that is already clean or drawn by `put`.
    public static func fit(_ text: String, width: Int, ellipsis: String = "…") -> String {
        guard width > 0 else { return "" }
        if DisplayWidth.of(text) <= width { return text }
        let ellipsisWidth = DisplayWidth.of(ellipsis)
        guard width > ellipsisWidth else { return String(text.prefix(width)) }
        var result = ""
        var used = 0
        for grapheme in text {
            let columns = DisplayWidth.of(grapheme)
            if used + columns > width - ellipsisWidth { break }
            result.append(grapheme)
            used += columns
        }
        return result + ellipsis
    }

    /// Returns `text` padded with spaces (or cut) to exactly `width` columns.
    public static func pad(
        _ text: String, width: Int, alignment: TextAlignment = .left, ellipsis: String = "…"
    ) -> String {
        let fitted = fit(text, width: width, ellipsis: ellipsis)
        let padding = max(0, width - DisplayWidth.of(fitted))
        switch alignment {
        case .left: return fitted + String(repeating: " ", count: padding)
        case .right: return String(repeating: " ", count: padding) + fitted
        case .center:
            let leading = padding / 2
            return String(repeating: " ", count: leading) + fitted
                + String(repeating: " ", count: padding - leading)
        }
    }
}
