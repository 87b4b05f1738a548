import Foundation

/// A numeric array read from NumPy's `.npy` format (versions 1.0, 2.0 and 3.0), converted
/// to Double in row-major (C) order whatever the file's byte order or memory order.
///
/// Accepted dtypes: floats `f4` `f8`, signed `i1` `i2` `i4` `i8`, unsigned `u1` `u2` `u4`
/// `u8` and booleans `b1`, little- or big-endian. Object arrays (`|O`), structured arrays,
/// strings and complex numbers throw `DataError.unreadable`. Format reference: NumPy's
/// `numpy.lib.format` documentation.
public struct NPYArray: Sendable, Equatable {
    /// The extent of each dimension; empty for a 0-d (scalar) array.
    public let shape: [Int]
    /// The dtype string as the header gives it, for example `<f8` or `>i4`.
    public let dtype: String
    /// The elements in row-major order.
    public let values: [Double]

    public init(shape: [Int], dtype: String, values: [Double]) {
        self.shape = shape
        self.dtype = dtype
        self.values = values
    }

    /// Reads the `.npy` file at `path`.
    public init(path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DataError.unreadable(path: path, reason: "file not found or not readable")
        }
        try self.init(bytes: [UInt8](data), source: path)
    }

    /// Parses the bytes of a `.npy` file; `source` names it in errors (a path, or an
    /// archive path with its member).
    public init(bytes: [UInt8], source: String) throws {
        func fail(_ reason: String) -> DataError {
            .unreadable(path: source, reason: reason)
        }
        let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]
        guard bytes.count >= 10, Array(bytes[0..<6]) == magic else {
            throw fail("not a NumPy .npy file (the magic string \\x93NUMPY is missing)")
        }
        let major = bytes[6]
        let headerLength: Int
        let headerStart: Int
        switch major {
        case 1:
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
            headerStart = 10
        case 2, 3:
            guard bytes.count >= 12 else { throw fail("the header is truncated") }
            headerLength = (0..<4).reduce(0) { $0 | Int(bytes[8 + $1]) << (8 * $1) }
            headerStart = 12
        default:
            throw fail("format version \(major).\(bytes[7]) is not supported (1.0 to 3.0 are)")
        }
        guard headerStart + headerLength <= bytes.count else {
            throw fail("the header is truncated")
        }
        let header = String(
            decoding: bytes[headerStart..<(headerStart + headerLength)], as: UTF8.self)
        let parsed = try NPYHeader(text: header, source: source)
        let element = try NPYElementType(dtype: parsed.dtype, source: source)
        let dataStart = headerStart + headerLength
        var count = 1
        for extent in parsed.shape + [element.size] {
            let (product, overflow) = count.multipliedReportingOverflow(by: extent)
            guard !overflow else { throw fail("the shape \(parsed.shape) is too large") }
            count = product
        }
        let needed = count
        count /= element.size
        guard bytes.count - dataStart >= needed else {
            throw fail(
                "the data is truncated: shape \(parsed.shape) of \(parsed.dtype) needs "
                    + "\(needed) bytes but \(bytes.count - dataStart) follow the header")
        }
        var values = bytes.withUnsafeBytes { raw in
            element.decode(raw, from: dataStart, count: count)
        }
        if parsed.fortranOrder, parsed.shape.count > 1 {
            values = NPYArray.rowMajor(fromColumnMajor: values, shape: parsed.shape)
        }
        self.shape = parsed.shape
        self.dtype = parsed.dtype
        self.values = values
    }

    /// Reorders a column-major (Fortran) buffer into row-major order.
    static func rowMajor(fromColumnMajor values: [Double], shape: [Int]) -> [Double] {
        var columnStrides = [Int](repeating: 1, count: shape.count)
        for axis in 1..<shape.count {
            columnStrides[axis] = columnStrides[axis - 1] * shape[axis - 1]
        }
        var result = [Double](repeating: 0, count: values.count)
        var index = [Int](repeating: 0, count: shape.count)
        for position in 0..<values.count {
            var offset = 0
            for axis in 0..<shape.count { offset += index[axis] * columnStrides[axis] }
            result[position] = values[offset]
            var axis = shape.count - 1
            while axis >= 0 {
                index[axis] += 1
                if index[axis] < shape[axis] { break }
                index[axis] = 0
                axis -= 1
            }
        }
        return result
    }
}

