/// The per-trial table of stimulus and task variables: one row per trial, named columns.
///
/// Standard column names, used by the analysis to find a variable in any source:
/// `direction` (degrees), `orientation` (degrees), `contrast` (0...1), `spatial_frequency`
/// (cycles per degree), `temporal_frequency` (Hz), `image_id`, `start_time` and `stop_time`
/// (seconds).
public struct StimulusTable: Sendable, Equatable {
    /// A column of numbers (NaN where missing) or of text.
    public enum Column: Sendable, Equatable {
        case numeric([Double])
        case text([String])

        public var count: Int {
            switch self {
            case .numeric(let values): values.count
            case .text(let values): values.count
            }
        }
    }

    public private(set) var rowCount: Int
    /// Column names in the order the source gave them.
    public private(set) var columnNames: [String] = []
    private var columns: [String: Column] = [:]

    public init(rowCount: Int) {
        self.rowCount = rowCount
    }

    /// Adds or replaces a column. The column must have one value per trial.
    public mutating func setColumn(_ name: String, _ column: Column) throws {
        guard column.count == rowCount else {
            throw DataError.shapeMismatch(
                "stimulus column '\(name)' has \(column.count) values but the table has "
                    + "\(rowCount) trials")
        }
        if columns[name] == nil { columnNames.append(name) }
        columns[name] = column
    }

    public func column(_ name: String) -> Column? { columns[name] }

    /// The named column as numbers, or nil when it is missing or text.
    public func numeric(_ name: String) -> [Double]? {
        if case .numeric(let values) = columns[name] { return values }
        return nil
    }

    public static let direction = "direction"
    public static let orientation = "orientation"
    public static let contrast = "contrast"
    public static let spatialFrequency = "spatial_frequency"
    public static let temporalFrequency = "temporal_frequency"
    public static let imageID = "image_id"
    public static let startTime = "start_time"
    public static let stopTime = "stop_time"
}
