import Foundation

/// Writes files so that a reader sees either the old content or the new, never a part:
/// the bytes go to a temporary file in the same folder, which is flushed to disk and then
/// renamed over the target (rename(2) is atomic within one file system).
public enum AtomicFile {
    public static func write(_ data: Data, to path: String) throws {
        let folder = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        let temporary = ((folder.isEmpty ? "." : folder) as NSString)
            .appendingPathComponent(".\(name).\(getpid()).tmp")

        guard FileManager.default.createFile(atPath: temporary, contents: nil) else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: temporary])
        }
        do {
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: temporary))
            try handle.write(contentsOf: data)
            try handle.synchronize()
            try handle.close()
            guard rename(temporary, path) == 0 else {
                throw CocoaError(.fileWriteUnknown, userInfo: [
                    NSFilePathErrorKey: path,
                    NSLocalizedDescriptionKey: String(cString: strerror(errno)),
                ])
            }
        } catch {
            unlink(temporary)
            throw error
        }
    }
}
