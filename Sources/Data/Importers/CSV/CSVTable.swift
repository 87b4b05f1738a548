import Foundation

/// A comma-separated table with a header row, parsed as RFC 4180 describes. Fields in double quotes
/// may contain commas, line breaks and doubled quotes (`""`), and lines end in LF or CRLF. A column
/// is numeric when every non-empty cell parses as a number (`NaN`, `nan` and empty cells read as
/// NaN); otherwise it is text.
public struct CSVTable: Sendable, Equatable {
    public let path: String
    /// Column names from the header row, in file order.
    public let columnNames: [String]
    /// The cells as text, one array per data row.
    public let rows: [[String]]

    /// Reads and parses the file at `path`.
    public init(path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DataError.unreadable(path: path, reason: "file not found or not readable")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw DataError.unreadable(path: path, reason: "the file is not UTF-8 text")
        }
        try self.init(text: text, path: path)
    }

    /// Parses `text`; `path` names the source in errors.
    public init(text: String, path: String) throws {
        // Spreadsheet programs start UTF-8 CSV files with a byte-order mark.
        let body = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        var records = try CSVTable.records(body, path: path)
        while let last = records.last, last == [""] { records.removeLast() }
        guard let header = records.first else {
            throw DataError.unreadable(
                path: path, reason: "the file is empty; a header row is needed")
        }
        let names = header.map { $0.trimmingCharacters(in: .whitespaces) }
        var rows: [[String]] = []
        for (index, record) in records.dropFirst().enumerated() {
            if record == [""] { continue }
            guard record.count == names.count else {
                throw DataError.unreadable(
                    path: path,
                    reason: "row \(index + 2) has \(record.count) fields but the header has "
                        + "\(names.count); quote fields that contain commas")
            }
            rows.append(record)
        }
        self.path = path
        self.columnNames = names
        self.rows = rows
    }

    /// Returns the column `name` as numbers or text, or nil when there is no such column.
    public func column(_ name: String) -> StimulusTable.Column? {
        guard let index = columnNames.firstIndex(of: name) else { return nil }
        let cells = rows.map { $0[index] }
        var numbers: [Double] = []
        numbers.reserveCapacity(cells.count)
        for cell in cells {
            guard let number = CSVTable.number(cell) else { return .text(cells) }
            numbers.append(number)
        }
        return .numeric(numbers)
    }

    /// Returns the column `name` as numbers, or nil when it is missing or contains text.
    public func numbers(_ name: String) -> [Double]? {
        if case .numeric(let values)? = column(name) { return values }
        return nil
    }

    /// Parses a cell as a number. Empty cells and NaN spellings are NaN, other text is nil.
    static func number(_ cell: String) -> Double? {
        let trimmed = cell.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty || trimmed.lowercased() == "nan" { return .nan }
        return Double(trimmed)
    }

    /// Splits `text` into records of fields.
    static func records(_ text: String, path: String) throws -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field: [UInt8] = []
        var quoted = false
        var line = 1
        let bytes = Array(text.utf8)
        var index = 0
        func endField() {
            record.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
        }
        while index < bytes.count {
            let byte = bytes[index]
            if quoted {
                if byte == UInt8(ascii: "\"") {
                    if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\"") {
                        field.append(byte)
                        index += 1
                    } else {
                        quoted = false
                    }
                } else {
                    if byte == UInt8(ascii: "\n") { line += 1 }
                    field.append(byte)
                }
            } else if byte == UInt8(ascii: "\"") && field.isEmpty {
                quoted = true
            } else if byte == UInt8(ascii: ",") {
                endField()
            } else if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
                if byte == UInt8(ascii: "\r"), index + 1 < bytes.count,
                    bytes[index + 1] == UInt8(ascii: "\n")
                {
                    index += 1
                }
                endField()
                records.append(record)
                record = []
                line += 1
            } else {
                field.append(byte)
            }
            index += 1
        }
        guard !quoted else {
            throw DataError.unreadable(
                path: path, reason: "a quoted field opened before line \(line) is never closed")
        }
        if !field.isEmpty || !record.isEmpty {
            endField()
            records.append(record)
        }
        return records
    }
}
