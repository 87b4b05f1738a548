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
    /// any other folder is searched recursively. Hidden files are skipped, and so are
    /// FIFOs, sockets and devices, which would block a reader. A folder reached twice
    /// through symbolic links is searched once, so a link loop cannot repeat sessions.
    public static func discover(_ paths: [String]) -> [String] {
        var visitedFolders = Set<String>()
        var found: [String] = []
        for path in paths {
            discover(path, into: &found, visitedFolders: &visitedFolders)
        }
        return found
    }

    private static func discover(
        _ path: String, into found: inout [String], visitedFolders: inout Set<String>
    ) {
        let manager = FileManager.default
        var isFolder: ObjCBool = false
        guard manager.fileExists(atPath: path, isDirectory: &isFolder) else { return }
        if !isFolder.boolValue {
            if isRegularFile(path) && importer(for: path) != nil { found.append(path) }
            return
        }
        let canonical = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        guard visitedFolders.insert(canonical).inserted else { return }
        if importer(for: path) != nil {
            found.append(path)
            return
        }
        let children = (try? manager.contentsOfDirectory(atPath: path)) ?? []
        for child in children.filter({ !$0.hasPrefix(".") }).sorted() {
            discover((path as NSString).appendingPathComponent(child), into: &found,
                     visitedFolders: &visitedFolders)
        }
    }

    /// Returns true for a regular file, following symbolic links.
    static func isRegularFile(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFREG
    }

    /// Reads one path with its importer.
    public static func load(path: String) throws -> [Dataset] {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder),
            !isFolder.boolValue, !isRegularFile(path)
        {
            throw DataError.unreadable(
                path: path, reason: "not a regular file (a FIFO, socket or device)")
        }
        guard let importer = importer(for: path) else {
            throw DataError.unreadable(
                path: path,
                reason: "no importer recognises this file; supported are "
                    + importers.map(\.formatName).joined(separator: ", "))
        }
        return try importer.read(path: path)
    }
}
