import Data
import Engine
import Foundation
import Terminal

/// One neuron: its tuning curve (mean ± SEM against direction) beside its indices and the
/// per-condition table. Tab moves between the plot and the table.
@MainActor
final class NeuronDetailScreen: Screen {
    enum Pane {
        case plot
        case conditions
    }

    let session: Session
    private let report: TuningReport
    /// Neuron indices in the order of the table the screen was opened from.
    private let order: [Int]
    private(set) var position: Int
    private(set) var focus = Pane.plot
    private var conditionTable: Table
    private var visibleConditionRows = 8

    init(session: Session, report: TuningReport, order: [Int], position: Int) {
        self.session = session
        self.report = report
        self.order = order
        self.position = min(max(0, position), max(0, order.count - 1))
        self.conditionTable = Table(
            columns: [
                TableColumn("Dir", width: 4, alignment: .right),
                TableColumn("Mean", width: 7, alignment: .right),
                TableColumn("SEM", width: 6, alignment: .right),
                TableColumn("n", width: 3, alignment: .right),
            ],
            selectedRow: nil)
    }

    var neuron: NeuronTuning? {
        position < order.count && order[position] < report.neurons.count
            ? report.neurons[order[position]] : nil
    }

    var title: String { "Neuron \(neuron?.id ?? "?") of \(session.dataset.name)" }

    var location: String {
        "\(session.dataset.name) / \(neuron?.id ?? "?") (\(position + 1)/\(order.count))"
    }

    let commands: [Command] = [.nextItem, .previousItem, .nextPane, .moveUp, .moveDown]

    func draw(into buffer: inout CellBuffer, in rect: Rect, context: DrawContext) {
        guard let neuron else { return }
        let appearance = context.appearance
        let sideWidth = min(28, rect.width / 2)
        let (plotArea, side) = rect.splitRight(sideWidth)

        drawPlot(neuron, into: &buffer, in: plotArea.inset(right: 1), appearance: appearance)

        let metrics = metricLines(neuron)
        for (offset, line) in metrics.enumerated() where offset < side.height {
            buffer.put(line.label, x: side.x, y: side.y + offset, width: 12,
                       style: appearance.style(.muted))
            buffer.put(line.value, x: side.x + 12, y: side.y + offset, width: side.width - 12,
                       alignment: .right, style: appearance.style(.text))
        }
        let tableArea = side.inset(top: metrics.count + 1)
        conditionTable.rows = report.directions.indices.map { index in
            [
                Formatting.degrees(report.directions[index]),
                Formatting.response(neuron.mean[index]),
                Formatting.response(neuron.sem[index]),
                "\(neuron.n[index])",
            ]
        }
        visibleConditionRows = Table.visibleRows(height: tableArea.height)
        conditionTable.selectedRow = focus == .conditions ? (conditionTable.selectedRow ?? 0)
            : nil
        conditionTable.ensureSelectionVisible(visibleRows: visibleConditionRows)
        conditionTable.draw(into: &buffer, in: tableArea, appearance: appearance)
    }

    private func drawPlot(
        _ neuron: NeuronTuning, into buffer: inout CellBuffer, in rect: Rect,
        appearance: Appearance
    ) {
        let series = PlotSeries(
            name: "\(neuron.id) mean ± SEM",
            x: report.directions,
            y: neuron.mean.map { $0 ?? .nan },
            error: neuron.sem.map { $0 ?? .nan })
        let marker = neuron.preferredDirection.map {
            PlotMarker(x: $0, label: "pref \(Formatting.degrees($0))")
        }
        let period = report.conditionName == StimulusTable.orientation ? 180.0 : 360.0
        let step = report.directions.count > 1
            ? report.directions[1] - report.directions[0] : period
        let plot = LinePlot(
            series: [series],
            xLabel: "\(report.conditionName) (deg)",
            yLabel: "response",
            marker: marker,
            xRange: report.directions.isEmpty ? nil
                : (report.directions[0] - step / 4)...(report.directions.last! + step / 4),
            xTicks: report.directions,
            showsLegend: false)
        plot.draw(into: &buffer, in: rect.inset(top: 1), appearance: appearance)
    }

    private func metricLines(_ neuron: NeuronTuning) -> [(label: String, value: String)] {
        [
            ("Preferred", Formatting.degrees(neuron.preferredDirection)
                + (neuron.preferredDirection == nil ? "" : " deg")),
            ("OSI", Formatting.index(neuron.osi)),
            ("DSI", Formatting.index(neuron.dsi)),
            ("Global OSI", Formatting.index(neuron.globalOSI)),
            ("Global DSI", Formatting.index(neuron.globalDSI)),
            ("Reliability", Formatting.index(neuron.reliability)),
            ("Running mod", Formatting.index(neuron.runningModulation)),
            ("Pupil mod", Formatting.index(neuron.pupilModulation)),
            ("Fano factor", Formatting.index(neuron.fanoFactor)),
        ]
    }

    func handle(_ command: Command, context: ScreenContext) -> ScreenAction {
        switch (command, focus) {
        case (.nextPane, _), (.previousPane, _):
            focus = focus == .plot ? .conditions : .plot
        case (.nextItem, _), (.moveDown, .plot):
            position = min(order.count - 1, position + 1)
        case (.previousItem, _), (.moveUp, .plot):
            position = max(0, position - 1)
        case (_, .conditions):
            if !TableNavigation.apply(command, to: &conditionTable,
                                      visibleRows: visibleConditionRows)
            {
                return .ignored
            }
        default:
            return .ignored
        }
        return .handled
    }
}
