@preconcurrency import CMatio
import Foundation

/// A MATLAB variable converted to Swift values. Numeric arrays keep MATLAB's column-major
/// order: element `(i, j)` of a 2-D array is `values[i + j * dims[0]]`.
public indirect enum MATValue: Sendable, Equatable {
    /// Any real numeric or logical class, converted to Double.
    case numeric(dims: [Int], values: [Double])
    /// A character array, as a string.
    case text(String)
    /// A cell array, elements in column-major order.
    case cell(dims: [Int], elements: [MATValue])
    /// A struct array: field names in file order, one dictionary per element.
    case structure(dims: [Int], fieldNames: [String], elements: [[String: MATValue]])
    /// A class this reader does not convert (sparse, complex, objects, function handles).
    case unsupported(className: String)

    /// The field of a 1x1 struct, or nil.
    public subscript(field: String) -> MATValue? {
        if case .structure(_, _, let elements) = self, elements.count == 1 {
            return elements[0][field]
        }
        return nil
    }

    /// The numbers of a numeric array, or nil for any other class.
    public var numbers: [Double]? {
        if case .numeric(_, let values) = self { return values }
        return nil
    }

    /// The single number of a 1x1 numeric array, or nil.
    public var scalar: Double? {
        if case .numeric(_, let values) = self, values.count == 1 { return values[0] }
        return nil
    }

    public var dims: [Int] {
        switch self {
        case .numeric(let dims, _), .cell(let dims, _), .structure(let dims, _, _): dims
        case .text(let string): [1, string.count]
        case .unsupported: []
        }
    }

    /// MATLAB's name for the value's class, for messages.
    public var className: String {
        switch self {
        case .numeric: "double"
        case .text: "char"
        case .cell: "cell"
        case .structure: "struct"
        case .unsupported(let name): name
        }
    }
}

/// A MATLAB `.mat` file opened through libmatio: level 4, level 5 (with zlib-compressed
/// elements) and 7.3 (HDF5) files.
public final class MATFile {
    public let path: String
    private let handle: OpaquePointer

