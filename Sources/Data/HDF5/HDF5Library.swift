import Foundation

/// A process-wide lock around libhdf5.
///
/// Debian's `libhdf5-dev` is the serial build, which is not thread-safe: two threads inside
/// libhdf5 at once can corrupt its state. Code that opens, reads or closes HDF5 objects from
/// more than one thread runs that work inside `serialized`.
public enum HDF5Library {
    private static let lock = NSLock()

    /// Runs `body` while no other `serialized` call runs. Not reentrant: `body` must not
    /// call `serialized` again.
    public static func serialized<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }
}
