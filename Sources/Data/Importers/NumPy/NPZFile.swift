/// A NumPy `.npz` archive: a zip of `.npy` members, read by name without the `.npy` suffix.
public struct NPZFile {
    public let archive: ZipArchive

    public init(path: String) throws {
        archive = try ZipArchive(path: path)
    }

    /// The array names, in archive order (`responses` for the member `responses.npy`).
    public var names: [String] {
        archive.members.map { $0.name.hasSuffix(".npy") ? String($0.name.dropLast(4)) : $0.name }
    }

    /// Returns the array `name`. Throws when it is missing or not a readable `.npy` member.
    public func array(_ name: String) throws -> NPYArray {
        let member = name.hasSuffix(".npy") ? name : name + ".npy"
        let bytes = try archive.contents(of: member)
        return try NPYArray(bytes: bytes, source: "\(archive.path)[\(member)]")
    }
}
