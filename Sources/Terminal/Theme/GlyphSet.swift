/// The characters used for lines, marks and symbols, in a Unicode and an ASCII variant.
///
/// The ASCII variant is for terminals or locales that cannot show UTF-8: every glyph in it
/// is a printable 7-bit character.
public struct GlyphSet: Hashable, Sendable {
    public var horizontal: Character
    public var vertical: Character
    public var topLeft: Character
    public var topRight: Character
    public var bottomLeft: Character
    public var bottomRight: Character
    /// Axis corner where the y axis meets the x axis.
    public var axisCorner: Character
    /// Tick mark on the x axis.
    public var xTick: Character
    /// Tick mark on the y axis.
    public var yTick: Character
    /// Dashed vertical line for plot markers.
    public var markerLine: Character
    public var ellipsis: String
    public var arrowUp: Character
    public var arrowDown: Character
    public var arrowLeft: Character
    public var arrowRight: Character
    /// Upper half block: the foreground colours the top half, the background the bottom.
    public var upperHalfBlock: Character
    public var fullBlock: Character
    /// Partial blocks from one eighth to eight eighths, bottom-aligned (vertical bars).
    public var verticalEighths: [Character]
    /// Partial blocks from one eighth to eight eighths, left-aligned (horizontal bars).
    public var horizontalEighths: [Character]
    /// Fill characters for stacked segments when no colour tells them apart.
    public var segmentFills: [Character]
    /// Marks for plot series on a character grid (ASCII plots), one per series.
    public var seriesMarks: [Character]
    /// True when plots draw with braille dots (2x4 per cell).
    public var usesBraille: Bool
    /// True when the set is 7-bit ASCII only.
    public var isASCII: Bool

    /// Box drawing, braille and block elements.
    public static let unicode = GlyphSet(
        horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└",
        bottomRight: "┘", axisCorner: "└", xTick: "┬", yTick: "┤", markerLine: "┊",
        ellipsis: "…", arrowUp: "▲", arrowDown: "▼", arrowLeft: "◀", arrowRight: "▶",
        upperHalfBlock: "▀", fullBlock: "█",
        verticalEighths: ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"],
        horizontalEighths: ["▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"],
        segmentFills: ["█", "▓", "▒", "░", "#", "=", "+", ":"],
        seriesMarks: ["•", "+", "x", "o", "*", "#", "%", "@"],
        usesBraille: true, isASCII: false)

    /// Seven-bit ASCII: `+-|` boxes, `*` marks, density ramps.
    public static let ascii = GlyphSet(
        horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+",
        bottomRight: "+", axisCorner: "+", xTick: "+", yTick: "+", markerLine: ":",
        ellipsis: "~", arrowUp: "^", arrowDown: "v", arrowLeft: "<", arrowRight: ">",
        upperHalfBlock: "#", fullBlock: "#",
        verticalEighths: [".", ".", "_", "_", "o", "o", "#", "#"],
        horizontalEighths: ["-", "-", "-", "=", "=", "=", "#", "#"],
        segmentFills: ["#", "=", "+", ":", "%", "*", "o", "."],
        seriesMarks: ["*", "+", "o", "x", "#", "%", "@", "="],
        usesBraille: false, isASCII: true)

    /// Grey levels from dark to light, for images and maps without colour.
    public static let asciiDensityRamp: [Character] = Array(" .:-=+*#%@")
}
