/// Session metadata of an NWB file: the root's scalar fields, `general/*` and
/// `general/subject/*` (as `subject.<name>`), with lists joined by ", ".
enum NWBMetadata {
    static func read(from file: HDF5File) -> [(key: String, value: String)] {
        var entries: [(key: String, value: String)] = []
        if let version = file.stringAttribute("nwb_version", of: "/") {
            entries.append(("nwb_version", version))
        }
        for name in ["session_description", "identifier", "session_start_time"] {
            if let value = text(of: "/" + name, in: file) { entries.append((name, value)) }
        }
        entries += scalars(in: "/general", prefix: "", file: file)
        entries += scalars(in: "/general/subject", prefix: "subject.", file: file)
        return entries
    }

    private static func scalars(
        in group: String, prefix: String, file: HDF5File
    ) -> [(key: String, value: String)] {
        guard file.kind(of: group) == .group, let children = try? file.children(of: group) else {
            return []
        }
        return children.compactMap { name in
            text(of: HDF5File.join(group, name), in: file).map { (prefix + name, $0) }
        }
    }

    /// Returns a dataset of at most 16 strings or numbers as text; nil for groups and larger data.
    private static func text(of path: String, in file: HDF5File) -> String? {
        guard file.kind(of: path) == .dataset, let dataset = try? file.dataset(path),
            dataset.elementCount <= 16
        else { return nil }
        if dataset.dataType.isString, let values = try? dataset.readStrings() {
            return values.joined(separator: ", ")
        }
        if dataset.dataType.isNumeric, let values = try? dataset.readDoubles() {
            return values.map { HDF5AttributeValue.format($0) }.joined(separator: ", ")
        }
        return nil
    }
}
