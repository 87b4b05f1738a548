import Terminal
import XCTest

final class TableTests: XCTestCase {
    func makeTable(rows count: Int) -> Table {
        Table(columns: [TableColumn("name")], rows: (0..<count).map { ["r\($0)"] })
    }

    func testMovingDownScrollsToKeepSelectionVisible() {
        var table = makeTable(rows: 20)
        table.selectedRow = 0
        for _ in 0..<7 { table.moveSelection(by: 1, visibleRows: 5) }
        XCTAssertEqual(table.selectedRow, 7)
        XCTAssertEqual(table.scrollOffset, 3)
    }

    func testMovingUpScrollsBack() {
        var table = makeTable(rows: 20)
        table.selectedRow = 10
        table.scrollOffset = 8
        table.moveSelection(by: -5, visibleRows: 5)
        XCTAssertEqual(table.selectedRow, 5)
        XCTAssertEqual(table.scrollOffset, 5)
    }

    func testSelectionClampsAtEnds() {
        var table = makeTable(rows: 4)
        table.moveSelection(by: 100, visibleRows: 2)
        XCTAssertEqual(table.selectedRow, 3)
        XCTAssertEqual(table.scrollOffset, 2)
        table.moveSelection(by: -100, visibleRows: 2)
        XCTAssertEqual(table.selectedRow, 0)
        XCTAssertEqual(table.scrollOffset, 0)
    }

    func testDrawShowsSelectionEvenWithStaleOffset() {
        var table = makeTable(rows: 30)
        table.selectedRow = 25
        table.scrollOffset = 0
        var buffer = CellBuffer(width: 10, height: 6)
        table.draw(into: &buffer, in: buffer.bounds, appearance: .plain)
        XCTAssertEqual(buffer.plainText(), "name\nr21\nr22\nr23\nr24\nr25")
        XCTAssertTrue(buffer[0, 5].style.attributes.contains(.reverse))
    }

    func testEmptyTableDrawsHeaderOnly() {
        var table = makeTable(rows: 0)
        table.moveSelection(by: 1, visibleRows: 3)
        XCTAssertNil(table.selectedRow)
        var buffer = CellBuffer(width: 10, height: 3)
        table.draw(into: &buffer, in: buffer.bounds, appearance: .plain)
        XCTAssertEqual(buffer.plainText(), "name\n\n")
    }

    func testColumnWidthsShareSpareSpace() {
        let table = Table(columns: [TableColumn("a", width: 4), TableColumn("b"), TableColumn("c")])
        XCTAssertEqual(table.columnWidths(totalWidth: 15), [4, 5, 4])
        XCTAssertEqual(table.columnWidths(totalWidth: 5), [4, 0, 0])
    }

    func testListViewKeepsSelectionVisible() {
        var list = ListView(items: (0..<10).map { "i\($0)" })
        for _ in 0..<6 { list.moveSelection(by: 1, visibleRows: 3) }
        XCTAssertEqual(list.selectedIndex, 5)
        XCTAssertEqual(list.scrollOffset, 3)
    }
}
