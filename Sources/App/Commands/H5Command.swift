import Data
import Foundation
import Terminal

/// `cortexscope h5 FILE`: the HDF5 tree explorer, or the tree printed without a terminal.
enum H5Command {
    static let help = """
        Usage: cortexscope h5 FILE [--format text|json] [--path /group]

        Opens an HDF5 or NWB file in the tree explorer: groups (Enter or right expands,
        left collapses), datasets with their type and shape, the attributes of the
        selected object, the first values of a dataset, and search by path with /.

        With --format the tree is printed instead, every group expanded:

          --format  text (an indented tree, then the attributes and first values of
                    the --path object) or json (nested objects with attributes and,
                    for datasets, the first values)
          --path    the group or dataset to start from, default / (the whole file)
        """

    /// The number of values a dataset preview shows, in the screen and the output.
    static let previewLimit = 10

    static func run(_ arguments: [String]) throws -> Int32 {
        var arguments = try Arguments(arguments)
        let headless = arguments.value("format") != nil
        let format = headless ? try arguments.format([.text, .json], default: .text) : nil
        let root = arguments.value("path") ?? "/"
        try arguments.rejectUnknown()
        guard arguments.positional.count == 1, let path = arguments.positional.first else {
            throw UsageError("h5 needs exactly one HDF5 or NWB file")
        }
        guard FileManager.default.fileExists(atPath: path) else {
            throw UsageError("not found: \(path)")
        }
        let tree = try SerializedHDF5Tree(path: path)
        switch format {
        case .text?:
            print(try tree.use { try text(tree: $0, root: root) })
            return 0
        case .json?:
            print(try tree.use { try json(tree: $0, root: root) }.serialized())
            return 0
        default:
            return try ExplorerCommand.runWithRoot {
                HDF5TreeScreen(tree: tree, fileName: (path as NSString).lastPathComponent)
            }
        }
    }

    /// Formats the tree below `root` with every group expanded, then the attributes (and the first
    /// values, for a dataset) of `root`. Text from the file is sanitised.
    static func text(tree: HDF5Tree, root: String) throws -> String {
        let outline = try HDF5Outline(tree: tree, root: root, isExpanded: { _ in true })
        var lines = [TextSanitizer.sanitize(tree.file.path)]
        for row in outline.rows {
            let expanded: Bool? = row.node.kind == .group ? true : nil
            lines.append(HDF5Outline.line(row, expanded: expanded, glyphs: .ascii))
        }
        if outline.truncated {
            lines.append("... stopped after \(HDF5Outline.maximumRows) objects")
        }
        let top = outline.rows[0].node
        let attributes = try tree.attributes(of: top.path)
        if !attributes.isEmpty {
            lines.append("")
            lines.append("Attributes of \(TextSanitizer.sanitize(top.path)):")
            for attribute in attributes {
                lines.append(
                    "  \(TextSanitizer.sanitize(attribute.name)) = "
                        + TextSanitizer.sanitize(attribute.value))
            }
        }
        if top.kind == .dataset {
            lines.append("")
            lines.append("First values: " + previewText(try tree.preview(
                of: top.path, limit: previewLimit)))
        }
        return lines.joined(separator: "\n")
    }

    /// Joins the values of a preview with commas and adds how many of the total they are.
    static func previewText(_ preview: HDF5Tree.Preview) -> String {
        let values = preview.values.map(TextSanitizer.sanitize).joined(separator: ", ")
        if preview.values.isEmpty && preview.totalCount > 0 {
            return "(this type has no preview)"
        }
        return "[\(values)]" + (preview.isComplete
            ? "" : " (\(preview.values.count) of \(preview.totalCount))")
    }

    /// Builds nested JSON objects for the object at `root` and everything below it: `path`, `name`,
    /// `kind`, `attributes`, and `dtype`, `shape`, `chunks`, `filters`, `preview`,
    /// `count` for datasets or `children` for groups. Strings from the file are sanitised.
    static func json(tree: HDF5Tree, root: String) throws -> JSONValue {
        var budget = HDF5Outline.maximumRows
        return try nodeJSON(tree: tree, node: tree.node(at: root), depth: 0, budget: &budget)
    }

    private static func nodeJSON(
        tree: HDF5Tree, node: HDF5Tree.Node, depth: Int, budget: inout Int
    ) throws -> JSONValue {
        budget -= 1
        func clean(_ text: String) -> JSONValue { .string(TextSanitizer.sanitize(text)) }
        var members: [(String, JSONValue)] = [
            ("path", clean(node.path)), ("name", clean(node.name)),
            ("kind", .string(node.kind.rawValue)),
        ]
        if let type = node.neurodataType { members.append(("neurodata_type", clean(type))) }
        let attributes = (try? tree.attributes(of: node.path)) ?? []
        members.append(("attributes", .object(attributes.map {
            (TextSanitizer.sanitize($0.name), clean($0.value))
        })))
        switch node.kind {
        case .dataset:
            members.append(("dtype", .string(node.dataType?.description ?? "unknown")))
            members.append(("shape", .array((node.shape ?? []).map { .number(Double($0)) })))
            if let chunks = node.chunkShape {
                members.append(("chunks", .array(chunks.map { .number(Double($0)) })))
            }
            members.append(("filters", .array(node.filters.map { .string($0) })))
            if let preview = try? tree.preview(of: node.path, limit: previewLimit) {
                members.append(("preview", .array(preview.values.map(clean))))
                members.append(("count", .number(Double(preview.totalCount))))
            }
        case .group:
            var children: [JSONValue] = []
            if depth < HDF5Outline.maximumDepth {
                for child in try tree.children(of: node.path) {
                    guard budget > 0 else {
                        members.append(("truncated", .bool(true)))
                        break
                    }
                    children.append(
                        try nodeJSON(tree: tree, node: child, depth: depth + 1, budget: &budget))
                }
            }
            members.append(("children", .array(children)))
        case .namedDatatype, .other:
            break
        }
        return .object(members)
    }
}
