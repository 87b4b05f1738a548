import Data
import Foundation
import Models

/// The kind of a file on the data path: a recording for an importer, or a model to run
/// in-silico experiments on.
///
/// The recogniser is consulted before the importers, because a MATLAB file can hold a
/// Park et al. 2024 session or the GSM parameters of Orbán et al. 2016, and only its
/// variable names tell them apart.
public enum SourceFile: Equatable, Sendable {
    /// A file or folder that an importer of `DatasetLoader` reads.
    case recording(path: String)
    /// A MATLAB file with the GSM's parameters (`GSMParameters.load(path:)`).
    case gsmParameters(path: String)
    /// A hierarchical VAE checkpoint (`.safetensors` with Cortexscope's format tag).
    case vaeCheckpoint(path: String)

    public var path: String {
        switch self {
        case .recording(let path), .gsmParameters(let path), .vaeCheckpoint(let path): path
        }
    }

    public var isModel: Bool {
        if case .recording = self { return false }
        return true
    }

    /// The variables whose presence marks a MATLAB file as GSM parameters. The loader checks
    /// the rest (`wnode`, `alpha`, `uTh`, `m`, `beta`) and names any that is missing.
    public static let gsmVariables = ["Dx", "Dy", "A", "rho", "sigmaX", "kGam", "thGam"]
    /// The top-level variables of a Park et al. 2024 session.
    public static let parkVariables = ["D", "TE", "t"]

    /// Recognises `path`, or returns nil when neither an importer nor a model reader
    /// handles it.
    ///
    /// - Throws: `SourceFileError.unrecognisedMAT` for a MATLAB file with neither the Park
    ///   nor the GSM variables, and `SourceFileError.notACheckpoint` for a `.safetensors`
    ///   file without Cortexscope's VAE format tag.
    public static func recognise(path: String) throws -> SourceFile? {
        let lowered = path.lowercased()
        if lowered.hasSuffix(".safetensors") {
            try checkCheckpointHeader(path: path)
            return .vaeCheckpoint(path: path)
        }
        if lowered.hasSuffix(".mat") {
            // A file matio cannot open goes to the importer, whose error names the problem.
            guard let names = try? MATFile(path: path).variableNames() else {
                return .recording(path: path)
            }
            let present = Set(names)
            if gsmVariables.allSatisfy(present.contains) { return .gsmParameters(path: path) }
            if parkVariables.allSatisfy(present.contains) { return .recording(path: path) }
            throw SourceFileError.unrecognisedMAT(path: path, variables: names)
        }
        return DatasetLoader.importer(for: path) == nil ? nil : .recording(path: path)
    }

    /// Expands files and folders as `DatasetLoader.discover` does, adding the
    /// `.safetensors` files found, sorted by path within each argument.
    public static func discover(_ paths: [String]) -> [String] {
        var found: [String] = []
        for path in paths {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
                continue
            }
            var here = DatasetLoader.discover([path])
            if isFolder.boolValue {
                here += checkpoints(under: path)
            } else if path.lowercased().hasSuffix(".safetensors") {
                here.append(path)
            }
            found += here.sorted()
        }
        return found
    }

    /// Lists the `.safetensors` files under `folder`, skipping hidden files and folders.
    static func checkpoints(under folder: String) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: folder) else { return [] }
        var found: [String] = []
        while let relative = enumerator.nextObject() as? String {
            let name = (relative as NSString).lastPathComponent
            if name.hasPrefix(".") {
                enumerator.skipDescendants()
                continue
            }
            if name.lowercased().hasSuffix(".safetensors") {
                found.append((folder as NSString).appendingPathComponent(relative))
            }
        }
        return found
    }

    /// Reads only the JSON header of a safetensors file and checks its format tag.
    private static func checkCheckpointHeader(path: String) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw SourceFileError.notACheckpoint(path: path, reason: "the file cannot be opened")
        }
        defer { try? handle.close() }
        let lengthBytes = (try? handle.read(upToCount: 8)) ?? Data()
        guard lengthBytes.count == 8 else {
            throw SourceFileError.notACheckpoint(path: path, reason: "it is shorter than 8 bytes")
        }
        let length = lengthBytes.enumerated().reduce(UInt64(0)) {
            $0 | UInt64($1.element) << (8 * UInt64($1.offset))
        }
        guard length > 1, length < 100_000_000 else {
            throw SourceFileError.notACheckpoint(
                path: path, reason: "its header length \(length) is not plausible")
        }
        let header = (try? handle.read(upToCount: Int(length))) ?? Data()
        let object = try? JSONSerialization.jsonObject(with: header) as? [String: Any]
        let metadata = object?["__metadata__"] as? [String: Any]
        let format = metadata?["format"] as? String
        guard format == HierarchicalVAE.checkpointFormat else {
            throw SourceFileError.notACheckpoint(
                path: path,
                reason: "its metadata format is \(format.map { "'\($0)'" } ?? "missing"), not '"
                    + HierarchicalVAE.checkpointFormat + "'")
        }
    }
}

/// A file on the data path that is neither a known recording nor a known model.
public enum SourceFileError: Error, Equatable, CustomStringConvertible, Sendable {
    case unrecognisedMAT(path: String, variables: [String])
    case notACheckpoint(path: String, reason: String)

    public var description: String {
        switch self {
        case .unrecognisedMAT(let path, let variables):
            let listed = variables.isEmpty ? "none" : variables.joined(separator: ", ")
            let park = SourceFile.parkVariables.joined(separator: ", ")
            let gsm = SourceFile.gsmVariables.joined(separator: ", ")
            return "\(path): neither a Park et al. 2024 session nor GSM parameters. Variables "
                + "found: \(listed). A session needs \(park); GSM parameters need \(gsm), "
                + "wnode, alpha, uTh, m and beta"
        case .notACheckpoint(let path, let reason):
            return "\(path): not a Cortexscope VAE checkpoint: \(reason). Write checkpoints "
                + "with the VAE training command"
        }
    }
}
