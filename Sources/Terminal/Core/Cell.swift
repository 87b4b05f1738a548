/// One terminal cell: a grapheme and its style.
///
/// A wide grapheme (display width 2) sits in its left cell; the cell to its right is a
/// continuation cell that holds no grapheme of its own and is skipped when drawn.
public struct Cell: Hashable, Sendable {
    public var grapheme: Character
    public var style: Style
    /// True for the right half of a wide grapheme.
    public var isContinuation: Bool

    public init(_ grapheme: Character = " ", style: Style = .plain, isContinuation: Bool = false) {
        self.grapheme = grapheme
        self.style = style
        self.isContinuation = isContinuation
    }

    /// A blank cell in the default style.
    public static let blank = Cell()
}
