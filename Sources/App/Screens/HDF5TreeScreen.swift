import Data
import Foundation
import Terminal

/// An HDF5 or NWB file as a tree: groups expand and collapse, the selected object's
/// attributes and a dataset's first values show on the right, and `/` searches by path.
@MainActor
final class HDF5TreeScreen: Screen {
    private let tree: SerializedHDF5Tree
    private let fileName: String
    private var expanded: Set<String> = ["/"]
    private(set) var rows: [HDF5Outline.Row] = []
    private var list = ListView(items: [], selectedIndex: 0)
    private var visibleRows = 10
    /// The search text, and whether keys currently go into it.
    private(set) var query = ""
    private(set) var isReadingText = false
    private var matches: [String] = []
    private var matchesQuery: String?
    private var matchIndex = -1
    private var detail: (path: String, lines: [String])?
    private var failure: String?

    init(tree: SerializedHDF5Tree, fileName: String) {
        self.tree = tree
        self.fileName = fileName
        rebuild()
    }

    var title: String { "HDF5 \(fileName)" }

    var location: String { selectedNode?.path ?? fileName }

    let commands: [Command] = [
        .moveUp, .moveDown, .pageUp, .pageDown, .moveFirst, .moveLast, .open, .moveRight,
        .moveLeft, .search, .nextItem, .previousItem,
    ]

    var selectedNode: HDF5Tree.Node? {
        list.selectedIndex.flatMap { $0 < rows.count ? rows[$0].node : nil }
    }

    private func rebuild() {
        do {
            let open = expanded
            let outline = try tree.use { tree in
                try HDF5Outline(tree: tree, root: "/", isExpanded: { open.contains($0) })
            }
            rows = outline.rows
        } catch {
            failure = "\(error)"
        }
        list.items = rows.map { row in
            HDF5Outline.line(
                row, expanded: row.node.kind == .group ? expanded.contains(row.node.path) : nil,
                glyphs: .unicode)
        }
        if let selected = list.selectedIndex, selected >= rows.count {
            list.selectedIndex = rows.isEmpty ? nil : rows.count - 1
        }
    }

    func draw(into buffer: inout CellBuffer, in rect: Rect, context: DrawContext) {
        let appearance = context.appearance
        let (body, bottom) = rect.splitBottom(1)
        let treeWidth = max(24, body.width * 11 / 20)
        let (treeArea, detailArea) = body.splitLeft(min(treeWidth, body.width))
        visibleRows = max(1, treeArea.height)

        var visibleList = list
        visibleList.items = rows.map { row in
            HDF5Outline.line(
                row, expanded: row.node.kind == .group ? expanded.contains(row.node.path) : nil,
                glyphs: appearance.glyphs)
        }
        visibleList.draw(into: &buffer, in: treeArea.inset(right: 1), appearance: appearance)
        drawDetail(into: &buffer, in: detailArea, appearance: appearance)

        let status: String
        let style: Style
        if let failure {
            (status, style) = (failure, appearance.style(.error))
        } else if isReadingText || !query.isEmpty {
            let count = matchesQuery == query ? " (\(matches.count) matches)" : ""
            let hint = isReadingText ? "  Enter: next match, Esc: done" : ""
            (status, style) = ("/" + query + count + hint, appearance.style(.accent))
        } else {
            (status, style) = ("/ search by path", appearance.style(.muted))
        }
        buffer.put(status, x: bottom.x, y: bottom.y, width: bottom.width, style: style,
                   ellipsis: appearance.glyphs.ellipsis)
    }

    private func drawDetail(into buffer: inout CellBuffer, in rect: Rect, appearance: Appearance)
    {
        guard let node = selectedNode, rect.width > 4 else { return }
        if detail?.path != node.path {
            detail = (node.path, detailLines(node))
        }
        let lines = (detail?.lines ?? []).flatMap { Self.wrap($0, width: rect.width) }
        for (offset, line) in lines.enumerated() where offset < rect.height {
            let heading = line.hasSuffix(":") && !line.hasPrefix(" ")
            buffer.put(line, x: rect.x, y: rect.y + offset, width: rect.width,
                       style: appearance.style(heading ? .header : .text),
                       ellipsis: appearance.glyphs.ellipsis)
        }
    }

