import Terminal

/// Moves a table's selection for the movement commands; shared by every list screen.
enum TableNavigation {
    /// Applies `command` to `table` and returns true when it was a movement command.
    static func apply(_ command: Command, to table: inout Table, visibleRows: Int) -> Bool {
        let page = max(1, visibleRows - 1)
        switch command {
        case .moveUp: table.moveSelection(by: -1, visibleRows: visibleRows)
        case .moveDown: table.moveSelection(by: 1, visibleRows: visibleRows)
        case .pageUp: table.moveSelection(by: -page, visibleRows: visibleRows)
        case .pageDown: table.moveSelection(by: page, visibleRows: visibleRows)
        case .moveFirst: table.moveSelection(by: -table.rows.count, visibleRows: visibleRows)
        case .moveLast: table.moveSelection(by: table.rows.count, visibleRows: visibleRows)
        default: return false
        }
        return true
    }
}
