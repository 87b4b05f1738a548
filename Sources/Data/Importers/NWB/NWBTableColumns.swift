/// Reads the columns of an NWB DynamicTable (units, trials, presentations): plain
/// `VectorData` columns and ragged ones described by a `<name>_index` column.
struct NWBTableColumns {
    let file: HDF5File
    /// The table's group path, for example `/intervals/trials`.
    let table: String

    /// Column names in the order of the table's `colnames` attribute, else in name order
    /// with the `id` and `*_index` datasets left out.
    func names() throws -> [String] {
        if case .strings(let names)? = try file.attribute("colnames", of: table) {
            return names
        }
        let children = try file.children(of: table)
        return children.filter { child in
            child != "id" && !child.hasSuffix("_index")
                && file.kind(of: HDF5File.join(table, child)) == .dataset
        }
    }

    /// Returns the number of rows, from the `id` column or else the first column.
    func rowCount() throws -> Int {
        let idPath = HDF5File.join(table, "id")
        if file.kind(of: idPath) == .dataset {
            return try file.dataset(idPath).shape.first ?? 1
        }
        guard let first = try names().first else {
            throw file.failure(table, "the table has neither an id column nor other columns")
        }
        return try file.dataset(HDF5File.join(table, first)).shape.first ?? 1
    }

    /// Returns a required numeric column with one value per row.
    func numbers(_ name: String) throws -> [Double] {
        let path = HDF5File.join(table, name)
        guard file.kind(of: path) == .dataset else {
            throw file.failure(path, "missing; the \(table) table needs a '\(name)' column")
        }
        return try file.dataset(path).readDoubles()
    }

    /// Returns the ragged column `name`: the flat values and, for each row, its end offset.
    func raggedNumbers(_ name: String) throws -> (values: [Double], ends: [Int]) {
        let valuesPath = HDF5File.join(table, name)
        let indexPath = valuesPath + "_index"
        guard file.kind(of: valuesPath) == .dataset else {
            throw file.failure(valuesPath, "missing; the \(table) table needs a '\(name)' column")
        }
        guard file.kind(of: indexPath) == .dataset else {
            throw file.failure(
                indexPath,
                "missing; '\(name)' is ragged and needs its index dataset '\(name)_index'")
        }
        let values = try file.dataset(valuesPath).readDoubles()
        let ends = try file.dataset(indexPath).readInt64s().map { Int($0) }
        var previous = 0
        for (row, end) in ends.enumerated() {
            guard end >= previous, end <= values.count else {
                throw file.failure(
                    indexPath,
                    "row \(row) ends at \(end), outside \(previous)...\(values.count); "
                        + "the index must rise and stay within '\(name)'")
            }
            previous = end
        }
        return (values, ends)
    }

    /// Any column as a stimulus-table column: numbers, text, or for a ragged column each
    /// row's values joined by ";" as text. Returns nil for types a table cannot show
    /// (compound, references), with the reason.
    func column(_ name: String, rows: Int) throws -> Result<StimulusTable.Column, DataError> {
        let path = HDF5File.join(table, name)
        let dataset = try file.dataset(path)
        let indexPath = path + "_index"
        let ragged = file.kind(of: indexPath) == .dataset
        let text: [String]
        if ragged, dataset.shape.count > 1 {
            return .failure(file.failure(path, "is ragged with shape \(dataset.shape)"))
        }
        if dataset.dataType.isNumeric, !ragged {
            guard dataset.shape.count == 1 else {
                return .failure(
                    file.failure(path, "has shape \(dataset.shape), not one value a row"))
            }
            return .success(.numeric(try dataset.readDoubles()))
        } else if dataset.dataType.isNumeric {
            text = try dataset.readDoubles().map { HDF5AttributeValue.format($0) }
        } else if dataset.dataType.isString {
            text = try dataset.readStrings()
        } else {
            return .failure(file.failure(path, "holds \(dataset.dataType), which is not shown"))
        }
        guard ragged else {
            guard text.count == rows else {
                return .failure(file.failure(path, "has \(text.count) values for \(rows) rows"))
            }
            return .success(.text(text))
        }
        let ends = try file.dataset(indexPath).readInt64s().map { Int($0) }
        var joined: [String] = []
        var start = 0
        for end in ends {
            guard end >= start, end <= text.count else {
                return .failure(file.failure(indexPath, "is not a rising index into '\(name)'"))
            }
            joined.append(text[start..<end].joined(separator: ";"))
            start = end
        }
        guard joined.count == rows else {
            return .failure(file.failure(indexPath, "has \(joined.count) rows, not \(rows)"))
        }
        return .success(.text(joined))
    }
}
