import Foundation

/// Reads a session from one long-format CSV file (layout in docs/formats.md): one row per
/// unit, trial and optionally time, with the columns `unit`, `trial`, `response` and
/// optionally `time` (s); every other column is a trial variable and must repeat the same
/// value on every row of a trial.
///
/// Units keep the order they first appear in; trials are sorted by their number when all
/// are numbers, else kept in order of appearance; times are sorted. A missing
/// unit-trial-time combination is NaN.
public struct LongTableCSVImporter: DatasetImporter {
    public let formatName = "csv-long"

    public init() {}

    /// True for a `.csv` file whose header names `unit`, `trial` and `response`.
    public func canRead(path: String) -> Bool {
        guard path.lowercased().hasSuffix(".csv"), let handle = FileHandle(forReadingAtPath: path)
        else { return false }
        defer { try? handle.close() }
        let head = String(decoding: handle.readData(ofLength: 4096), as: UTF8.self)
        let header = head.split(whereSeparator: \.isNewline).first ?? ""
        let names = Set(header.split(separator: ",").map {
            $0.trimmingCharacters(in: CharacterSet(charactersIn: "\u{FEFF}\" ")).lowercased()
        })
        return names.isSuperset(of: ["unit", "trial", "response"])
    }

    public func read(path: String) throws -> [Dataset] {
        let table = try CSVTable(path: path)
        let lower = table.columnNames.map { $0.lowercased() }
        guard let unitColumn = lower.firstIndex(of: "unit"),
            let trialColumn = lower.firstIndex(of: "trial"),
            let responseColumn = lower.firstIndex(of: "response")
        else {
            throw DataError.unknownLayout(
                path: path, found: table.columnNames, expected: "columns unit, trial, response")
        }
        let timeColumn = lower.firstIndex(of: "time")
        let units = LongTableCSVImporter.ordered(table.rows.map { $0[unitColumn] }, sort: false)
        let trials = LongTableCSVImporter.ordered(table.rows.map { $0[trialColumn] }, sort: true)
        var times: [Double] = [0]
        if let timeColumn {
            var values = Set<Double>()
            for (row, record) in table.rows.enumerated() {
                guard let time = CSVTable.number(record[timeColumn]), !time.isNaN else {
                    throw DataError.invalidValue(
                        "\(path): row \(row + 2) has time '\(record[timeColumn])', not a number")
                }
                values.insert(time)
            }
            times = values.sorted()
        }
        let unitIndex = Dictionary(uniqueKeysWithValues: units.enumerated().map { ($1, $0) })
        let trialIndex = Dictionary(uniqueKeysWithValues: trials.enumerated().map { ($1, $0) })
        let timeIndex = Dictionary(uniqueKeysWithValues: times.enumerated().map { ($1, $0) })
        var values = [Double](repeating: .nan, count: units.count * trials.count * times.count)
        let variableColumns = table.columnNames.indices.filter {
            ![unitColumn, trialColumn, responseColumn, timeColumn].contains($0)
        }
        var variables = [[String?]](
            repeating: [String?](repeating: nil, count: trials.count),
            count: variableColumns.count)
        var warnings: [String] = []
        for (row, record) in table.rows.enumerated() {
            guard let response = CSVTable.number(record[responseColumn]) else {
                throw DataError.invalidValue(
                    "\(path): row \(row + 2) has response '\(record[responseColumn])', "
                        + "not a number")
            }
            let unit = unitIndex[record[unitColumn]]!
            let trial = trialIndex[record[trialColumn]]!
            let sample = timeColumn.map { timeIndex[CSVTable.number(record[$0])!]! } ?? 0
            values[(unit * trials.count + trial) * times.count + sample] = response
            for (slot, column) in variableColumns.enumerated() {
                if let previous = variables[slot][trial], previous != record[column] {
                    if warnings.count < 10 {
                        warnings.append(
                            "column '\(table.columnNames[column])' differs within trial "
                                + "\(trials[trial]) (row \(row + 2)); kept the first value")
                    }
                    continue
                }
                variables[slot][trial] = record[column]
            }
        }
        var session = ArraySession(
            responses: NPYArray(
                shape: timeColumn == nil
                    ? [units.count, trials.count] : [units.count, trials.count, times.count],
                dtype: "<f8", values: values),
            sampleTimes: times, unitIDs: units, warnings: warnings)
        for (slot, column) in variableColumns.enumerated() {
            let cells = variables[slot].map { $0 ?? "" }
            let numbers = cells.map(CSVTable.number)
            let parsed: StimulusTable.Column = numbers.allSatisfy { $0 != nil }
                ? .numeric(numbers.map { $0! }) : .text(cells)
            session.trialColumns.append((table.columnNames[column], parsed))
        }
        let name = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        return [
            try session.dataset(
                name: name, origin: .recorded(path: path, format: formatName), source: path)
        ]
    }

    /// Returns the distinct values in order of appearance, or sorted by number when `sort` is true
    /// and every value is a number.
    static func ordered(_ values: [String], sort: Bool) -> [String] {
        var seen = Set<String>()
        let distinct = values.filter { seen.insert($0).inserted }
        guard sort else { return distinct }
        let numbers = distinct.map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard numbers.allSatisfy({ $0 != nil }) else { return distinct }
        return zip(distinct, numbers).sorted { $0.1! < $1.1! }.map(\.0)
    }
}
