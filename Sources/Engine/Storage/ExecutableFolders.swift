import Foundation

/// Folders above the running executable, where a build tree keeps files the program reads
/// at run time: `.build/release/cortexscope` finds the checkout's `assets/` and
/// `.build/images/` by walking up from its own folder.
public enum ExecutableFolders {
    /// Returns the executable's folder (symbolic links resolved) and the `levels - 1`
    /// folders above it, nearest first.
    public static func ancestors(of executable: String, levels: Int) -> [URL] {
        var folder = URL(fileURLWithPath: executable).resolvingSymlinksInPath()
            .deletingLastPathComponent()
        var folders: [URL] = []
        for _ in 0..<levels {
            folders.append(folder)
            folder = folder.deletingLastPathComponent()
        }
        return folders
    }
}
