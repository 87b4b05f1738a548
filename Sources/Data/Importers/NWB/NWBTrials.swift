import Foundation

/// The trials of an NWB file: a TimeIntervals table turned into a `StimulusTable`.
struct NWBTrials {
    /// The table's path inside the file without a leading slash (`intervals/trials`).
    let tablePath: String
    let startTimes: [Double]
    let stopTimes: [Double]
    let table: StimulusTable
    /// Columns left out of the table, with the reason.
    let skipped: [String]

    /// Finds the trials table: `preferred` when given, else `intervals/trials`, else the
    /// first `*_presentations` table in name order, else the first TimeIntervals table.
    static func locate(in file: HDF5File, preferred: String?) throws -> String {
        if let preferred {
            guard file.kind(of: preferred) == .group else {
                throw file.failure(preferred, "no TimeIntervals table at this path")
            }
            return HDF5File.normalized(preferred)
        }
        if file.kind(of: "/intervals/trials") == .group { return "/intervals/trials" }
        let tables = file.kind(of: "/intervals") == .group
            ? try file.children(of: "/intervals").filter {
                file.kind(of: "/intervals/\($0)/start_time") == .dataset
            } : []
        if let table = tables.first(where: { $0.hasSuffix("_presentations") }) ?? tables.first {
            return "/intervals/" + table
        }
        throw file.failure(
            "/intervals/trials",
            "missing, and no other TimeIntervals table is under /intervals; the importer "
                + "needs trials with start_time and stop_time")
    }

    /// Reads every column of the table at `path`. Text columns under a standard numeric
    /// name (Allen files store `orientation` as text such as "45.0" or "null") become
    /// numbers when every value parses, with "null", "nan" and "" as NaN.
    init(file: HDF5File, path: String) throws {
        let columns = NWBTableColumns(file: file, table: path)
        let starts = try columns.numbers("start_time")
        let stops = try columns.numbers("stop_time")
        guard starts.count == stops.count else {
            throw file.failure(
                path, "start_time has \(starts.count) rows but stop_time has \(stops.count)")
        }
        guard !starts.isEmpty else {
            throw file.failure(path, "the table has no rows; the importer needs trials")
        }
        for row in starts.indices where !starts[row].isFinite || !stops[row].isFinite {
            throw file.failure(
                path, "trial \(row) has start \(starts[row]) s and stop \(stops[row]) s; "
                    + "both must be finite")
        }
        for row in starts.indices where !(stops[row] > starts[row]) {
            throw file.failure(
                path + "/stop_time",
                "trial \(row) stops at \(stops[row]) s, not after its start \(starts[row]) s")
        }
        var table = StimulusTable(rowCount: starts.count)
        var skipped: [String] = []
        try table.setColumn(StimulusTable.startTime, .numeric(starts))
        try table.setColumn(StimulusTable.stopTime, .numeric(stops))
        for name in try columns.names()
        where name != "start_time" && name != "stop_time" {
            guard file.kind(of: HDF5File.join(path, name)) == .dataset else {
                skipped.append("\(name): listed in colnames but missing")
                continue
            }
            switch try columns.column(name, rows: starts.count) {
            case .failure(let error):
                skipped.append(error.description)
            case .success(let column):
                var target = StimulusColumnNames.standardName(for: name)
                if table.column(target) != nil { target = name }
                try table.setColumn(target, NWBTrials.converted(column, name: target))
            }
        }
        self.tablePath = String(path.drop { $0 == "/" })
        self.startTimes = starts
        self.stopTimes = stops
        self.table = table
        self.skipped = skipped
    }

    static func converted(_ column: StimulusTable.Column, name: String) -> StimulusTable.Column {
        guard case .text(let values) = column,
            StimulusColumnNames.isStandardNumeric(name)
        else { return column }
        var numbers: [Double] = []
        numbers.reserveCapacity(values.count)
        for value in values {
            let trimmed = value.trimmingCharacters(in: .whitespaces).lowercased()
            if trimmed.isEmpty || trimmed == "null" || trimmed == "nan" || trimmed == "none" {
                numbers.append(.nan)
            } else if let number = Double(trimmed) {
                numbers.append(number)
            } else {
                return column
            }
        }
        return .numeric(numbers)
    }
}
