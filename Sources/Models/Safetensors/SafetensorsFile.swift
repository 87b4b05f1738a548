import Foundation

/// A float32 tensor of a safetensors file: its shape and row-major values.
public struct SafetensorsTensor: Equatable, Sendable {
    /// Shape, outermost dimension first; an empty shape is a scalar.
    public var shape: [Int]
    /// Values in row-major order; `values.count` is the product of `shape`.
    public var values: [Float]

    /// Creates a tensor from its shape and values.
    public init(shape: [Int], values: [Float]) {
        self.shape = shape
        self.values = values
    }
}

/// The contents of a safetensors file: named float32 tensors and a string metadata map.
///
/// Layout (Hugging Face safetensors format): an 8-byte little-endian header length N, then
/// N bytes of JSON, then the data block. The JSON maps each tensor name to
/// `{"dtype", "shape", "data_offsets": [begin, end]}`, with offsets relative to the data
/// block, and may contain a `__metadata__` map of strings. This writer places tensors in
/// sorted name order and pads the header with spaces to a multiple of 8 bytes, so the data
/// stays aligned. Only the F32 dtype is supported.
public struct SafetensorsFile: Equatable, Sendable {
    /// Tensors by name.
    public var tensors: [String: SafetensorsTensor]
    /// The `__metadata__` map.
    public var metadata: [String: String]

    /// Creates a file's contents from tensors and metadata.
    public init(tensors: [String: SafetensorsTensor] = [:], metadata: [String: String] = [:]) {
        self.tensors = tensors
        self.metadata = metadata
    }

    /// Largest header accepted, in bytes; real headers of this project are a few kilobytes.
    static let maximumHeaderLength: UInt64 = 100_000_000

    /// Serialises the contents to the bytes of a safetensors file.
    ///
    /// - Throws: `SafetensorsError.shapeMismatch` when a tensor's value count differs from
    ///   the product of its shape or a dimension is negative.
    public func encoded(path: String = "<memory>") throws -> Data {
        var header: [String: Any] = [:]
        if !metadata.isEmpty { header["__metadata__"] = metadata }
        var offset = 0
        let names = tensors.keys.sorted()
        for name in names {
            guard let tensor = tensors[name] else { continue }
            let expected = tensor.shape.reduce(1, *)
            guard tensor.shape.allSatisfy({ $0 >= 0 }), expected == tensor.values.count else {
                throw SafetensorsError.shapeMismatch(
                    path: path, tensor: name,
                    reason:
                        "shape \(tensor.shape) needs \(expected) values, got \(tensor.values.count)"
                )
            }
            let end = offset + 4 * tensor.values.count
            header[name] = ["dtype": "F32", "shape": tensor.shape, "data_offsets": [offset, end]]
            offset = end
        }
        var json = try JSONSerialization.data(withJSONObject: header, options: [.sortedKeys])
        let padding = (8 - json.count % 8) % 8
        json.append(contentsOf: [UInt8](repeating: 0x20, count: padding))

        var data = Data(capacity: 8 + json.count + offset)
        withUnsafeBytes(of: UInt64(json.count).littleEndian) { data.append(contentsOf: $0) }
        data.append(json)
        for name in names {
            guard let tensor = tensors[name] else { continue }
            #if _endian(little)
                tensor.values.withUnsafeBytes { data.append(contentsOf: $0) }
            #else
                for value in tensor.values {
                    withUnsafeBytes(of: value.bitPattern.littleEndian) {
                        data.append(contentsOf: $0)
                    }
                }
            #endif
        }
        return data
    }

