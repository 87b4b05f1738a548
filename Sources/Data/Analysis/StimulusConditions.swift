/// The stimulus conditions of a grating session: each distinct direction (or orientation)
/// and the trials that showed it.
///
/// The condition is the `direction` column when the dataset has one, otherwise the
/// `orientation` column; with orientations only, direction selectivity is undefined and the
/// circular period is 180 degrees instead of 360. An `orientation` column with values of
/// 180 degrees or more is read as a direction of motion, as in the Allen Brain
/// Observatory's drifting-grating tables, whose `orientation` runs from 0 to 315 degrees.
/// Values outside one period (-45, 400) are wrapped into it and counted in `wrappedTrials`.
public struct StimulusConditions: Sendable, Equatable {
    /// The stimulus column used: `direction` or `orientation`.
    public let columnName: String
    /// The distinct values in ascending order, in degrees.
    public let values: [Double]
    /// The trial indices for each value, in the order of `values`.
    public let trialIndices: [[Int]]
    /// The period of the variable in degrees: 360 for direction, 180 for orientation.
    public let periodDegrees: Double
    /// Trials left out because their stimulus value is NaN.
    public let excludedTrials: [Int]
    /// Trials whose value lay outside [0, period) and was wrapped into it.
    public let wrappedTrials: [Int]
    /// True when the conditions are directions of motion (period 360 degrees).
    public let isDirection: Bool

    /// Groups the trials of `trials` by direction, or by orientation when there is no
    /// direction column. Throws `DataError.invalidValue` when neither column exists or no
    /// trial has a finite value.
    public init(trials: StimulusTable) throws {
        let columnName: String
        let column: [Double]
        if let directions = trials.numeric(StimulusTable.direction) {
            columnName = StimulusTable.direction
            column = directions
        } else if let orientations = trials.numeric(StimulusTable.orientation) {
            columnName = StimulusTable.orientation
            column = orientations
        } else {
            let found = trials.columnNames.isEmpty
                ? "none" : trials.columnNames.joined(separator: ", ")
            throw DataError.invalidValue(
                "tuning needs a numeric 'direction' or 'orientation' column in degrees; "
                    + "the stimulus table has: \(found)")
        }

        let isDirection = columnName == StimulusTable.direction
            || column.contains { $0.isFinite && $0 >= 180 && $0 < 360 }
        let period: Double = isDirection ? 360 : 180
        var groups: [Double: [Int]] = [:]
        var excluded: [Int] = []
        var wrapped: [Int] = []
        for (trial, value) in column.enumerated() {
            guard value.isFinite else {
                excluded.append(trial)
                continue
            }
            var condition = Self.wrap(value, period: period)
            if condition != value { wrapped.append(trial) }
            // Wrapping can leave 360 - 1e-13 for -1e-13; such values are the 0 condition.
            if period - condition < 1e-9 { condition = 0 }
            groups[condition, default: []].append(trial)
        }
        guard !groups.isEmpty else {
            throw DataError.invalidValue(
                "the '\(columnName)' column has no finite value, so no condition can be formed")
        }
        self.columnName = columnName
        self.values = groups.keys.sorted()
        self.trialIndices = values.map { groups[$0] ?? [] }
        self.periodDegrees = period
        self.isDirection = isDirection
        self.excludedTrials = excluded
        self.wrappedTrials = wrapped
    }

    /// The index of the condition at `degrees` modulo the period, or nil when the session
    /// has no such condition. Values within 1e-6 degrees count as equal.
    public func index(ofDegrees degrees: Double) -> Int? {
        let wrapped = Self.wrap(degrees, period: periodDegrees)
        return values.firstIndex {
            let difference = abs(Self.wrap($0, period: periodDegrees) - wrapped)
            return min(difference, periodDegrees - difference) < 1e-6
        }
    }

    static func wrap(_ degrees: Double, period: Double) -> Double {
        let remainder = degrees.truncatingRemainder(dividingBy: period)
        return remainder < 0 ? remainder + period : remainder
    }
}
