/// A vertical list of strings with a selected item and scrolling.
///
/// Like `Table`, drawing never changes the value but always shows the selected item.
public struct ListView: Hashable, Sendable {
    public var items: [String]
    /// Index into `items`, or nil for no selection.
    public var selectedIndex: Int?
    /// Index of the first item shown.
    public var scrollOffset: Int

    public init(items: [String], selectedIndex: Int? = nil, scrollOffset: Int = 0) {
        self.items = items
        self.selectedIndex = selectedIndex
        self.scrollOffset = scrollOffset
    }

    /// Returns the first item to draw so that the selection lies within `visibleRows` rows.
    public func visibleOffset(visibleRows: Int) -> Int {
        guard visibleRows > 0, !items.isEmpty else { return 0 }
        var offset = min(max(0, scrollOffset), max(0, items.count - visibleRows))
        if let selected = selectedIndex.map({ min(max(0, $0), items.count - 1) }) {
            if selected < offset { offset = selected }
            if selected >= offset + visibleRows { offset = selected - visibleRows + 1 }
        }
        return offset
    }

    /// Moves the selection by `delta` items, clamped, and scrolls to keep it visible.
    public mutating func moveSelection(by delta: Int, visibleRows: Int) {
        guard !items.isEmpty else {
            selectedIndex = nil
            return
        }
        let current = selectedIndex ?? (delta > 0 ? -1 : items.count)
        selectedIndex = min(max(0, current + delta), items.count - 1)
        scrollOffset = visibleOffset(visibleRows: visibleRows)
    }

    /// Draws the visible items, one per row; the selected one in the selection style.
    public func draw(into buffer: inout CellBuffer, in rect: Rect, appearance: Appearance) {
        guard !rect.isEmpty else { return }
        let offset = visibleOffset(visibleRows: rect.height)
        for line in 0..<rect.height {
            let index = offset + line
            guard index < items.count else { break }
            let style = appearance.style(index == selectedIndex ? .selection : .text)
            buffer.put(
                items[index], x: rect.x, y: rect.y + line, width: rect.width,
                style: style, ellipsis: appearance.glyphs.ellipsis)
        }
    }
}