    /// Parses the bytes of a safetensors file; `path` only labels errors.
    ///
    /// - Throws: `SafetensorsError.truncated` when the data ends early,
    ///   `.malformedHeader` for a bad JSON header, `.unsupportedDType` for a non-F32 tensor
    ///   and `.shapeMismatch` when a byte range does not fit the shape.
    public static func decode(_ data: Data, path: String = "<memory>") throws -> SafetensorsFile {
        guard data.count >= 8 else {
            throw SafetensorsError.truncated(
                path: path, reason: "\(data.count) bytes, fewer than the 8-byte header length")
        }
        let bytes = [UInt8](data)
        var headerLength: UInt64 = 0
        for index in 0..<8 { headerLength |= UInt64(bytes[index]) << (8 * UInt64(index)) }
        guard headerLength <= maximumHeaderLength else {
            throw SafetensorsError.malformedHeader(
                path: path, reason: "header length \(headerLength) exceeds \(maximumHeaderLength)")
        }
        guard UInt64(bytes.count - 8) >= headerLength else {
            throw SafetensorsError.truncated(
                path: path,
                reason: "header needs \(headerLength) bytes but only \(bytes.count - 8) follow")
        }
        let dataStart = 8 + Int(headerLength)
        let headerData = Data(bytes[8..<dataStart])
        guard let object = try? JSONSerialization.jsonObject(with: headerData),
            let header = object as? [String: Any]
        else {
            throw SafetensorsError.malformedHeader(
                path: path, reason: "the header is not a JSON object")
        }

        var file = SafetensorsFile()
        let dataLength = bytes.count - dataStart
        for (name, entry) in header {
            if name == "__metadata__" {
                guard let map = entry as? [String: String] else {
                    throw SafetensorsError.malformedHeader(
                        path: path, reason: "__metadata__ must map strings to strings")
                }
                file.metadata = map
                continue
            }
            let tensor = try decodeTensor(
                name: name, entry: entry, bytes: bytes, dataStart: dataStart,
                dataLength: dataLength, path: path)
            file.tensors[name] = tensor
        }
        return file
    }

    private static func decodeTensor(
        name: String, entry: Any, bytes: [UInt8], dataStart: Int, dataLength: Int, path: String
    ) throws -> SafetensorsTensor {
        guard let fields = entry as? [String: Any] else {
            throw SafetensorsError.malformedHeader(
                path: path, reason: "entry \(name) is not an object")
        }
        guard let dtype = fields["dtype"] as? String else {
            throw SafetensorsError.malformedHeader(
                path: path, reason: "tensor \(name) has no dtype")
        }
        guard dtype == "F32" else {
            throw SafetensorsError.unsupportedDType(path: path, tensor: name, dtype: dtype)
        }
        guard let shape = fields["shape"] as? [Int], shape.allSatisfy({ $0 >= 0 }) else {
            throw SafetensorsError.malformedHeader(
                path: path, reason: "tensor \(name) has no list of non-negative integers as shape")
        }
        guard let offsets = fields["data_offsets"] as? [Int], offsets.count == 2,
            offsets[0] >= 0, offsets[1] >= offsets[0]
        else {
            throw SafetensorsError.malformedHeader(
                path: path,
                reason: "tensor \(name) needs data_offsets [begin, end] with begin <= end")
        }

        let count = shape.reduce(1, *)
        guard offsets[1] - offsets[0] == 4 * count else {
            throw SafetensorsError.shapeMismatch(
                path: path, tensor: name,
                reason: "shape \(shape) needs \(4 * count) bytes, data_offsets span "
                    + "\(offsets[1] - offsets[0])")
        }
        guard offsets[1] <= dataLength else {
            throw SafetensorsError.truncated(
                path: path,
                reason: "tensor \(name) ends at byte \(offsets[1]) of the data block, "
                    + "which has \(dataLength) bytes")
        }

        var values = [Float](repeating: 0, count: count)
        let start = dataStart + offsets[0]
        values.withUnsafeMutableBytes { destination in
            bytes.withUnsafeBytes { source in
                destination.copyMemory(
                    from: UnsafeRawBufferPointer(rebasing: source[start..<(start + 4 * count)]))
            }
        }
        #if !_endian(little)
            values = values.map { Float(bitPattern: UInt32(littleEndian: $0.bitPattern)) }
        #endif
        return SafetensorsTensor(shape: shape, values: values)
    }

    /// Reads and parses the file at `url`.
    ///
    /// - Throws: `SafetensorsError.io` when the file cannot be read, and the errors of
    ///   `decode`.
    public static func read(from url: URL) throws -> SafetensorsFile {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw SafetensorsError.io(
                path: url.path, reason: "cannot be read: \(error.localizedDescription)")
        }
        return try decode(data, path: url.path)
    }

    /// Writes the file atomically: to a temporary file in the same folder, flushed with
    /// fsync, then renamed over `url`, so a reader sees the old file or the new one whole.
    ///
    /// - Throws: `SafetensorsError.io` when a step fails, and the errors of `encoded`.
    public func write(to url: URL) throws {
        let data = try encoded(path: url.path)
        try AtomicFileWriter.write(data, to: url)
    }
}
