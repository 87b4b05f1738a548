import Data
import Engine
import Foundation
import Terminal

/// The neurons of one session with their selectivity indices, sortable by any column.
@MainActor
final class NeuronTableScreen: Screen {
    /// A column of the neuron table: its header, width and the value it sorts by.
    struct Column {
        let title: String
        let width: Int?
        let value: (NeuronTuning) -> Double?
        let text: (NeuronTuning) -> String
    }

    static let columns: [Column] = [
        Column(title: "Neuron", width: nil, value: { _ in nil }, text: { $0.id }),
        Column(title: "Pref", width: 5, value: { $0.preferredDirection },
               text: { Formatting.degrees($0.preferredDirection) }),
        Column(title: "OSI", width: 5, value: { $0.osi }, text: { Formatting.index($0.osi) }),
        Column(title: "DSI", width: 5, value: { $0.dsi }, text: { Formatting.index($0.dsi) }),
        Column(title: "gOSI", width: 5, value: { $0.globalOSI },
               text: { Formatting.index($0.globalOSI) }),
        Column(title: "gDSI", width: 5, value: { $0.globalDSI },
               text: { Formatting.index($0.globalDSI) }),
        Column(title: "Rel", width: 5, value: { $0.reliability },
               text: { Formatting.index($0.reliability) }),
        Column(title: "RunMod", width: 6, value: { $0.runningModulation },
               text: { Formatting.index($0.runningModulation) }),
        Column(title: "PupMod", width: 6, value: { $0.pupilModulation },
               text: { Formatting.index($0.pupilModulation) }),
        Column(title: "Fano", width: 5, value: { $0.fanoFactor },
               text: { Formatting.index($0.fanoFactor) }),
    ]

    let session: Session
    private let report: TuningReport
    private let neurons: [NeuronTuning]
    /// Cell texts per neuron, formatted once: a table of thousands of neurons redraws
    /// every tick while jobs run.
    private let cellTexts: [[String]]
    /// Neuron indices in display order.
    private(set) var order: [Int]
    private(set) var cursorColumn = 0
    private var sortColumn: Int?
    private var sortAscending = true
    private var table: Table
    private var visibleRows = 10
    /// False in headless output, which has no cursor: no selected row or column marks.
    var showsSelection = true

    init(session: Session, report: TuningReport) {
        self.session = session
        self.report = report
        self.neurons = report.neurons
        self.cellTexts = report.neurons.map { neuron in Self.columns.map { $0.text(neuron) } }
        self.order = Array(neurons.indices)
        self.table = Table(columns: [], selectedRow: neurons.isEmpty ? nil : 0)
    }

    var title: String { "Neurons of \(session.dataset.name)" }

    var location: String {
        guard let row = table.selectedRow, row < order.count else { return session.dataset.name }
        return "\(session.dataset.name) / \(neurons[order[row]].id)"
    }

    let commands: [Command] = [
        .moveUp, .moveDown, .moveLeft, .moveRight, .pageUp, .pageDown, .moveFirst, .moveLast,
        .sort, .sortReverse, .open,
    ]

    /// The neuron under the selection, as an index into the report's neurons.
    var selectedNeuron: Int? {
        table.selectedRow.flatMap { $0 < order.count ? order[$0] : nil }
    }

    func draw(into buffer: inout CellBuffer, in rect: Rect, context: DrawContext) {
        let (tableArea, summaryArea) = rect.splitBottom(min(1, rect.height))
        table.columns = Self.columns.enumerated().map { index, column in
            let marked = showsSelection && index == cursorColumn
            let title = marked ? "[\(column.title)]" : column.title
            let width = column.width.map { $0 + (marked ? 2 : 0) }
            return TableColumn(title, width: width, alignment: index == 0 ? .left : .right)
        }
        table.rows = order.map { cellTexts[$0] }
        table.sortColumn = sortColumn
        table.sortAscending = sortAscending
        if !showsSelection { table.selectedRow = nil }
        visibleRows = Table.visibleRows(height: tableArea.height)
        table.ensureSelectionVisible(visibleRows: visibleRows)
        table.draw(into: &buffer, in: tableArea, appearance: context.appearance)
        buffer.put(summary(), x: summaryArea.x, y: summaryArea.y, width: summaryArea.width,
                   style: context.appearance.style(.muted),
                   ellipsis: context.appearance.glyphs.ellipsis)
    }

    func handle(_ command: Command, context: ScreenContext) -> ScreenAction {
        if TableNavigation.apply(command, to: &table, visibleRows: visibleRows) {
            return .handled
        }
        switch command {
        case .moveLeft:
            cursorColumn = max(0, cursorColumn - 1)
        case .moveRight:
            cursorColumn = min(Self.columns.count - 1, cursorColumn + 1)
        case .sort:
            let ascending = sortColumn == cursorColumn ? !sortAscending : true
            sort(by: cursorColumn, ascending: ascending)
        case .sortReverse:
            sort(by: cursorColumn, ascending: false)
        case .open:
            guard let row = table.selectedRow, row < order.count else { return .handled }
            return .push(
                NeuronDetailScreen(session: session, report: report, order: order, position: row))
        default:
            return .ignored
        }
        return .handled
    }

    /// Sorts by a column, keeping the selected neuron selected. Undefined values go last in
    /// both directions; ties keep the session's order.
    func sort(by column: Int, ascending: Bool) {
        let selected = selectedNeuron
        sortColumn = column
        sortAscending = ascending
        let key = Self.columns[column].value
        order = neurons.indices.sorted { left, right in
            if column == 0 {
                let comparison = neurons[left].id.compare(
                    neurons[right].id, options: .numeric)
                if comparison == .orderedSame { return left < right }
                return ascending ? comparison == .orderedAscending
                    : comparison == .orderedDescending
            }
            switch (key(neurons[left]), key(neurons[right])) {
            case (nil, nil): return left < right
            case (nil, _): return false
            case (_, nil): return true
            case (let a?, let b?):
                if a == b { return left < right }
                return ascending ? a < b : a > b
            }
        }
        table.selectedRow = selected.flatMap { order.firstIndex(of: $0) }
    }

    private func summary() -> String {
        let osi = neurons.compactMap(\.osi).sorted()
        var parts = ["\(neurons.count) neurons"]
        if !osi.isEmpty {
            parts.append("median OSI " + Formatting.index(osi[osi.count / 2]))
            parts.append("\(osi.filter { $0 > 0.3 }.count) with OSI > 0.3")
        }
        if let running = report.runningTrialCount, let still = report.stationaryTrialCount
        {
            parts.append("running trials \(running)/\(running + still)")
        }
        return parts.joined(separator: " · ")
    }
}
