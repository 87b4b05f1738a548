/// Errors raised while reading or writing a safetensors file. Each message names the file
/// and the offending value.
public enum SafetensorsError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The file could not be opened, read, written or renamed.
    case io(path: String, reason: String)
    /// The file ends before the header or a tensor's data does.
    case truncated(path: String, reason: String)
    /// The JSON header is not valid or lacks a required field.
    case malformedHeader(path: String, reason: String)
    /// A tensor uses a dtype other than F32.
    case unsupportedDType(path: String, tensor: String, dtype: String)
    /// A tensor's shape does not match its byte range or the values given.
    case shapeMismatch(path: String, tensor: String, reason: String)

    public var description: String {
        switch self {
        case .io(let path, let reason):
            return "\(path): \(reason)"
        case .truncated(let path, let reason):
            return "\(path): truncated safetensors file: \(reason). Write the file again."
        case .malformedHeader(let path, let reason):
            return "\(path): malformed safetensors header: \(reason)"
        case .unsupportedDType(let path, let tensor, let dtype):
            return "\(path): tensor \(tensor) has dtype \(dtype); only F32 is supported. "
                + "Convert it to float32 before loading."
        case .shapeMismatch(let path, let tensor, let reason):
            return "\(path): tensor \(tensor): \(reason)"
        }
    }
}
