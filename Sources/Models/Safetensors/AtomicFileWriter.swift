import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Writes a file so that readers see either the old contents or the new ones, never a part.
enum AtomicFileWriter {
    /// Writes `data` to a temporary file next to `url`, fsyncs it, renames it over `url` and
    /// fsyncs the folder.
    ///
    /// - Throws: `SafetensorsError.io` naming the failing system call and errno text; the
    ///   temporary file is removed on failure.
    static func write(_ data: Data, to url: URL) throws {
        let folder = url.deletingLastPathComponent().path
        let temporary =
            folder + "/." + url.lastPathComponent
            + ".\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw SafetensorsError.io(
                path: url.path, reason: "cannot create \(temporary): \(errnoText())")
        }

        var failure: String?
        data.withUnsafeBytes { raw in
            var written = 0
            while written < raw.count, let base = raw.baseAddress {
                let result = Glibc.write(descriptor, base + written, raw.count - written)
                if result < 0 {
                    if errno == EINTR { continue }
                    failure = "write failed: \(errnoText())"
                    return
                }
                written += result
            }
        }

        if failure == nil, fsync(descriptor) != 0 { failure = "fsync failed: \(errnoText())" }
        if close(descriptor) != 0, failure == nil { failure = "close failed: \(errnoText())" }
        if failure == nil, rename(temporary, url.path) != 0 {
            failure = "rename from \(temporary) failed: \(errnoText())"
        }
        if let failure {
            unlink(temporary)
            throw SafetensorsError.io(path: url.path, reason: failure)
        }

        let folderDescriptor = open(
            folder.isEmpty ? "." : folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folderDescriptor >= 0 {
            _ = fsync(folderDescriptor)
            close(folderDescriptor)
        }
    }

    private static func errnoText() -> String {
        String(cString: strerror(errno))
    }
}
