import Foundation

/// The PNG and JPEG images of one folder, decoded to grey and sorted by file name.
///
/// Files are recognised by extension (.png, .jpg, .jpeg, any case); other files, hidden
/// files and subfolders are skipped.
public struct ImageFolder: Sendable {
    /// The folder that was read.
    public let path: String
    /// File names (without the folder), in the order of `images`.
    public let names: [String]
    /// The decoded images.
    public let images: [GreyImage]

    /// Reads every PNG and JPEG file in `path`.
    ///
    /// Throws `DataError.unreadable` when the folder does not exist, contains no PNG or
    /// JPEG file, or one of its images cannot be decoded (the error names that file).
    public init(path: String) throws {
        let names = try Self.imageFileNames(in: path)
        var images: [GreyImage] = []
        for name in names {
            images.append(
                try GreyImage(contentsOf: (path as NSString).appendingPathComponent(name)))
        }
        self.path = path
        self.names = names
        self.images = images
    }

    /// Lists the names of the PNG and JPEG files in `path`, sorted.
    public static func imageFileNames(in path: String) throws -> [String] {
        let manager = FileManager.default
        var isFolder: ObjCBool = false
        guard manager.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue else {
            throw DataError.unreadable(
                path: path, reason: "folder not found; give an existing folder")
        }
        let children = try manager.contentsOfDirectory(atPath: path)
        let names = children.filter { name in
            let suffix = (name as NSString).pathExtension.lowercased()
            return !name.hasPrefix(".") && ImageFormat.extensions[suffix] != nil
        }
        guard !names.isEmpty else {
            throw DataError.unreadable(
                path: path,
                reason: "the folder contains no PNG or JPEG file (.png, .jpg, .jpeg); "
                    + "run `make images` for the scikit-image photographs or give another folder")
        }
        return names.sorted()
    }
}