/// The fields of a `.npy` header: a Python dict literal such as
/// `{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }`.
struct NPYHeader {
    let dtype: String
    let fortranOrder: Bool
    let shape: [Int]

    init(text: String, source: String) throws {
        func fail(_ reason: String) -> DataError {
            .unreadable(
                path: source, reason: "invalid .npy header \(text.debugDescription): \(reason)")
        }
        guard let descrRange = text.range(of: "'descr':") else { throw fail("no 'descr'") }
        let afterDescr = text[descrRange.upperBound...].drop { $0 == " " }
        guard afterDescr.first == "'" else {
            throw DataError.unreadable(
                path: source,
                reason: "structured arrays (dtype \(afterDescr.prefix(40))...) are not supported; "
                    + "save each field as its own array")
        }
        let descr = afterDescr.dropFirst().prefix { $0 != "'" }
        guard let orderRange = text.range(of: "'fortran_order':") else {
            throw fail("no 'fortran_order'")
        }
        let order = text[orderRange.upperBound...].drop { $0 == " " }
        guard let shapeRange = text.range(of: "'shape':") else { throw fail("no 'shape'") }
        let afterShape = text[shapeRange.upperBound...].drop { $0 == " " }
        guard afterShape.first == "(", let close = afterShape.firstIndex(of: ")") else {
            throw fail("the shape is not a tuple")
        }
        let inside = afterShape[afterShape.index(after: afterShape.startIndex)..<close]
        var shape: [Int] = []
        for part in inside.split(separator: ",") {
            let trimmed = part.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty else { continue }
            guard let extent = Int(trimmed.trimmingCharacters(in: CharacterSet(charactersIn: "L"))),
                extent >= 0
            else { throw fail("shape entry '\(trimmed)' is not a size") }
            shape.append(extent)
        }
        self.dtype = String(descr)
        self.fortranOrder = order.hasPrefix("True")
        self.shape = shape
    }
}

/// How to turn one element of a `.npy` dtype into a Double.
struct NPYElementType {
    enum Kind { case float, signed, unsigned, boolean }
    let kind: Kind
    let size: Int
    let bigEndian: Bool

    init(dtype: String, source: String) throws {
        guard dtype.count >= 2, let order = dtype.first else {
            throw DataError.unreadable(path: source, reason: "invalid dtype '\(dtype)'")
        }
        let code = dtype.dropFirst().first!
        let size = Int(dtype.dropFirst(2)) ?? 0
        switch (code, size) {
        case ("f", 4), ("f", 8): kind = .float
        case ("i", 1), ("i", 2), ("i", 4), ("i", 8): kind = .signed
        case ("u", 1), ("u", 2), ("u", 4), ("u", 8): kind = .unsigned
        case ("b", 1): kind = .boolean
        case ("O", _):
            throw DataError.unreadable(
                path: source,
                reason: "object arrays (dtype \(dtype)) hold pickled Python objects and are "
                    + "not read; save a numeric array (for example with .astype(float))")
        default:
            throw DataError.unreadable(
                path: source,
                reason: "dtype \(dtype) is not supported; use f4, f8, i1-i8, u1-u8 or b1")
        }
        self.size = size
        self.bigEndian = order == ">"
    }

    func decode(_ raw: UnsafeRawBufferPointer, from start: Int, count: Int) -> [Double] {
        [Double](unsafeUninitializedCapacity: count) { buffer, initialized in
            for index in 0..<count {
                buffer[index] = element(raw, at: start + index * size)
            }
            initialized = count
        }
    }

    private func element(_ raw: UnsafeRawBufferPointer, at offset: Int) -> Double {
        var bits: UInt64 = 0
        for byte in 0..<size {
            let value = UInt64(raw[offset + byte])
            let shift = bigEndian ? (size - 1 - byte) * 8 : byte * 8
            bits |= value << UInt64(shift)
        }
        switch kind {
        case .float:
            return size == 4
                ? Double(Float(bitPattern: UInt32(truncatingIfNeeded: bits)))
                : Double(bitPattern: bits)
        case .unsigned:
            return Double(bits)
        case .boolean:
            return bits != 0 ? 1 : 0
        case .signed:
            let shift = UInt64(64 - size * 8)
            return Double(Int64(bitPattern: bits << shift) >> Int64(shift))
        }
    }
}
