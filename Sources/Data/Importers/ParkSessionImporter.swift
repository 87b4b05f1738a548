import Foundation

/// Reads one imaging session in the layout of Park et al. 2024 (mouse V1, drifting gratings):
/// a MATLAB file with `D.neuron1...`, `D.speed`, `D.pupil_zscore`, `TE.direction` and `t`.
public struct ParkSessionImporter: DatasetImporter {
    public let formatName = "park2024-mat"

    public init() {}

    public func canRead(path: String) -> Bool {
        path.lowercased().hasSuffix(".mat")
    }

    public func read(path: String) throws -> [Dataset] {
        // TODO: not written yet; the importer must fill the dataset from D, TE and t.
        throw DataError.unreadable(path: path, reason: "the Park session importer is not written yet")
    }
}
