import Data
import Engine
import Foundation
import Terminal

/// A recording beside a simulated session, on four pages that Tab steps through:
/// selectivity histograms, preferred directions with the best-tuned units' curves,
/// variability (behavioural state for the data, contrast for the model) and noise
/// correlations. `[`/`]` choose the recording and `{`/`}` the model session.
///
/// The measures come from `ModelComparison.compute`, run as an engine job per pair of
/// sessions and cached, so stepping back to a pair is instant.
@MainActor
final class ComparisonScreen: Screen {
    enum Page: Int, CaseIterable {
        case selectivity
        case tuning
        case variability
        case correlations

        var title: String {
            switch self {
            case .selectivity: "selectivity"
            case .tuning: "preference and tuning"
            case .variability: "variability"
            case .correlations: "noise correlations"
            }
        }
    }

    private(set) var page = Page.selectivity
    private(set) var recordingIndex = 0
    private(set) var modelIndex = 0
    private var job: Job<ModelComparison>?
    private var jobKey: String?

    let title = "Model against data"

    var location: String {
        "page \(page.rawValue + 1)/\(Page.allCases.count): \(page.title)"
    }

    let commands: [Command] = [
        .nextPane, .previousPane, .nextRecording, .previousRecording, .nextModel,
        .previousModel,
    ]

    /// Recorded sessions with a tuning analysis, in the sessions list's order.
    static func recordings(_ store: SessionStore) -> [Session] {
        store.loadedSessions.filter { !$0.dataset.origin.isSimulated && $0.report != nil }
    }

    /// Simulated sessions with a tuning analysis.
    static func models(_ store: SessionStore) -> [Session] {
        store.loadedSessions.filter { $0.dataset.origin.isSimulated && $0.report != nil }
    }

    func handle(_ command: Command, context: ScreenContext) -> ScreenAction {
        let pages = Page.allCases.count
        switch command {
        case .nextPane:
            page = Page(rawValue: (page.rawValue + 1) % pages) ?? .selectivity
        case .previousPane:
            page = Page(rawValue: (page.rawValue + pages - 1) % pages) ?? .selectivity
        case .nextRecording:
            recordingIndex = Self.step(recordingIndex, by: 1,
                                       count: Self.recordings(context.store).count)
        case .previousRecording:
            recordingIndex = Self.step(recordingIndex, by: -1,
                                       count: Self.recordings(context.store).count)
        case .nextModel:
            modelIndex = Self.step(modelIndex, by: 1, count: Self.models(context.store).count)
        case .previousModel:
            modelIndex = Self.step(modelIndex, by: -1, count: Self.models(context.store).count)
        default:
            return .ignored
        }
        return .handled
    }

    private static func step(_ index: Int, by offset: Int, count: Int) -> Int {
        guard count > 0 else { return 0 }
        return ((index + offset) % count + count) % count
    }

    func draw(into buffer: inout CellBuffer, in rect: Rect, context: DrawContext) {
        let appearance = context.appearance
        let recordings = Self.recordings(context.store)
        let models = Self.models(context.store)
        guard !recordings.isEmpty, !models.isEmpty else {
            drawMissing(recordings: recordings.count, models: models.count, into: &buffer,
                        in: rect, context: context)
            return
        }
        let recording = recordings[min(recordingIndex, recordings.count - 1)]
        let model = models[min(modelIndex, models.count - 1)]
        let (header, body) = rect.splitTop(2)
        drawHeader(recording: recording, model: model, into: &buffer, in: header,
                   appearance: appearance)

        switch comparison(recording: recording, model: model, workspace: context.workspace) {
        case .success(let comparison?):
            drawPage(comparison, into: &buffer, in: body, appearance: appearance)
        case .success(nil):
            let percent = job?.progress.fraction.map { " \(Int($0 * 100))%" } ?? ""
            Self.drawMessage("computing the comparison\(percent)…", into: &buffer,
                                  in: body, appearance: appearance)
        case .failure(let error):
            buffer.put("comparison failed: \(error)", x: body.x, y: body.y + 1,
                       width: body.width, style: appearance.style(.error),
                       ellipsis: appearance.glyphs.ellipsis)
        }
    }

    /// Returns the comparison of the pair, or nil while its job runs, and starts the job
    /// when the pair changed.
    private func comparison(recording: Session, model: Session, workspace: Workspace)
        -> Result<ModelComparison?, Error>
    {
        let key = recording.dataset.name + "\u{1F}" + model.dataset.name
        if key != jobKey {
            jobKey = key
            let settings = workspace.settings
            job = workspace.engine.submit("compare \(model.dataset.name)") { context in
                context.report(fraction: 0, "comparing")
                let result = try ModelComparison.compute(
                    recording: recording, model: model, settings: settings)
                context.report(fraction: 1, "compared")
                return result
            }
        }
        guard let job, job.state.isDone else { return .success(nil) }
        return Result { try job.wait() }
    }

