@preconcurrency import CHDF5

/// The element type of an HDF5 dataset or attribute, reduced to what the importers read.
public enum HDF5DataType: Sendable, Equatable, CustomStringConvertible {
    /// An integer of `bytes` bytes.
    case integer(bytes: Int, signed: Bool)
    /// An IEEE float of `bytes` bytes.
    case float(bytes: Int)
    /// A string, of fixed length (`bytes` each) or variable length, ASCII or UTF-8.
    case string(variableLength: Bool, bytes: Int, utf8: Bool)
    /// An enumeration over an integer base type. h5py stores numpy booleans this way
    /// (FALSE = 0, TRUE = 1); values read as the base integers.
    case enumeration(bytes: Int, signed: Bool)
    /// An object reference (NWB uses them for links between tables and series).
    case objectReference
    /// Any other class (compound, enum, opaque, array, region reference), by HDF5's name.
    case other(String)

    /// A numpy-like name: `int64`, `uint8`, `float32`, `str`, `S16`, `ref`.
    public var description: String {
        switch self {
        case .integer(let bytes, let signed): return "\(signed ? "" : "u")int\(bytes * 8)"
        case .float(let bytes): return "float\(bytes * 8)"
        case .enumeration(let bytes, let signed):
            return "enum (\(signed ? "" : "u")int\(bytes * 8))"
        case .string(let variable, let bytes, let utf8):
            if variable { return utf8 ? "str (utf-8)" : "str (ascii)" }
            return utf8 ? "U\(bytes) (utf-8)" : "S\(bytes)"
        case .objectReference: return "object reference"
        case .other(let name): return name
        }
    }

    /// True for integers and floats, which read as `[Double]`.
    public var isNumeric: Bool {
        switch self {
        case .integer, .float, .enumeration: return true
        default: return false
        }
    }

    /// True for fixed and variable-length strings, which read as `[String]`.
    public var isString: Bool {
        if case .string = self { return true }
        return false
    }

    /// Classifies an open HDF5 type id.
    init(typeID: hid_t) {
        let size = Int(H5Tget_size(typeID))
        switch H5Tget_class(typeID) {
        case H5T_INTEGER:
            self = .integer(bytes: size, signed: H5Tget_sign(typeID) != H5T_SGN_NONE)
        case H5T_FLOAT:
            self = .float(bytes: size)
        case H5T_STRING:
            self = .string(
                variableLength: H5Tis_variable_str(typeID) > 0, bytes: size,
                utf8: H5Tget_cset(typeID) == H5T_CSET_UTF8)
        case H5T_REFERENCE:
            self = H5Tequal(typeID, cs_h5t_std_ref_obj()) > 0
                ? .objectReference : .other("region reference")
        case H5T_COMPOUND: self = .other("compound")
        case H5T_ENUM:
            let base = H5Tget_super(typeID)
            defer { H5Tclose(base) }
            if base >= 0, H5Tget_class(base) == H5T_INTEGER {
                self = .enumeration(
                    bytes: Int(H5Tget_size(base)), signed: H5Tget_sign(base) != H5T_SGN_NONE)
            } else {
                self = .other("enum")
            }
        case H5T_ARRAY: self = .other("array")
        case H5T_VLEN: self = .other("vlen sequence")
        case H5T_OPAQUE: self = .other("opaque")
        case H5T_BITFIELD: self = .other("bitfield")
        default: self = .other("unknown")
        }
    }
}
