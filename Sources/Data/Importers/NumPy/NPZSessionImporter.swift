import Foundation

/// Reads a session stored as one NumPy `.npz` archive (layout in docs/formats.md): the
/// member `responses` (units x trials [x samples]), optional `times` (s, one per sample) and
/// `unit_ids`, and any 1-D member with one value per trial as a trial variable
/// (`directions`, `contrast`, `running_speed` ...). Other members are listed in warnings.
public struct NPZSessionImporter: DatasetImporter {
    public let formatName = "npz"

    public init() {}

    /// True for files ending in `.npz`.
    public func canRead(path: String) -> Bool {
        path.lowercased().hasSuffix(".npz")
    }

    public func read(path: String) throws -> [Dataset] {
        let archive = try NPZFile(path: path)
        guard archive.names.contains("responses") else {
            throw DataError.unknownLayout(
                path: path, found: archive.names,
                expected: "a member 'responses' (units x trials [x samples])")
        }
        let responses = try archive.array("responses")
        var session = ArraySession(responses: responses)
        let trials = responses.shape.count >= 2 ? responses.shape[1] : 0
        for name in archive.names where name != "responses" {
            let array = try archive.array(name)
            switch name {
            case "times":
                session.sampleTimes = array.values
            case "unit_ids", "units":
                session.unitIDs = array.values.map { HDF5AttributeValue.format($0) }
            default:
                if array.shape == [trials] {
                    session.trialColumns.append((name, .numeric(array.values)))
                } else {
                    session.warnings.append(
                        "member '\(name)' with shape \(array.shape) skipped: not one value "
                            + "per trial")
                }
            }
        }
        let name = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        return [
            try session.dataset(
                name: name, origin: .recorded(path: path, format: formatName), source: path)
        ]
    }
}
