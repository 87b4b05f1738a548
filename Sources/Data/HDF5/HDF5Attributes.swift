@preconcurrency import CHDF5

/// The value of an HDF5 attribute, converted by its type class.
public enum HDF5AttributeValue: Sendable, Equatable, CustomStringConvertible {
    /// Integers and floats, in row-major order.
    case numbers([Double])
    /// Fixed or variable-length strings.
    case strings([String])
    /// Object references, as the paths of the objects they point to.
    case references([String])
    /// A type this reader does not convert, by its class name.
    case unsupported(String)

    /// The single string of a scalar string attribute, or nil.
    public var string: String? {
        if case .strings(let values) = self, values.count == 1 { return values[0] }
        return nil
    }

    /// The value as short text: one value alone, several in brackets.
    public var description: String {
        func list(_ items: [String]) -> String {
            items.count == 1 ? items[0] : "[" + items.joined(separator: ", ") + "]"
        }
        switch self {
        case .numbers(let values): return list(values.map { HDF5AttributeValue.format($0) })
        case .strings(let values): return list(values)
        case .references(let paths): return list(paths)
        case .unsupported(let name): return "<\(name)>"
        }
    }

    static func format(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }
}

extension HDF5File {
    /// Returns the names of the attributes on the object at `objectPath`, in name order.
    public func attributeNames(of objectPath: String) throws -> [String] {
        let object = try openObject(objectPath)
        defer { H5Oclose(object) }
        let count = cs_h5o_attribute_count(object)
        guard count >= 0 else { throw failure(objectPath, "cannot count the attributes") }
        var names: [String] = []
        for index in 0..<count {
            let length = H5Aget_name_by_idx(
                object, ".", H5_INDEX_NAME, H5_ITER_INC, hsize_t(index), nil, 0,
                cs_h5p_default())
            guard length >= 0 else {
                throw failure(objectPath, "cannot read the name of attribute \(index)")
            }
            var buffer = [CChar](repeating: 0, count: Int(length) + 1)
            H5Aget_name_by_idx(
                object, ".", H5_INDEX_NAME, H5_ITER_INC, hsize_t(index), &buffer, buffer.count,
                cs_h5p_default())
            names.append(HDF5File.string(fromNulTerminated: buffer))
        }
        return names
    }

    /// Returns the attribute `name` of the object at `objectPath`, or nil when it has none.
    public func attribute(_ name: String, of objectPath: String) throws -> HDF5AttributeValue? {
        let object = try openObject(objectPath)
        defer { H5Oclose(object) }
        guard H5Aexists(object, name) > 0 else { return nil }
        let attribute = H5Aopen(object, name, cs_h5p_default())
        guard attribute >= 0 else {
            throw failure(objectPath, "attribute '\(name)' cannot be opened")
        }
        defer { H5Aclose(attribute) }
        let fileType = H5Aget_type(attribute)
        let space = H5Aget_space(attribute)
        defer {
            H5Tclose(fileType)
            H5Sclose(space)
        }
        let count = Int(H5Sget_simple_extent_npoints(space))
        let location = "\(HDF5File.normalized(objectPath))@\(name)"
        let reader = HDF5ElementReader(file: self, location: location, count: count) {
            memoryType, buffer in H5Aread(attribute, memoryType, buffer)
        }
        let type = HDF5DataType(typeID: fileType)
        switch type {
        case .integer, .float: return .numbers(try reader.doubles())
        case .enumeration(let bytes, let signed):
            return .numbers(
                try reader.enumerationCodes(fileType: fileType, bytes: bytes, signed: signed))
        case .string: return .strings(try reader.strings(fileType: fileType, memorySpace: space))
        case .objectReference: return .references(try reader.references())
        case .other(let name): return .unsupported(name)
        }
    }

    /// Returns the attribute as a single string, or nil when missing or not a scalar string.
    public func stringAttribute(_ name: String, of objectPath: String) -> String? {
        (try? attribute(name, of: objectPath))??.string
    }

    func openObject(_ objectPath: String) throws -> hid_t {
        guard exists(objectPath) else { throw failure(objectPath, "not found") }
        let object = H5Oopen(id, HDF5File.normalized(objectPath), cs_h5p_default())
        guard object >= 0 else { throw failure(objectPath, "the object cannot be opened") }
        return object
    }
}
