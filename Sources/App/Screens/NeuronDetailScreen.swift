import Data
import Engine
import Foundation
import Terminal

/// One neuron: its tuning curve (mean ± SEM against direction) beside its indices and the
/// per-condition table, and for a session with spike times its raster and PSTH. Tab moves
/// between the plot, the raster and the table; `r` shows or hides the raster.
@MainActor
final class NeuronDetailScreen: Screen {
    enum Pane {
        case plot
        case raster
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
    /// The raster and PSTH, for sessions with spike times.
    private(set) var raster: SpikeRasterPane?
    private(set) var showsRaster: Bool

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
        self.raster = SpikeRasterPane(dataset: session.dataset)
        self.showsRaster = raster != nil
        selectPreferredCondition()
    }

    /// Highlights the current neuron's preferred condition in the raster.
    private func selectPreferredCondition() {
        guard let preferred = neuron?.preferredDirection, let conditions = raster?.conditions,
            let index = conditions.values.firstIndex(of: preferred)
        else { return }
        raster?.selectedCondition = index
    }

    /// The unit's row in the dataset, which the raster indexes by.
    private var unitIndex: Int? {
        position < order.count ? order[position] : nil
    }

    var neuron: NeuronTuning? {
        position < order.count && order[position] < report.neurons.count
            ? report.neurons[order[position]] : nil
    }

    var title: String { "Neuron \(neuron?.id ?? "?") of \(session.dataset.name)" }

    var location: String {
        "\(session.dataset.name) / \(neuron?.id ?? "?") (\(position + 1)/\(order.count))"
    }

    var commands: [Command] {
        var list: [Command] = [.nextItem, .previousItem, .nextPane, .moveUp, .moveDown]
        if raster != nil { list += [.toggleRaster, .widerBins, .narrowerBins, .toggleSmoothing] }
        return list
    }

    func draw(into buffer: inout CellBuffer, in rect: Rect, context: DrawContext) {
        guard let neuron else { return }
        let appearance = context.appearance
        let sideWidth = min(28, rect.width / 2)
        let (plotArea, side) = rect.splitRight(sideWidth)

        var tuningArea = plotArea.inset(right: 1)
        if showsRaster, let raster, let unit = unitIndex {
            let (top, bottom) = plotArea.inset(right: 1).splitTop(plotArea.height * 9 / 20)
            tuningArea = top
            raster.draw(unit: unit, into: &buffer, in: bottom, appearance: appearance,
                        focused: focus == .raster)
        }
        drawPlot(neuron, into: &buffer, in: tuningArea, appearance: appearance)

        let metrics = metricLines(neuron)
        for (offset, line) in metrics.enumerated() where offset < side.height {
            buffer.put(line.label, x: side.x, y: side.y + offset, width: 12,
                       style: appearance.style(.muted))
            buffer.put(line.value, x: side.x + 12, y: side.y + offset, width: side.width - 12,
                       alignment: .right, style: appearance.style(.text))
        }
        let tableArea = side.inset(top: metrics.count + 1)
        conditionTable.columns[0].title =
            report.conditionName == StimulusTable.orientation ? "Ori" : "Dir"
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
            yLabel: session.dataset.spikeTimes == nil ? "response" : "rate (spikes/s)",
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
        case (.nextPane, _):
            focus = nextPane(after: focus, step: 1)
        case (.previousPane, _):
            focus = nextPane(after: focus, step: -1)
        case (.toggleRaster, _) where raster != nil:
            showsRaster.toggle()
            if !showsRaster && focus == .raster { focus = .plot }
        case (.widerBins, _) where raster != nil:
            raster?.widenBins()
        case (.narrowerBins, _) where raster != nil:
            raster?.narrowBins()
        case (.toggleSmoothing, _) where raster != nil:
            raster?.toggleSmoothing()
        case (.moveDown, .raster):
            if let count = raster?.conditions.values.count,
                let current = raster?.selectedCondition
            {
                raster?.selectedCondition = min(count - 1, current + 1)
            }
        case (.moveUp, .raster):
            let current = raster?.selectedCondition ?? 0
            raster?.selectedCondition = max(0, current - 1)
        case (.nextItem, _), (.moveDown, .plot):
            position = min(order.count - 1, position + 1)
            selectPreferredCondition()
        case (.previousItem, _), (.moveUp, .plot):
            position = max(0, position - 1)
            selectPreferredCondition()
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

    /// Returns the pane `step` places after `pane` in the order plot, raster (when shown),
    /// conditions.
    private func nextPane(after pane: Pane, step: Int) -> Pane {
        let panes: [Pane] = showsRaster ? [.plot, .raster, .conditions] : [.plot, .conditions]
        let index = panes.firstIndex(of: pane) ?? 0
        return panes[(index + step + panes.count) % panes.count]
    }
}
