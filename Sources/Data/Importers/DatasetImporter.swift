import Foundation

/// A reader for one file format or folder layout. Each format lives in its own file and is
/// listed once in `DatasetLoader.importers`.
public protocol DatasetImporter: Sendable {
    /// A short name for messages and `Dataset.Origin` (for example "park2024-mat").
    var formatName: String { get }

    /// Returns true when this importer should read `path`, judged by its extension, its
    /// first bytes or, for a folder layout, the files inside it. Must be cheap.
    func canRead(path: String) -> Bool

    /// Reads every session in `path`. Throws a `DataError` naming the path and the fix when
    /// the file cannot be read; problems that spare the rest go into `Dataset.warnings`.
    func read(path: String) throws -> [Dataset]
}

/// Finds dataset files under folders and reads them with the matching importer.
public enum DatasetLoader {
    /// Every importer, asked in order; the first whose `canRead` is true reads the path.
    public static let importers: [any DatasetImporter] = [
        ParkSessionImporter(),
        NWBImporter(),
        NumPyFolderImporter(),
        NPZSessionImporter(),
        LongTableCSVImporter(),
    ]

    /// The importer for `path`, or nil when no importer recognises it.
    public static func importer(for path: String) -> (any DatasetImporter)? {
        importers.first { $0.canRead(path: path) }
    }

    /// Expands files and folders into the paths an importer can read, sorted by name.
    /// A folder that an importer reads as a whole (a folder layout) is kept as one path;
    /// any other folder is searched recursively. Hidden files are skipped.
    public static func discover(_ paths: [String]) -> [String] {
        var found: [String] = []
        let manager = FileManager.default
        for path in paths {
            var isFolder: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isFolder) else { continue }
            if !isFolder.boolValue || importer(for: path) != nil {
                if importer(for: path) != nil { found.append(path) }
                continue
            }
            let children = (try? manager.contentsOfDirectory(atPath: path)) ?? []
            let visible = children.filter { !$0.hasPrefix(".") }.sorted()
            found += discover(visible.map { (path as NSString).appendingPathComponent($0) })
        }
        return found
    }

    /// Reads one path with its importer.
    public static func load(path: String) throws -> [Dataset] {
        guard let importer = importer(for: path) else {
            throw DataError.unreadable(
                path: path,
                reason: "no importer recognises this file; supported are "
                    + importers.map(\.formatName).joined(separator: ", "))
        }
        return try importer.read(path: path)
    }
}