    private func drawHeader(
        recording: Session, model: Session, into buffer: inout CellBuffer, in rect: Rect,
        appearance: Appearance
    ) {
        let half = rect.width / 2
        let ellipsis = appearance.glyphs.ellipsis
        buffer.put("Data [ ]: " + recording.dataset.name, x: rect.x, y: rect.y,
                   width: half - 1, style: appearance.style(.accent), ellipsis: ellipsis)
        buffer.put("Model { }: " + model.dataset.name, x: rect.x + half, y: rect.y,
                   width: rect.width - half, style: appearance.style(.accent),
                   ellipsis: ellipsis)
        let pageText = "Tab page \(page.rawValue + 1)/\(Page.allCases.count): \(page.title)"
        buffer.put(pageText, x: rect.x, y: rect.y + 1, width: rect.width,
                   style: appearance.style(.muted), ellipsis: ellipsis)
    }

    private func drawPage(
        _ comparison: ModelComparison, into buffer: inout CellBuffer, in rect: Rect,
        appearance: Appearance
    ) {
        let columns = rect.splitColumns(weights: [1, 1], gap: 2)
        switch page {
        case .selectivity:
            for (column, side) in zip(columns, [comparison.recording, comparison.model]) {
                let rows = column.splitRows(weights: [1, 1], gap: 0)
                Histogram(values: side.globalOSI, binCount: 10, range: 0...1,
                          xLabel: "global OSI (n=\(side.globalOSI.count))")
                    .draw(into: &buffer, in: rows[0], appearance: appearance)
                Histogram(values: side.globalDSI, binCount: 10, range: 0...1,
                          xLabel: "global DSI (n=\(side.globalDSI.count))")
                    .draw(into: &buffer, in: rows[1], appearance: appearance)
            }
        case .tuning:
            for (column, side) in zip(columns, [comparison.recording, comparison.model]) {
                let rows = column.splitRows(weights: [1, 1], gap: 0)
                Histogram(values: side.preferredDirections, binCount: 8, range: -22.5...337.5,
                          xLabel: "preferred direction (deg)")
                    .draw(into: &buffer, in: rows[0], appearance: appearance)
                drawTuningCurve(side, into: &buffer, in: rows[1], appearance: appearance)
            }
        case .variability:
            drawBehaviour(comparison.behaviour, into: &buffer, in: columns[0],
                          appearance: appearance)
            drawContrastSeries(comparison.contrastSeries, into: &buffer, in: columns[1],
                               appearance: appearance)
        case .correlations:
            for (column, side) in zip(columns, [comparison.recording, comparison.model]) {
                drawCorrelations(side, into: &buffer, in: column, appearance: appearance)
            }
        }
    }

    private func drawTuningCurve(
        _ side: ModelComparison.Side, into buffer: inout CellBuffer, in rect: Rect,
        appearance: Appearance
    ) {
        guard let neuron = side.bestTuned else {
            Self.drawMessage("no tuned unit", into: &buffer, in: rect,
                                  appearance: appearance)
            return
        }
        let series = PlotSeries(
            name: neuron.id, x: side.directions, y: neuron.mean.map { $0 ?? .nan },
            error: neuron.sem.map { $0 ?? .nan })
        let label = "best: \(neuron.id) gOSI \(Formatting.index(neuron.globalOSI))"
        buffer.put(label, x: rect.x, y: rect.y, width: rect.width,
                   style: appearance.style(.muted), ellipsis: appearance.glyphs.ellipsis)
        LinePlot(series: [series], xLabel: "direction (deg)", yLabel: "response",
                 xTicks: side.directions.enumerated().filter { $0.offset % 2 == 0 }
                    .map(\.element),
                 showsLegend: false)
            .draw(into: &buffer, in: rect.inset(top: 1), appearance: appearance)
    }

    private func drawBehaviour(
        _ states: [StateVariability], into buffer: inout CellBuffer, in rect: Rect,
        appearance: Appearance
    ) {
        buffer.put("Data: variability by state", x: rect.x, y: rect.y, width: rect.width,
                   style: appearance.style(.header))
        guard !states.isEmpty else {
            buffer.put("no running or pupil series", x: rect.x, y: rect.y + 2,
                       width: rect.width, style: appearance.style(.muted))
            return
        }
        var table = Table(
            columns: [
                TableColumn("State", width: 11),
                TableColumn("Trials", width: 6, alignment: .right),
                TableColumn("Var", width: 6, alignment: .right),
                TableColumn("Fano", width: 6, alignment: .right),
            ],
            selectedRow: nil)
        table.rows = states.map {
            [$0.label, "\($0.trials)", Formatting.response($0.meanVariance),
             Formatting.response($0.meanFanoFactor)]
        }
        let (tableArea, notesArea) = rect.inset(top: 1).splitTop(states.count + 1)
        table.draw(into: &buffer, in: tableArea, appearance: appearance)
        let notes = [
            "Var: response variance in the state,",
            "mean over neurons and directions.",
            "Fano: variance / mean where the mean",
            "is positive, averaged the same way.",
        ]
        for (offset, line) in notes.enumerated() where offset + 1 < notesArea.height {
            buffer.put(line, x: notesArea.x, y: notesArea.y + 1 + offset,
                       width: notesArea.width, style: appearance.style(.muted))
        }
    }

