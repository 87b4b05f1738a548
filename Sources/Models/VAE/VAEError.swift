/// Errors raised while building, training, evaluating or checkpointing a VAE.
public enum VAEError: Error, Equatable, CustomStringConvertible, Sendable {
    /// A configuration field is out of range; the message names it and its value.
    case invalidConfiguration(String)
    /// An input matrix has the wrong number of columns or rows.
    case shapeMismatch(String)
    /// An input or a training quantity is NaN or infinite.
    case nonFinite(String)
    /// A checkpoint is missing a tensor, has a wrong shape or unreadable metadata.
    case invalidCheckpoint(String)

    public var description: String {
        switch self {
        case .invalidConfiguration(let message), .shapeMismatch(let message),
            .nonFinite(let message), .invalidCheckpoint(let message):
            return message
        }
    }
}