    /// Opens the file read-only. Throws `DataError.unreadable` when libmatio cannot open it.
    public init(path: String) throws {
        MATFile.silenceLibraryLog()
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw DataError.unreadable(path: path, reason: "file not found or not readable")
        }
        guard let handle = Mat_Open(path, Int32(MAT_ACC_RDONLY.rawValue)) else {
            throw DataError.unreadable(
                path: path, reason: "not a MATLAB .mat file, or its header is damaged")
        }
        self.path = path
        self.handle = handle
    }

    deinit {
        Mat_Close(handle)
    }

    /// The names of the top-level variables, in file order.
    public func variableNames() -> [String] {
        var names: [String] = []
        Mat_Rewind(handle)
        while let info = Mat_VarReadNextInfo(handle) {
            if let name = info.pointee.name { names.append(String(cString: name)) }
            Mat_VarFree(info)
        }
        Mat_Rewind(handle)
        return names
    }

    /// Reads and converts one top-level variable. Throws when it is absent or its data cannot
    /// be read (a truncated or corrupt file).
    public func read(_ name: String) throws -> MATValue {
        Mat_Rewind(handle)
        guard let variable = Mat_VarRead(handle, name) else {
            let known = variableNames()
            if known.contains(name) {
                throw DataError.unreadable(
                    path: path, reason: "variable '\(name)' is damaged or truncated")
            }
            throw DataError.unknownLayout(
                path: path, found: known, expected: "a variable named '\(name)'")
        }
        defer { Mat_VarFree(variable) }
        return try convert(variable, name: name)
    }

    /// Reads and converts every top-level variable in one pass over the file, in file order.
    ///
    /// Reading a compressed variable inflates it, and `read(_:)` and `variableNames()` each
    /// scan from the start of the file, so one pass is several times faster for files with
    /// several large variables. libmatio stops at the first element it cannot read, so a
    /// damaged file returns fewer variables; compare with `checkComplete()`.
    public func readAllVariables() throws -> [(name: String, value: MATValue)] {
        var variables: [(name: String, value: MATValue)] = []
        Mat_Rewind(handle)
        defer { Mat_Rewind(handle) }
        while let variable = Mat_VarReadNext(handle) {
            defer { Mat_VarFree(variable) }
            let name = variable.pointee.name.map { String(cString: $0) } ?? ""
            variables.append((name, try convert(variable, name: name)))
        }
        return variables
    }

    private func convert(_ variable: UnsafeMutablePointer<matvar_t>, name: String) throws
        -> MATValue
    {
        let v = variable.pointee
        let dims = (0..<Int(v.rank)).map { Int(v.dims[$0]) }
        let count = dims.reduce(1, *)

        switch v.class_type {
        case MAT_C_STRUCT:
            return try convertStruct(variable, dims: dims, count: count, name: name)
        case MAT_C_CELL:
            var elements: [MATValue] = []
            elements.reserveCapacity(count)
            for index in 0..<count {
                guard let element = Mat_VarGetCell(variable, Int32(index)) else {
                    throw DataError.unreadable(
                        path: path, reason: "cell \(index + 1) of '\(name)' could not be read")
                }
                elements.append(try convert(element, name: "\(name){\(index + 1)}"))
            }
            return .cell(dims: dims, elements: elements)
        case MAT_C_CHAR:
            return .text(decodeText(v, count: count))
        case MAT_C_EMPTY:
            return .numeric(dims: dims, values: [])
        case MAT_C_SPARSE:
            return .unsupported(className: "sparse")
        default:
            if v.isComplex != 0 { return .unsupported(className: "complex") }
            guard let values = decodeNumbers(v, count: count) else {
                if count > 0 && v.data == nil {
                    throw DataError.unreadable(
                        path: path, reason: "the data of '\(name)' is missing or truncated")
                }
                return .unsupported(className: "class \(v.class_type.rawValue)")
            }
            return .numeric(dims: dims, values: values)
        }
    }

    private func convertStruct(
        _ variable: UnsafeMutablePointer<matvar_t>, dims: [Int], count: Int, name: String
    ) throws -> MATValue {
        let fieldCount = Int(Mat_VarGetNumberOfFields(variable))
        var fieldNames: [String] = []
        if let names = Mat_VarGetStructFieldnames(variable) {
            for index in 0..<fieldCount {
                if let field = names[index] { fieldNames.append(String(cString: field)) }
            }
        }
        var elements: [[String: MATValue]] = []
        for element in 0..<count {
            var fields: [String: MATValue] = [:]
            for (fieldIndex, field) in fieldNames.enumerated() {
                let linear = element * fieldCount + fieldIndex
                guard let fields_ = variable.pointee.data?.assumingMemoryBound(
                    to: UnsafeMutablePointer<matvar_t>?.self),
                    let value = fields_[linear]
                else {
                    throw DataError.unreadable(
                        path: path, reason: "field '\(field)' of '\(name)' could not be read")
                }
                fields[field] = try convert(value, name: "\(name).\(field)")
            }
            elements.append(fields)
        }
        return .structure(dims: dims, fieldNames: fieldNames, elements: elements)
    }

    private func decodeNumbers(_ v: matvar_t, count: Int) -> [Double]? {
        guard count > 0 else { return [] }
        guard let data = v.data else { return nil }
        func load<T>(_ type: T.Type, _ convert: (T) -> Double) -> [Double] {
            let typed = data.assumingMemoryBound(to: T.self)
            return (0..<count).map { convert(typed[$0]) }
        }
        switch v.data_type {
        case MAT_T_DOUBLE: return load(Double.self) { $0 }
        case MAT_T_SINGLE: return load(Float.self) { Double($0) }
        case MAT_T_INT8: return load(Int8.self) { Double($0) }
        case MAT_T_UINT8: return load(UInt8.self) { Double($0) }
        case MAT_T_INT16: return load(Int16.self) { Double($0) }
        case MAT_T_UINT16: return load(UInt16.self) { Double($0) }
        case MAT_T_INT32: return load(Int32.self) { Double($0) }
        case MAT_T_UINT32: return load(UInt32.self) { Double($0) }
        case MAT_T_INT64: return load(Int64.self) { Double($0) }
        case MAT_T_UINT64: return load(UInt64.self) { Double($0) }
        default: return nil
        }
    }

    private func decodeText(_ v: matvar_t, count: Int) -> String {
        guard count > 0, let data = v.data else { return "" }
        switch v.data_type {
        case MAT_T_UINT16, MAT_T_UTF16:
            let units = data.assumingMemoryBound(to: UInt16.self)
            return String(decoding: UnsafeBufferPointer(start: units, count: count), as: UTF16.self)
        default:
            let bytes = data.assumingMemoryBound(to: UInt8.self)
            return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
        }
    }

    /// Routes libmatio's own messages nowhere, because it would print them over the screen.
    /// Callers turn failures into `DataError`s with the file name instead.
    private static let logSilenced: Bool = {
        Mat_LogInitFunc("cortexscope", { _, _ in })
        return true
    }()

    private static func silenceLibraryLog() {
        _ = logSilenced
    }
}
