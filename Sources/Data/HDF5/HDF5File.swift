@preconcurrency import CHDF5
import Foundation

/// An HDF5 file opened read-only through libhdf5: groups, datasets and attributes by path.
///
/// Paths inside the file are absolute (`/units/spike_times`); a leading slash is optional.
/// Every failure throws `DataError.unreadable` whose reason starts with the path inside the
/// file. libhdf5 is not thread-safe in Debian's serial build: use one file from one thread.
public final class HDF5File {
    /// The file's path on disk.
    public let path: String
    let id: hid_t

    /// The kind of object a path names.
    public enum ObjectKind: String, Sendable, Equatable {
        case group
        case dataset
        case namedDatatype = "named datatype"
    }

    /// Opens `path` read-only and turns off HDF5's own error printing.
    ///
    /// Throws `DataError.unreadable` when the file is missing, is not HDF5 or is damaged
    /// (a truncated file fails here, because its superblock names an end beyond the data).
    public init(path: String) throws {
        cs_h5_silence_errors()
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw DataError.unreadable(path: path, reason: "file not found or not readable")
        }
        guard H5Fis_hdf5(path) > 0 else {
            throw DataError.unreadable(
                path: path, reason: "not an HDF5 file (no HDF5 signature found)")
        }
        let id = H5Fopen(path, cs_h5f_acc_rdonly(), cs_h5p_default())
        guard id >= 0 else {
            throw DataError.unreadable(
                path: path,
                reason: "libhdf5 cannot open it; the file may be truncated or damaged")
        }
        self.path = path
        self.id = id
    }

    deinit {
        H5Fclose(id)
    }

    /// Returns the error for a failure at `objectPath` inside this file.
    func failure(_ objectPath: String, _ reason: String) -> DataError {
        .unreadable(path: path, reason: "\(HDF5File.normalized(objectPath)): \(reason)")
    }

    /// `path` with exactly one leading slash and no trailing slash.
    static func normalized(_ path: String) -> String {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        return "/" + parts.joined(separator: "/")
    }

    /// `name` appended to the group path `parent`.
    public static func join(_ parent: String, _ name: String) -> String {
        normalized(parent + "/" + name)
    }

    /// True when every link along `objectPath` exists and the last one resolves to an object.
    public func exists(_ objectPath: String) -> Bool {
        let parts = HDF5File.normalized(objectPath).split(separator: "/")
        var prefix = ""
        for part in parts {
            prefix += "/" + part
            guard H5Lexists(id, prefix, cs_h5p_default()) > 0 else { return false }
        }
        return H5Oexists_by_name(id, parts.isEmpty ? "/" : prefix, cs_h5p_default()) > 0
    }

    /// Returns the kind of object at `objectPath`, or nil when nothing is there.
    public func kind(of objectPath: String) -> ObjectKind? {
        guard exists(objectPath) else { return nil }
        let object = H5Oopen(id, HDF5File.normalized(objectPath), cs_h5p_default())
        guard object >= 0 else { return nil }
        defer { H5Oclose(object) }
        switch H5Iget_type(object) {
        case H5I_GROUP: return .group
        case H5I_DATASET: return .dataset
        case H5I_DATATYPE: return .namedDatatype
        default: return nil
        }
    }

    /// Returns the names of the links in the group at `groupPath`, in name order.
    public func children(of groupPath: String) throws -> [String] {
        let group = try openGroup(groupPath)
        defer { H5Gclose(group) }
        var info = H5G_info_t()
        guard H5Gget_info(group, &info) >= 0 else {
            throw failure(groupPath, "cannot list the group's members")
        }
        var names: [String] = []
        for index in 0..<info.nlinks {
            let length = H5Lget_name_by_idx(
                group, ".", H5_INDEX_NAME, H5_ITER_INC, index, nil, 0, cs_h5p_default())
            guard length >= 0 else { throw failure(groupPath, "cannot read member \(index)") }
            var buffer = [CChar](repeating: 0, count: Int(length) + 1)
            H5Lget_name_by_idx(
                group, ".", H5_INDEX_NAME, H5_ITER_INC, index, &buffer, buffer.count,
                cs_h5p_default())
            names.append(HDF5File.string(fromNulTerminated: buffer))
        }
        return names
    }

    /// Opens the dataset at `objectPath`.
    public func dataset(_ objectPath: String) throws -> HDF5Dataset {
        guard kind(of: objectPath) == .dataset else {
            let found = kind(of: objectPath).map { "a \($0.rawValue)" } ?? "nothing"
            throw failure(objectPath, "expected a dataset but found \(found)")
        }
        let dataset = H5Dopen2(id, HDF5File.normalized(objectPath), cs_h5p_default())
        guard dataset >= 0 else { throw failure(objectPath, "the dataset cannot be opened") }
        return try HDF5Dataset(file: self, id: dataset, path: HDF5File.normalized(objectPath))
    }

    func openGroup(_ groupPath: String) throws -> hid_t {
        guard kind(of: groupPath) == .group else {
            let found = kind(of: groupPath).map { "a \($0.rawValue)" } ?? "nothing"
            throw failure(groupPath, "expected a group but found \(found)")
        }
        let group = H5Gopen2(id, HDF5File.normalized(groupPath), cs_h5p_default())
        guard group >= 0 else { throw failure(groupPath, "the group cannot be opened") }
        return group
    }

    static func string(fromNulTerminated buffer: [CChar]) -> String {
        let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }
}
