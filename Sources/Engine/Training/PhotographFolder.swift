import Foundation

/// Finds the default folder of natural photographs, the scikit-image pictures that
/// `make images` fetches into `.build/images/skimage` of the checkout.
public enum PhotographFolder {
    /// The folder's path relative to the checkout.
    public static let relativePath = ".build/images/skimage"

    /// Returns the first existing folder among `$CORTEXSCOPE_IMAGES`, `.build/images/skimage`
    /// beside the executable or in one of the six folders above it (the executable of a build
    /// tree sits in `.build/debug`), and `.build/images/skimage` in the working directory.
    ///
    /// - Throws: `TrainingError.imagesNotFound` listing the places searched.
    public static func locate(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        executable: String = CommandLine.arguments.first ?? ""
    ) throws -> String {
        var candidates: [String] = []
        if let explicit = environment["CORTEXSCOPE_IMAGES"], !explicit.isEmpty {
            candidates.append(explicit)
        }
        for folder in ExecutableFolders.ancestors(of: executable, levels: 7) {
            candidates.append(folder.appendingPathComponent(relativePath).path)
        }
        candidates.append(
            URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
                .appendingPathComponent(relativePath).path)

        var isFolder: ObjCBool = false
        for candidate in candidates
        where FileManager.default.fileExists(atPath: candidate, isDirectory: &isFolder)
            && isFolder.boolValue
        {
            return candidate
        }
        throw TrainingError.imagesNotFound(searched: candidates)
    }
}
