/// One column of a `Table`.
public struct TableColumn: Hashable, Sendable {
    public var title: String
    /// Width in columns; nil shares the space left over by fixed columns equally.
    public var width: Int?
    public var alignment: TextAlignment

    public init(_ title: String, width: Int? = nil, alignment: TextAlignment = .left) {
        self.title = title
        self.width = width
        self.alignment = alignment
    }
}

/// A table of strings with a header row, a selected row and vertical scrolling.
///
/// The table is a value the screen keeps between frames. Drawing never changes it, but
/// always shows the selected row. When `scrollOffset` would hide the selection, the drawn
/// offset is moved (see `visibleOffset(visibleRows:)`). Call `ensureSelectionVisible` to
/// store that offset.
public struct Table: Hashable, Sendable {
    public var columns: [TableColumn]
    /// Rows of cell texts; a row shorter than `columns` leaves the rest blank.
    public var rows: [[String]]
    /// Index into `rows`, or nil for no selection.
    public var selectedRow: Int?
    /// Index of the first row shown.
    public var scrollOffset: Int
    /// Index of the column the rows are sorted by, shown with an arrow in its header.
    public var sortColumn: Int?
    public var sortAscending: Bool
    /// Blank columns between adjacent columns.
    public var columnGap: Int

    public init(
        columns: [TableColumn], rows: [[String]] = [], selectedRow: Int? = nil,
        scrollOffset: Int = 0, sortColumn: Int? = nil, sortAscending: Bool = true,
        columnGap: Int = 1
    ) {
        self.columns = columns
        self.rows = rows
        self.selectedRow = selectedRow
        self.scrollOffset = scrollOffset
        self.sortColumn = sortColumn
        self.sortAscending = sortAscending
        self.columnGap = max(0, columnGap)
    }

    /// Number of data rows that fit in a rect of `height` rows (one goes to the header).
    public static func visibleRows(height: Int) -> Int { max(0, height - 1) }

    /// Returns the first row to draw so that the selection lies within `visibleRows` rows.
    public func visibleOffset(visibleRows: Int) -> Int {
        guard visibleRows > 0, !rows.isEmpty else { return 0 }
        let maximumOffset = max(0, rows.count - visibleRows)
        var offset = min(max(0, scrollOffset), maximumOffset)
        if let selected = selectedRow.map({ min(max(0, $0), rows.count - 1) }) {
            if selected < offset { offset = selected }
            if selected >= offset + visibleRows { offset = selected - visibleRows + 1 }
        }
        return offset
    }

    /// Stores the offset that keeps the selection visible in `visibleRows` rows.
    public mutating func ensureSelectionVisible(visibleRows: Int) {
        scrollOffset = visibleOffset(visibleRows: visibleRows)
    }

    /// Moves the selection by `delta` rows (negative is up), clamped to the rows, and
    /// scrolls to keep it visible. Selects the first row when nothing was selected.
    public mutating func moveSelection(by delta: Int, visibleRows: Int) {
        guard !rows.isEmpty else {
            selectedRow = nil
            return
        }
        let current = selectedRow ?? (delta > 0 ? -1 : rows.count)
        selectedRow = min(max(0, current + delta), rows.count - 1)
        ensureSelectionVisible(visibleRows: visibleRows)
    }

    /// Resolved column widths for a total width: fixed columns keep theirs, flexible ones
    /// share the rest (at least 1 each), and columns past the right edge get 0.
    public func columnWidths(totalWidth: Int) -> [Int] {
        let gaps = columnGap * max(0, columns.count - 1)
        let fixed = columns.compactMap(\.width).reduce(0, +)
        let flexibleCount = columns.filter { $0.width == nil }.count
        let spare = max(0, totalWidth - gaps - fixed)
        var widths: [Int] = []
        var flexibleSeen = 0
        for column in columns {
            if let width = column.width {
                widths.append(max(0, width))
            } else {
                flexibleSeen += 1
                let share = spare / max(1, flexibleCount)
                let extra = flexibleSeen <= spare % max(1, flexibleCount) ? 1 : 0
                widths.append(max(1, share + extra))
            }
        }
        var used = 0
        for index in widths.indices {
            let start = used
            let available = max(0, totalWidth - start)
            widths[index] = min(widths[index], available)
            used = start + widths[index] + columnGap
        }
        return widths
    }

    /// Draws the header and the visible rows into `rect`.
    public func draw(into buffer: inout CellBuffer, in rect: Rect, appearance: Appearance) {
        guard !rect.isEmpty else { return }
        let widths = columnWidths(totalWidth: rect.width)
        let headerStyle = appearance.style(.header)
        let textStyle = appearance.style(.text)
        let selectionStyle = appearance.style(.selection)
        let glyphs = appearance.glyphs

        buffer.fill(Rect(x: rect.x, y: rect.y, width: rect.width, height: 1), style: headerStyle)
        var x = rect.x
        for (index, column) in columns.enumerated() {
            var title = column.title
            if index == sortColumn {
                let arrow = sortAscending ? glyphs.arrowUp : glyphs.arrowDown
                title = column.alignment == .right ? "\(arrow)\(title)" : "\(title)\(arrow)"
            }
            buffer.put(
                title, x: x, y: rect.y, width: widths[index],
                alignment: column.alignment, style: headerStyle,
                ellipsis: glyphs.ellipsis)
            x += widths[index] + columnGap
        }

        let visible = Table.visibleRows(height: rect.height)
        let offset = visibleOffset(visibleRows: visible)
        for line in 0..<visible {
            let rowIndex = offset + line
            guard rowIndex < rows.count else { break }
            let y = rect.y + 1 + line
            let style = rowIndex == selectedRow ? selectionStyle : textStyle
            buffer.fill(Rect(x: rect.x, y: y, width: rect.width, height: 1), style: style)
            var cellX = rect.x
            for (index, column) in columns.enumerated() {
                let text = index < rows[rowIndex].count ? rows[rowIndex][index] : ""
                buffer.put(
                    text, x: cellX, y: y, width: widths[index],
                    alignment: column.alignment, style: style,
                    ellipsis: glyphs.ellipsis)
                cellX += widths[index] + columnGap
            }
        }
    }
}
