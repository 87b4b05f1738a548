@preconcurrency import CHDF5

/// Converts the elements of one dataset selection or attribute into Swift arrays. The
/// `read` closure performs the H5Dread or H5Aread with the memory type it is given.
struct HDF5ElementReader {
    let file: HDF5File
    /// The path inside the file (with `@name` for an attribute), for messages.
    let location: String
    let count: Int
    let read: (hid_t, UnsafeMutableRawPointer) -> herr_t

    init(
        file: HDF5File, location: String, count: Int,
        read: @escaping (hid_t, UnsafeMutableRawPointer) -> herr_t
    ) {
        self.file = file
        self.location = location
        self.count = count
        self.read = read
    }

    func doubles() throws -> [Double] {
        try numbers(memoryType: cs_h5t_native_double(), as: Double.self)
    }

    /// Reads enumeration values as their integer codes. libhdf5 converts an enumeration
    /// only to another enumeration, so the read uses the native enumeration type and the
    /// bytes are decoded here.
    func enumerationCodes(fileType: hid_t, bytes: Int, signed: Bool) throws -> [Double] {
        guard count > 0 else { return [] }
        let memoryType = H5Tget_native_type(fileType, H5T_DIR_ASCEND)
        defer { H5Tclose(memoryType) }
        let size = Int(H5Tget_size(memoryType))
        var raw = [UInt8](repeating: 0, count: count * size)
        let status = raw.withUnsafeMutableBytes { read(memoryType, $0.baseAddress!) }
        guard status >= 0, size == bytes, size <= 8 else {
            throw file.failure(location, "the enumeration values cannot be read")
        }
        return (0..<count).map { index in
            var bits: UInt64 = 0
            for byte in 0..<size {
                bits |= UInt64(raw[index * size + byte]) << UInt64(8 * byte)
            }
            guard signed else { return Double(bits) }
            let shift = UInt64(64 - 8 * size)
            return Double(Int64(bitPattern: bits << shift) >> Int64(shift))
        }
    }

    func int64s() throws -> [Int64] {
        try numbers(memoryType: cs_h5t_native_int64(), as: Int64.self)
    }

    private func numbers<T: Numeric>(memoryType: hid_t, as: T.Type) throws -> [T] {
        var status: herr_t = 0
        let values = [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            if count > 0, let base = buffer.baseAddress {
                status = read(memoryType, UnsafeMutableRawPointer(base))
            }
            if status < 0 {
                for index in 0..<count { buffer[index] = 0 }
            }
            initialized = count
        }
        guard status >= 0 else {
            throw file.failure(location, "the values cannot be read or converted to numbers")
        }
        return values
    }

    /// Reads fixed or variable-length strings. The memory type copies the file's character
    /// set (ASCII or UTF-8), because libhdf5 cannot convert between the two.
    func strings(fileType: hid_t, memorySpace: hid_t) throws -> [String] {
        guard count > 0 else { return [] }
        let memoryType = H5Tcopy(fileType)
        defer { H5Tclose(memoryType) }
        H5Tset_cset(memoryType, H5Tget_cset(fileType))
        if H5Tis_variable_str(fileType) > 0 {
            return try variableLengthStrings(memoryType: memoryType, memorySpace: memorySpace)
        }
        let width = Int(H5Tget_size(fileType))
        let spacePadded = H5Tget_strpad(fileType) == H5T_STR_SPACEPAD
        var bytes = [UInt8](repeating: 0, count: count * width)
        let status = bytes.withUnsafeMutableBytes { read(memoryType, $0.baseAddress!) }
        guard status >= 0 else { throw file.failure(location, "the strings cannot be read") }
        return (0..<count).map { index in
            var slot = bytes[(index * width)..<((index + 1) * width)]
            if let end = slot.firstIndex(of: 0) { slot = slot[slot.startIndex..<end] }
            var text = String(decoding: slot, as: UTF8.self)
            if spacePadded {
                while text.hasSuffix(" ") { text.removeLast() }
            }
            return text
        }
    }

    private func variableLengthStrings(memoryType: hid_t, memorySpace: hid_t) throws
        -> [String]
    {
        var pointers = [UnsafeMutablePointer<CChar>?](repeating: nil, count: count)
        let status = pointers.withUnsafeMutableBytes { read(memoryType, $0.baseAddress!) }
        guard status >= 0 else { throw file.failure(location, "the strings cannot be read") }
        let strings = pointers.map { pointer in pointer.map { String(cString: $0) } ?? "" }
        _ = pointers.withUnsafeMutableBytes {
            cs_h5_reclaim(memoryType, memorySpace, $0.baseAddress!)
        }
        return strings
    }

    /// Reads object references and returns the path of each object they point to.
    func references() throws -> [String] {
        guard count > 0 else { return [] }
        let size = cs_h5r_object_size()
        var raw = [UInt8](repeating: 0, count: count * size)
        let status = raw.withUnsafeMutableBytes { read(cs_h5t_std_ref_obj(), $0.baseAddress!) }
        guard status >= 0 else { throw file.failure(location, "the references cannot be read") }
        var paths: [String] = []
        paths.reserveCapacity(count)
        var buffer = [CChar](repeating: 0, count: 1024)
        for index in 0..<count {
            let length = raw.withUnsafeBytes { bytes in
                cs_h5r_object_path(
                    file.id, bytes.baseAddress! + index * size, &buffer, buffer.count)
            }
            guard length >= 0 else {
                throw file.failure(location, "reference \(index) points to no object")
            }
            paths.append(HDF5File.string(fromNulTerminated: buffer))
        }
        return paths
    }
}
