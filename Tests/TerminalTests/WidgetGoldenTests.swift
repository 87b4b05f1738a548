import Foundation
import Terminal
import XCTest

/// Golden snapshots of widgets at fixed sizes.
final class WidgetGoldenTests: XCTestCase {
    static func neuronTable() -> Table {
        let rows = (0..<30).map { index -> [String] in
            let osi = Double((index * 37) % 100) / 100
            return [
                "n\(index)", String(format: "%.2f", osi), "\(index * 7 % 180)",
                index % 3 == 0 ? "V1 L2/3" : "V1 L4",
            ]
        }
        return Table(
            columns: [
                TableColumn("neuron", width: 8), TableColumn("OSI", width: 6, alignment: .right),
                TableColumn("pref", width: 5, alignment: .right), TableColumn("area"),
            ],
            rows: rows, selectedRow: 17, sortColumn: 1, sortAscending: false)
    }

    func testTableUnicode256() {
        var buffer = CellBuffer(width: 40, height: 10)
        Self.neuronTable().draw(into: &buffer, in: buffer.bounds, appearance: .rich)
        GoldenSnapshot.assertMatches(buffer, named: "table-unicode-256")
    }

    func testTableASCIINoColor() {
        var buffer = CellBuffer(width: 40, height: 10)
        Self.neuronTable().draw(into: &buffer, in: buffer.bounds, appearance: .plain)
        GoldenSnapshot.assertMatches(buffer, named: "table-ascii-none", asciiOnly: true)
    }

    func testScreenLayoutUnicode256() {
        var buffer = CellBuffer(width: 60, height: 12)
        let (body, status) = buffer.bounds.splitBottom(1)
        let (content, message) = body.splitBottom(1)
        buffer.box(
            content, style: Appearance.rich.style(.border), glyphs: .unicode,
            title: "neurons", titleStyle: Appearance.rich.style(.title))
        ListView(items: ["session A", "session B", "session C"], selectedIndex: 1)
            .draw(
                into: &buffer, in: content.insetBy(dx: 1, dy: 1).splitLeft(20).left,
                appearance: .rich)
        ProgressBar(fraction: 0.45, label: "training")
            .draw(
                into: &buffer, in: content.insetBy(dx: 1, dy: 1).splitBottom(1).bottom,
                appearance: .rich)
        MessageLine("checkpoint written", kind: .warning)
            .draw(into: &buffer, in: message, appearance: .rich)
        StatusBar(left: "Cortexscope", center: "neurons 17/30", right: "? help")
            .draw(into: &buffer, in: status, appearance: .rich)
        HelpOverlay(pairs: [("q", "quit"), ("enter", "open neuron"), ("s", "sort by OSI")])
            .draw(into: &buffer, in: buffer.bounds.splitTop(7).top, appearance: .rich)
        GoldenSnapshot.assertMatches(buffer, named: "screen-unicode-256")
    }
}