    private func drawContrastSeries(
        _ series: [ContrastPoint], into buffer: inout CellBuffer, in rect: Rect,
        appearance: Appearance
    ) {
        buffer.put("Model: variability by contrast", x: rect.x, y: rect.y, width: rect.width,
                   style: appearance.style(.header))
        guard !series.isEmpty else {
            buffer.put("no contrast series", x: rect.x, y: rect.y + 2, width: rect.width,
                       style: appearance.style(.muted))
            return
        }
        let contrasts = series.map(\.contrast)
        let rows = rect.inset(top: 1).splitRows(weights: [1, 1], gap: 0)
        LinePlot(
            series: [PlotSeries(name: "posterior variance", x: contrasts,
                                y: series.map(\.meanPosteriorVariance))],
            xLabel: "contrast", yLabel: "post. var", xTicks: contrasts, showsLegend: false
        ).draw(into: &buffer, in: rows[0], appearance: appearance)
        let fano = series.map { $0.fanoFactor ?? .nan }
        if fano.contains(where: \.isFinite) {
            LinePlot(
                series: [PlotSeries(name: "Fano factor", x: contrasts, y: fano)],
                xLabel: "contrast", yLabel: "Fano", xTicks: contrasts, showsLegend: false
            ).draw(into: &buffer, in: rows[1], appearance: appearance)
        } else {
            buffer.put("Fano factor: n/a (the model has no spikes)", x: rows[1].x,
                       y: rows[1].y + 1, width: rows[1].width, style: appearance.style(.muted))
        }
    }

    private func drawCorrelations(
        _ side: ModelComparison.Side, into buffer: inout CellBuffer, in rect: Rect,
        appearance: Appearance
    ) {
        guard let correlations = side.correlations, correlations.count > 0 else {
            Self.drawMessage("no correlations", into: &buffer, in: rect,
                                  appearance: appearance)
            return
        }
        let n = correlations.count
        var pixels = [Double](repeating: .nan, count: n * n)
        var offDiagonal: [Double] = []
        for (row, i) in side.order.enumerated() {
            for (column, j) in side.order.enumerated() {
                let value = correlations.values[i * n + j]
                pixels[row * n + column] = i == j ? .nan : value
                if i < j, value.isFinite { offDiagonal.append(value) }
            }
        }
        let mean = offDiagonal.isEmpty ? nil
            : offDiagonal.reduce(0, +) / Double(offDiagonal.count)
        buffer.put("\(n) units, mean r \(Formatting.index(mean))",
                   x: rect.x, y: rect.y, width: rect.width, style: appearance.style(.muted),
                   ellipsis: appearance.glyphs.ellipsis)
        let (imageArea, barArea) = rect.inset(top: 1).splitBottom(3)
        if let image = try? HalfBlockImage(
            width: n, height: n, pixels: pixels, range: -1...1, colorMap: .diverging)
        {
            image.draw(into: &buffer, in: imageArea, appearance: appearance)
        }
        ColorBar(colorMap: .diverging, range: -1...1, label: "noise correlation r")
            .draw(into: &buffer, in: barArea.inset(right: max(0, barArea.width - 36)),
                  appearance: appearance)
    }

    /// Centres a one-line message in `rect`, for a plot without data.
    private static func drawMessage(
        _ text: String, into buffer: inout CellBuffer, in rect: Rect, appearance: Appearance
    ) {
        guard rect.height > 0 else { return }
        buffer.put(text, x: rect.x, y: rect.y + rect.height / 2, width: rect.width,
                   alignment: .center, style: appearance.style(.muted))
    }

    private func drawMissing(
        recordings: Int, models: Int, into buffer: inout CellBuffer, in rect: Rect,
        context: DrawContext
    ) {
        let loading = context.store.loadingProgress != nil
        var lines = ["The comparison needs a recorded and a simulated session."]
        lines.append("Recorded sessions: \(recordings); simulated sessions: \(models).")
        if loading {
            lines.append("Files are still loading…")
        } else if models == 0 {
            lines.append("Add GSM parameters (.mat) or a VAE checkpoint (.safetensors) to the")
            lines.append("data path, or save a checkpoint under the state folder's models/.")
        }
        Notice.draw(lines, into: &buffer, in: rect, appearance: context.appearance)
    }
}
