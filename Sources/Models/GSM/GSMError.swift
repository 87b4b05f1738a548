/// Errors raised while building, loading or running the Gaussian scale mixture model.
/// Each message names the value involved and the fix.
public enum GSMError: Error, Equatable, CustomStringConvertible, Sendable {
    /// A parameter is missing from the file.
    case missingParameter(name: String, path: String)
    /// A parameter has the wrong shape.
    case wrongShape(name: String, found: [Int], expected: [Int])
    /// A parameter or an input is outside what the model accepts (NaN, not positive,
    /// not positive definite).
    case invalidValue(String)

    public var description: String {
        switch self {
        case .missingParameter(let name, let path):
            return "\(path): GSM parameter '\(name)' is missing; the file needs Dx, Dy, wnode, "
                + "A, rho, sigmaX, kGam, thGam, alpha, uTh, m and beta"
        case .wrongShape(let name, let found, let expected):
            let shape = { (dims: [Int]) in dims.map(String.init).joined(separator: "x") }
            return "GSM parameter '\(name)' has shape \(shape(found)) but \(shape(expected)) "
                + "is expected"
        case .invalidValue(let message):
            return message
        }
    }
}
