/// Errors raised while setting up, running or evaluating a training session.
public enum TrainingError: Error, Equatable, CustomStringConvertible, Sendable {
    /// No folder of photographs was found; the places searched are listed.
    case imagesNotFound(searched: [String])
    /// A configuration file is unreadable or has a bad field; the message names it.
    case invalidConfigurationFile(path: String, message: String)
    /// A request is inconsistent, for example a patch size that is not a square.
    case invalidRequest(String)

    public var description: String {
        switch self {
        case .imagesNotFound(let searched):
            return "no folder of photographs found; searched "
                + searched.joined(separator: ", ")
                + ". Run `make images` or give a folder of PNG or JPEG files with --images."
        case .invalidConfigurationFile(let path, let message):
            return "\(path): \(message)"
        case .invalidRequest(let message):
            return message
        }
    }
}
