/// A lazily listed view of an HDF5 file's objects for a browser: groups, datasets with
/// their type and shape, attributes, a preview of a dataset's first values (in the manner
/// of h5glance) and search by path substring.
///
/// Nothing is read until asked for: `children(of:)` lists one group, `preview(of:)` reads
/// only the first rows of a dataset through a hyperslab selection.
public final class HDF5Tree {
    public let file: HDF5File

    /// One object in the file.
    public struct Node: Sendable, Equatable {
        public enum Kind: String, Sendable, Equatable {
            case group, dataset, namedDatatype = "named datatype", other
        }

        /// The absolute path inside the file (`/` for the root group).
        public let path: String
        public let name: String
        public let kind: Kind
        /// The element type and shape of a dataset; nil for a group.
        public let dataType: HDF5DataType?
        public let shape: [Int]?
        /// The chunk shape of a chunked dataset, and its filters (`gzip`, `shuffle` ...).
        public let chunkShape: [Int]?
        public let filters: [String]
        /// The number of links in a group; nil for a dataset.
        public let childCount: Int?
        public let attributeCount: Int
        /// The `neurodata_type` attribute of NWB objects, when present.
        public let neurodataType: String?

        /// A one-line description: `spike_times  float64 (263,) gzip` or `units/  5 members`.
        public var summary: String {
            switch kind {
            case .group:
                let type = neurodataType.map { "  \($0)" } ?? ""
                return "\(name)/  \(childCount ?? 0) members\(type)"
            case .dataset:
                let dims = (shape ?? []).map(String.init).joined(separator: ", ")
                let shapeText = shape?.count == 1 ? "(\(dims),)" : "(\(dims))"
                let storage = filters.isEmpty ? "" : "  " + filters.joined(separator: "+")
                return "\(name)  \(dataType?.description ?? "?") \(shapeText)\(storage)"
            case .namedDatatype, .other:
                return "\(name)  \(kind.rawValue)"
            }
        }
    }

    /// The first values of a dataset, as text.
    public struct Preview: Sendable, Equatable {
        public let values: [String]
        /// The total number of elements in the dataset.
        public let totalCount: Int
        public var isComplete: Bool { values.count == totalCount }
    }

    /// Opens the file at `path` read-only.
    public init(path: String) throws {
        file = try HDF5File(path: path)
    }

    public init(file: HDF5File) {
        self.file = file
    }

    /// Describes the object at `path`. Throws when nothing is there.
    public func node(at path: String) throws -> Node {
        let normalized = HDF5File.normalized(path)
        let name = normalized.split(separator: "/").last.map(String.init) ?? "/"
        let attributeCount = (try? file.attributeNames(of: normalized).count) ?? 0
        let type = file.stringAttribute("neurodata_type", of: normalized)
        switch file.kind(of: normalized) {
        case .group:
            return Node(
                path: normalized, name: name, kind: .group, dataType: nil, shape: nil,
                chunkShape: nil, filters: [],
                childCount: try file.children(of: normalized).count,
                attributeCount: attributeCount, neurodataType: type)
        case .dataset:
            let dataset = try file.dataset(normalized)
            return Node(
                path: normalized, name: name, kind: .dataset, dataType: dataset.dataType,
                shape: dataset.shape, chunkShape: dataset.chunkShape,
                filters: dataset.filters, childCount: nil, attributeCount: attributeCount,
                neurodataType: type)
        case .namedDatatype:
            return Node(
                path: normalized, name: name, kind: .namedDatatype, dataType: nil, shape: nil,
                chunkShape: nil, filters: [], childCount: nil, attributeCount: attributeCount,
                neurodataType: nil)
        case nil:
            throw file.failure(normalized, "not found")
        }
    }

    /// Describes the root group.
    public func root() throws -> Node {
        try node(at: "/")
    }

    /// Lists the members of the group at `path`, in name order. A link that cannot be followed (a
    /// dangling soft or external link) is listed with kind `.other`.
    public func children(of path: String) throws -> [Node] {
        try file.children(of: path).map { name in
            let childPath = HDF5File.join(path, name)
            return (try? node(at: childPath))
                ?? Node(
                    path: childPath, name: name, kind: .other, dataType: nil, shape: nil,
                    chunkShape: nil, filters: [], childCount: nil, attributeCount: 0,
                    neurodataType: nil)
        }
    }

    /// Reads the attributes of the object at `path` as name and text, in name order.
    public func attributes(of path: String) throws -> [(name: String, value: String)] {
        try file.attributeNames(of: path).map { name in
            let value = (try? file.attribute(name, of: path))??.description ?? "<unreadable>"
            return (name, value)
        }
    }

    /// Up to `limit` first values of the dataset at `path` in row-major order, read as
    /// whole rows of the first dimension.
    public func preview(of path: String, limit: Int = 10) throws -> Preview {
        let dataset = try file.dataset(path)
        let total = dataset.elementCount
        let rowSize = max(dataset.shape.dropFirst().reduce(1, *), 1)
        let rows = dataset.shape.isEmpty
            ? nil : 0..<min(dataset.shape[0], (max(limit, 1) + rowSize - 1) / rowSize)
        var values: [String]
        switch dataset.dataType {
        case .integer, .float, .enumeration:
            let numbers = try rows.map { try dataset.readDoubles(rows: $0) }
                ?? dataset.readDoubles()
            values = numbers.map { HDF5AttributeValue.format($0) }
        case .string:
            values = try rows.map { try dataset.readStrings(rows: $0) } ?? dataset.readStrings()
        case .objectReference where total <= limit:
            values = try dataset.readReferences()
        case .objectReference, .other:
            values = []
        }
        values = Array(values.prefix(limit))
        return Preview(values: values, totalCount: total)
    }

    /// Finds the objects whose path contains `text` (case-insensitive), in depth-first name
    /// order, at most `limit` of them. Groups deeper than 32 levels are not searched.
    public func search(_ text: String, limit: Int = 200) throws -> [Node] {
        let needle = text.lowercased()
        var found: [Node] = []
        func visit(_ group: String, depth: Int) throws {
            guard depth < 32 else { return }
            for name in try file.children(of: group) {
                guard found.count < limit else { return }
                let path = HDF5File.join(group, name)
                if path.lowercased().contains(needle), let node = try? node(at: path) {
                    found.append(node)
                }
                if file.kind(of: path) == .group { try visit(path, depth: depth + 1) }
            }
        }
        try visit("/", depth: 0)
        return found
    }
}
