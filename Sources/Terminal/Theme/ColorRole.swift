/// What a piece of text or a mark means; a `Theme` maps each role to a concrete style.
public enum ColorRole: String, Sendable, Hashable, CaseIterable, Codable {
    case text
    case muted
    case accent
    case success
    case warning
    case error
    case selection
    case header
    case title
    case border
    case statusBar
    case axis
    case axisLabel
    case plotLine
    case plotError
    case marker
    case legend
    case overlay
}
