@preconcurrency import CHDF5

/// One open HDF5 dataset: its element type, shape, storage layout and values.
///
/// Chunked and gzip-compressed datasets read like contiguous ones, because libhdf5 applies
/// the filters. Values come back in row-major (C) order, the order h5py uses.
public final class HDF5Dataset {
    /// The path inside the file.
    public let path: String
    public let dataType: HDF5DataType
    /// The extent of each dimension; empty for a scalar.
    public let shape: [Int]
    let file: HDF5File
    let id: hid_t
    let fileType: hid_t

    init(file: HDF5File, id: hid_t, path: String) throws {
        self.file = file
        self.id = id
        self.path = path
        fileType = H5Dget_type(id)
        dataType = HDF5DataType(typeID: fileType)
        let space = H5Dget_space(id)
        defer { H5Sclose(space) }
        let rank = Int(H5Sget_simple_extent_ndims(space))
        var dims = [hsize_t](repeating: 0, count: max(rank, 0))
        if rank > 0 { H5Sget_simple_extent_dims(space, &dims, nil) }
        shape = dims.map { Int($0) }
        guard rank >= 0 else {
            H5Tclose(fileType)
            H5Dclose(id)
            throw file.failure(path, "the dataspace cannot be read")
        }
    }

    deinit {
        H5Tclose(fileType)
        H5Dclose(id)
    }

    /// The number of elements (1 for a scalar).
    public var elementCount: Int { shape.reduce(1, *) }

    /// The chunk shape when the dataset is chunked, else nil.
    public var chunkShape: [Int]? {
        let plist = H5Dget_create_plist(id)
        defer { H5Pclose(plist) }
        guard H5Pget_layout(plist) == H5D_CHUNKED else { return nil }
        var dims = [hsize_t](repeating: 0, count: max(shape.count, 1))
        let rank = H5Pget_chunk(plist, Int32(dims.count), &dims)
        return rank > 0 ? dims.prefix(Int(rank)).map { Int($0) } : nil
    }

    /// The names of the filters applied to the stored data (for example `deflate`).
    public var filters: [String] {
        let plist = H5Dget_create_plist(id)
        defer { H5Pclose(plist) }
        let count = H5Pget_nfilters(plist)
        guard count > 0 else { return [] }
        return (0..<count).map { index in
            var flags: UInt32 = 0
            var elements = 0
            var name = [CChar](repeating: 0, count: 64)
            var config: UInt32 = 0
            let filter = H5Pget_filter2(
                plist, UInt32(index), &flags, &elements, nil, name.count, &name, &config)
            switch filter {
            case H5Z_FILTER_DEFLATE: return "gzip"
            case H5Z_FILTER_SHUFFLE: return "shuffle"
            case H5Z_FILTER_FLETCHER32: return "fletcher32"
            default: return HDF5File.string(fromNulTerminated: name)
            }
        }
    }

    /// Reads every element as Double. Throws when the type is not numeric.
    public func readDoubles() throws -> [Double] {
        try readDoubles(from: reader(rows: nil))
    }

    /// Reads every element as Int64. Floats are converted by libhdf5 (truncated toward zero).
    public func readInt64s() throws -> [Int64] {
        try requireNumeric()
        if case .enumeration = dataType { return try readDoubles().map { Int64($0) } }
        return try reader(rows: nil).int64s()
    }

    private func readDoubles(from reader: HDF5ElementReader) throws -> [Double] {
        try requireNumeric()
        if case .enumeration(let bytes, let signed) = dataType {
            return try reader.enumerationCodes(fileType: fileType, bytes: bytes, signed: signed)
        }
        return try reader.doubles()
    }

    /// Reads every element as a string. Throws when the type is not a string type.
    public func readStrings() throws -> [String] {
        guard dataType.isString else {
            throw file.failure(path, "expected strings but the dataset contains \(dataType)")
        }
        return try withSelection(rows: nil) { reader, memorySpace in
            try reader.strings(fileType: fileType, memorySpace: memorySpace)
        }
    }

    /// Reads every element as the path of the object it references.
    public func readReferences() throws -> [String] {
        guard dataType == .objectReference else {
            throw file.failure(path, "expected object references but found \(dataType)")
        }
        return try reader(rows: nil).references()
    }

    /// Returns the elements of rows `rows` of the first dimension (all of the other dimensions) as
    /// Double, read with a hyperslab selection so only those rows leave the disk.
    public func readDoubles(rows: Range<Int>) throws -> [Double] {
        try readDoubles(from: reader(rows: rows))
    }

    /// Returns the elements of rows `rows` of the first dimension as strings.
    public func readStrings(rows: Range<Int>) throws -> [String] {
        guard dataType.isString else {
            throw file.failure(path, "expected strings but the dataset contains \(dataType)")
        }
        return try withSelection(rows: rows) { reader, memorySpace in
            try reader.strings(fileType: fileType, memorySpace: memorySpace)
        }
    }

    private func requireNumeric() throws {
        guard dataType.isNumeric else {
            throw file.failure(path, "expected numbers but the dataset contains \(dataType)")
        }
    }

    private func reader(rows: Range<Int>?) throws -> HDF5ElementReader {
        // The selection's spaces must outlive the read, so numeric reads copy them into the
        // closure and close them when the reader is released.
        let (memorySpace, fileSpace, count) = try selection(rows: rows)
        let spaces = HDF5SpacePair(memory: memorySpace, file: fileSpace)
        return HDF5ElementReader(file: file, location: path, count: count) {
            [id] memoryType, buffer in
            H5Dread(id, memoryType, spaces.memory, spaces.file, cs_h5p_default(), buffer)
        }
    }

    private func withSelection<T>(
        rows: Range<Int>?, _ body: (HDF5ElementReader, hid_t) throws -> T
    ) throws -> T {
        let (memorySpace, fileSpace, count) = try selection(rows: rows)
        let spaces = HDF5SpacePair(memory: memorySpace, file: fileSpace)
        let reader = HDF5ElementReader(file: file, location: path, count: count) {
            [id] memoryType, buffer in
            H5Dread(id, memoryType, spaces.memory, spaces.file, cs_h5p_default(), buffer)
        }
        return try body(reader, spaces.memory)
    }

    /// Returns the memory and file dataspaces for all elements, or for a range of rows.
    private func selection(rows: Range<Int>?) throws -> (hid_t, hid_t, Int) {
        let fileSpace = H5Dget_space(id)
        guard let rows else {
            return (H5Scopy(fileSpace), fileSpace, elementCount)
        }
        guard let first = shape.first, rows.lowerBound >= 0, rows.upperBound <= first else {
            H5Sclose(fileSpace)
            throw file.failure(
                path, "rows \(rows) are outside the dataset's shape \(shape)")
        }
        var start = [hsize_t](repeating: 0, count: shape.count)
        var count = shape.map { hsize_t($0) }
        start[0] = hsize_t(rows.lowerBound)
        count[0] = hsize_t(rows.count)
        H5Sselect_hyperslab(fileSpace, H5S_SELECT_SET, start, nil, count, nil)
        let memorySpace = H5Screate_simple(Int32(count.count), count, nil)
        return (memorySpace, fileSpace, count.reduce(1) { $0 * Int($1) })
    }
}

/// A memory and a file dataspace closed together when the last read using them is done.
final class HDF5SpacePair: @unchecked Sendable {
    let memory: hid_t
    let file: hid_t

    init(memory: hid_t, file: hid_t) {
        self.memory = memory
        self.file = file
    }

    deinit {
        H5Sclose(memory)
        H5Sclose(file)
    }
}
