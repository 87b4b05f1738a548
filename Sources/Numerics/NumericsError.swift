/// Errors raised by the numerical routines when their inputs do not fit together.
public enum NumericsError: Error, Equatable, CustomStringConvertible, Sendable {
    /// Two operands have sizes that cannot be combined; the message names both.
    case shapeMismatch(String)
    /// A value is outside what the routine accepts (a negative size, a NaN).
    case invalidValue(String)

    public var description: String {
        switch self {
        case .shapeMismatch(let message), .invalidValue(let message):
            return message
        }
    }
}
