import Data

/// An `HDF5Tree` whose every use, and its closing, runs under `HDF5Library`'s lock, so the
/// tree screen can read a file while loading jobs read others.
final class SerializedHDF5Tree {
    private var tree: HDF5Tree?
    let path: String

    /// Opens the file at `path`; throws `DataError.unreadable` when it is not HDF5.
    init(path: String) throws {
        self.path = path
        tree = try HDF5Library.serialized { try HDF5Tree(path: path) }
    }

    deinit {
        HDF5Library.serialized { tree = nil }
    }

    /// Runs `body` with the tree while holding the library lock.
    func use<T>(_ body: (HDF5Tree) throws -> T) throws -> T {
        try HDF5Library.serialized {
            guard let tree else { throw DataError.unreadable(path: path, reason: "closed") }
            return try body(tree)
        }
    }
}
