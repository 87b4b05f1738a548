/// Errors raised while reading or analysing a dataset. Each message names the file or value
/// involved and, where there is one, the fix.
public enum DataError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The file could not be opened or read (missing, unreadable, truncated).
    case unreadable(path: String, reason: String)
    /// The file was read but its contents are not a layout this importer knows.
    case unknownLayout(path: String, found: [String], expected: String)
    /// Two arrays that must agree in size do not.
    case shapeMismatch(String)
    /// A value is outside what the computation accepts (NaN, a negative window).
    case invalidValue(String)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason):
            return "\(path): cannot be read: \(reason)"
        case .unknownLayout(let path, let found, let expected):
            let listed = found.isEmpty ? "none" : found.joined(separator: ", ")
            return "\(path): unknown layout. Variables found: \(listed). Expected: \(expected)"
        case .shapeMismatch(let message), .invalidValue(let message):
            return message
        }
    }
}
