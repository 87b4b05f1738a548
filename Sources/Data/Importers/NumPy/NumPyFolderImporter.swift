import Foundation

/// Reads a session stored as a folder of arrays (layout in docs/formats.md):
///
/// - `responses.npy` (required): units x trials, or units x trials x samples;
/// - `trials.csv`: one row per trial, one column per stimulus or behaviour variable;
/// - `times.npy`: the sample times in seconds, one per sample;
/// - `units.csv`: unit ids, from its `unit_id` or `id` column, else its first column.
public struct NumPyFolderImporter: DatasetImporter {
    public let formatName = "numpy-folder"

    public init() {}

    /// True for a folder that contains `responses.npy`.
    public func canRead(path: String) -> Bool {
        var isFolder: ObjCBool = false
        let responses = (path as NSString).appendingPathComponent("responses.npy")
        return FileManager.default.fileExists(atPath: path, isDirectory: &isFolder)
            && isFolder.boolValue && FileManager.default.fileExists(atPath: responses)
    }

    public func read(path: String) throws -> [Dataset] {
        func file(_ name: String) -> String? {
            let child = (path as NSString).appendingPathComponent(name)
            return FileManager.default.fileExists(atPath: child) ? child : nil
        }
        guard let responsesPath = file("responses.npy") else {
            throw DataError.unknownLayout(
                path: path, found: (try? FileManager.default.contentsOfDirectory(atPath: path))
                    ?? [], expected: "responses.npy (units x trials [x samples])")
        }
        var session = ArraySession(responses: try NPYArray(path: responsesPath))
        if let timesPath = file("times.npy") {
            session.sampleTimes = try NPYArray(path: timesPath).values
        }
        if let trialsPath = file("trials.csv") {
            let table = try CSVTable(path: trialsPath)
            session.trialColumns = table.columnNames.compactMap { name in
                table.column(name).map { (name, $0) }
            }
        } else {
            session.warnings.append("no trials.csv; the session has no stimulus columns")
        }
        if let unitsPath = file("units.csv") {
            let table = try CSVTable(path: unitsPath)
            let idColumn = ["unit_id", "id", "unit"].first { table.columnNames.contains($0) }
                ?? table.columnNames.first
            session.unitIDs = idColumn.flatMap { name in
                table.columnNames.firstIndex(of: name).map { index in table.rows.map { $0[index] } }
            }
        }
        let name = (path as NSString).lastPathComponent
        return [
            try session.dataset(
                name: name, origin: .recorded(path: path, format: formatName), source: path)
        ]
    }
}
