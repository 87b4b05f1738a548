import Data
import Terminal

/// The rows of an HDF5 file's tree with some groups expanded: what the tree screen lists and
/// what `cortexscope h5 --format text` prints with every group expanded.
struct HDF5Outline {
    /// One visible object and its depth below the outline's root.
    struct Row: Equatable {
        let node: HDF5Tree.Node
        let depth: Int
    }

    /// Groups deeper than this below the root are not listed, which bounds the walk through a
    /// file whose links form a cycle.
    static let maximumDepth = 32
    /// The walk stops after this many rows, and `truncated` is then true.
    static let maximumRows = 20_000

    private(set) var rows: [Row] = []
    private(set) var truncated = false

    /// Lists `root` and, below each group for which `isExpanded` is true, its members.
    init(tree: HDF5Tree, root: String, isExpanded: (String) -> Bool) throws {
        let top = try tree.node(at: root)
        rows.append(Row(node: top, depth: 0))
        if top.kind == .group, isExpanded(top.path) {
            try visit(tree, top.path, depth: 1, isExpanded: isExpanded)
        }
    }

    private mutating func visit(
        _ tree: HDF5Tree, _ group: String, depth: Int, isExpanded: (String) -> Bool
    ) throws {
        guard depth <= Self.maximumDepth else { return }
        for child in try tree.children(of: group) {
            guard rows.count < Self.maximumRows else {
                truncated = true
                return
            }
            rows.append(Row(node: child, depth: depth))
            if child.kind == .group, isExpanded(child.path) {
                try visit(tree, child.path, depth: depth + 1, isExpanded: isExpanded)
            }
        }
    }

    /// Formats one row: indentation, the node's summary and its attribute count, with text
    /// from the file sanitised.
    static func line(_ row: Row, expanded: Bool?, glyphs: GlyphSet) -> String {
        let marker: String
        switch expanded {
        case true?: marker = glyphs.isASCII ? "- " : "▾ "
        case false?: marker = glyphs.isASCII ? "+ " : "▸ "
        case nil: marker = "  "
        }
        let attributes = row.node.attributeCount > 0 ? "  @\(row.node.attributeCount)" : ""
        let summary = row.node.path == "/" ? "/  \(row.node.childCount ?? 0) members"
            + (row.node.neurodataType.map { "  \($0)" } ?? "") : row.node.summary
        return String(repeating: "  ", count: row.depth) + marker
            + TextSanitizer.sanitize(summary) + attributes
    }
}