    /// Splits a value line (one starting with a space) at spaces into lines of at most
    /// `width` columns. A single value wider than that stays whole, and drawing cuts it with
    /// an ellipsis. Other lines are returned as they are.
    static func wrap(_ line: String, width: Int) -> [String] {
        guard line.hasPrefix(" "), width > 8, DisplayWidth.of(line) > width else { return [line] }
        var lines: [String] = []
        var current = ""
        for piece in line.split(separator: " ", omittingEmptySubsequences: true) {
            let word = String(piece)
            if !current.isEmpty, DisplayWidth.of(current) + 1 + DisplayWidth.of(word) > width {
                lines.append(current)
                current = ""
            }
            // Every line starts with a space, the indent of value lines.
            current += " " + word
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    /// Lists the object's path, type and shape, first values and attributes, one per line.
    private func detailLines(_ node: HDF5Tree.Node) -> [String] {
        var lines = [node.path, node.kind.rawValue + (node.neurodataType.map { " \($0)" } ?? "")]
        if node.kind == .dataset {
            let shape = (node.shape ?? []).map(String.init).joined(separator: " x ")
            lines.append("dtype \(node.dataType?.description ?? "?")  shape "
                         + (shape.isEmpty ? "scalar" : shape))
            if let chunks = node.chunkShape {
                var line = "chunks " + chunks.map(String.init).joined(separator: " x ")
                if !node.filters.isEmpty {
                    line += "  " + node.filters.joined(separator: "+")
                }
                lines.append(line)
            }
        } else if let count = node.childCount {
            lines.append("\(count) members")
        }
        do {
            let (attributes, preview) = try tree.use { tree in
                (try tree.attributes(of: node.path),
                 node.kind == .dataset
                    ? try tree.preview(of: node.path, limit: H5Command.previewLimit) : nil)
            }
            if let preview {
                lines.append("")
                lines.append(preview.isComplete ? "Values:"
                             : "First \(preview.values.count) of \(preview.totalCount) values:")
                lines.append(" " + (preview.values.isEmpty && preview.totalCount > 0
                    ? "(this type has no preview)" : preview.values.joined(separator: ", ")))
            }
            lines.append("")
            lines.append(attributes.isEmpty ? "No attributes" : "Attributes:")
            for attribute in attributes {
                lines.append(" \(attribute.name) = \(attribute.value)")
            }
        } catch {
            lines.append("\(error)")
        }
        return lines
    }

    func handle(_ command: Command, context: ScreenContext) -> ScreenAction {
        switch command {
        case .moveUp: list.moveSelection(by: -1, visibleRows: visibleRows)
        case .moveDown: list.moveSelection(by: 1, visibleRows: visibleRows)
        case .pageUp: list.moveSelection(by: -max(1, visibleRows - 1), visibleRows: visibleRows)
        case .pageDown: list.moveSelection(by: max(1, visibleRows - 1), visibleRows: visibleRows)
        case .moveFirst: list.moveSelection(by: -rows.count, visibleRows: visibleRows)
        case .moveLast: list.moveSelection(by: rows.count, visibleRows: visibleRows)
        case .open:
            guard let node = selectedNode, node.kind == .group else { return .handled }
            setExpanded(node.path, !expanded.contains(node.path))
        case .moveRight:
            guard let node = selectedNode, node.kind == .group else { return .handled }
            if expanded.contains(node.path) {
                list.moveSelection(by: 1, visibleRows: visibleRows)
            } else {
                setExpanded(node.path, true)
            }
        case .moveLeft:
            guard let node = selectedNode else { return .handled }
            if node.kind == .group, expanded.contains(node.path), node.path != "/" {
                setExpanded(node.path, false)
            } else {
                select(path: (node.path as NSString).deletingLastPathComponent)
            }
        case .search:
            isReadingText = true
            query = ""
        case .nextItem:
            return jumpToMatch(step: 1)
        case .previousItem:
            return jumpToMatch(step: -1)
        default:
            return .ignored
        }
        return .handled
    }

    func handleText(keyNamed name: String, context: ScreenContext) -> ScreenAction {
        switch name {
        case "esc":
            isReadingText = false
        case "enter":
            return jumpToMatch(step: 1)
        case "backspace":
            if !query.isEmpty { query.removeLast() }
        case "space":
            query.append(" ")
        default:
            // Printable characters have one-character names; other keys are ignored.
            if name.count == 1 { query.append(name) }
        }
        return .handled
    }

    /// Selects the next (or previous) object whose path contains the query, expanding the
    /// groups above it.
    private func jumpToMatch(step: Int) -> ScreenAction {
        guard !query.isEmpty else { return .handled }
        if matchesQuery != query {
            do {
                matches = try tree.use { try $0.search(query) }.map(\.path)
            } catch {
                return .message("search failed: \(error)")
            }
            matchesQuery = query
            matchIndex = step > 0 ? -1 : 0
        }
        guard !matches.isEmpty else {
            return .message("no path contains '\(TextSanitizer.sanitize(query))'")
        }
        matchIndex = (matchIndex + step + matches.count) % matches.count
        select(path: matches[matchIndex])
        return .handled
    }

    private func setExpanded(_ path: String, _ value: Bool) {
        if value { expanded.insert(path) } else { expanded.remove(path) }
        let selected = selectedNode?.path
        rebuild()
        if let selected { select(path: selected) }
    }

    /// Expands every group above `path` and selects it.
    func select(path: String) {
        var prefix = ""
        var added = false
        for part in path.split(separator: "/").dropLast() {
            prefix += "/" + part
            if expanded.insert(prefix).inserted { added = true }
        }
        if added { rebuild() }
        let target = path.isEmpty ? "/" : path
        if let index = rows.firstIndex(where: { $0.node.path == target }) {
            list.selectedIndex = index
            list.scrollOffset = list.visibleOffset(visibleRows: visibleRows)
        }
    }
}
