import Engine
import Foundation
import Models
import Terminal

/// The model screen: training curves of the ELBO and its three terms, the training status,
/// and the current model's held-out breakdown with one patch and its reconstruction.
@MainActor
final class ModelScreen: Screen {
    /// Index of the held-out patch shown beside the bars.
    private(set) var selectedPatch = 0

    let title = "Model"
    var location: String { "hierarchical VAE" }
    let commands: [Command] = [.trainModel, .pauseJob, .cancelJob, .moveLeft, .moveRight]

    init(workspace: Workspace) {
        workspace.model.loadIfPresent(engine: workspace.engine)
    }

    func draw(into buffer: inout CellBuffer, in rect: Rect, context: DrawContext) {
        let state = context.workspace.model
        state.poll(engine: context.workspace.engine)
        draw(
            snapshot: state.session?.snapshot, state: state, into: &buffer, in: rect,
            appearance: context.appearance)
    }

    /// Draws a training snapshot and the state's model. Tests pass a snapshot of their own.
    func draw(
        snapshot: TrainingSnapshot?, state: ModelState, into buffer: inout CellBuffer,
        in rect: Rect, appearance: Appearance
    ) {
        guard snapshot != nil || state.model != nil || state.isLoading else {
            drawEmptyState(into: &buffer, in: rect, state: state, appearance: appearance)
            return
        }

        let (statusRow, body) = rect.splitTop(1)
        buffer.put(statusLine(state: state, snapshot: snapshot), x: statusRow.x, y: statusRow.y,
                   width: statusRow.width, style: appearance.style(.muted),
                   ellipsis: appearance.glyphs.ellipsis)
        let (curveArea, lower) = body.splitTop(max(6, body.height / 2 + 1))
        drawCurves(snapshot, into: &buffer, in: curveArea, appearance: appearance)

        guard let breakdown = state.breakdown, !breakdown.perPatch.isEmpty else {
            let text = state.isLoading ? "computing the held-out ELBO..."
                : "the held-out breakdown appears when training stops"
            buffer.put(text, x: lower.x, y: lower.y + 1, width: lower.width,
                       style: appearance.style(.muted),
                       ellipsis: appearance.glyphs.ellipsis)
            return
        }
        selectedPatch = min(selectedPatch, breakdown.perPatch.count - 1)
        let (barArea, patchArea) = lower.inset(top: 1).splitRight(min(36, lower.width / 2))
        drawBars(breakdown, into: &buffer, in: barArea.inset(right: 1), appearance: appearance)
        drawPatch(breakdown, into: &buffer, in: patchArea, appearance: appearance)
    }

    func handle(_ command: Command, context: ScreenContext) -> ScreenAction {
        let state = context.workspace.model
        switch command {
        case .trainModel:
            if let problem = state.startTraining(engine: context.engine) {
                return .message(problem)
            }
        case .pauseJob:
            return state.togglePause() ? .handled : .ignored
        case .cancelJob:
            return state.cancelTraining()
                ? .message("cancelling training; the checkpoint is written first")
                : .ignored
        case .moveLeft:
            selectedPatch = max(0, selectedPatch - 1)
        case .moveRight:
            let count = state.breakdown?.perPatch.count ?? 1
            selectedPatch = min(max(0, count - 1), selectedPatch + 1)
        default:
            return .ignored
        }
        return .handled
    }

    // MARK: - Parts

    private func statusLine(state: ModelState, snapshot: TrainingSnapshot?) -> String {
        var parts: [String] = []
        if let snapshot {
            parts.append("step \(snapshot.progress.step)/\(snapshot.totalSteps)")
            parts.append(String(format: "%.0f patches/s", snapshot.progress.patchesPerSecond))
            parts.append(Self.describe(snapshot.status))
        } else if let model = state.model {
            parts.append("step \(model.step)")
            parts.append("loaded")
        } else {
            parts.append("loading the checkpoint")
        }
        if let failure = state.failure { parts.append("error: \(failure)") }
        parts.append("checkpoint \(Self.abbreviated(state.checkpointPath))")
        return parts.joined(separator: "  ")
    }

    static func describe(_ status: TrainingStatus) -> String {
        switch status {
        case .preparing: "preparing"
        case .running: "running"
        case .paused: "paused"
        case .finishing: "saving"
        case .completed: "completed"
        case .cancelled: "cancelled"
        case .failed: "failed"
        }
    }

    /// `path` with the home folder written as `~`.
    static func abbreviated(_ path: String) -> String {
        let home = NSHomeDirectory()
        return path.hasPrefix(home + "/") ? "~" + path.dropFirst(home.count) : path
    }

    private func drawCurves(
        _ snapshot: TrainingSnapshot?, into buffer: inout CellBuffer, in rect: Rect,
        appearance: Appearance
    ) {
        let points = snapshot?.history.points ?? []
        guard points.count >= 2 else {
            buffer.put("training curves appear while a model trains in this run (t)", x: rect.x,
                       y: rect.y + rect.height / 2, width: rect.width, alignment: .center,
                       style: appearance.style(.muted),
                       ellipsis: appearance.glyphs.ellipsis)
            return
        }
        let steps = points.map { Double($0.step) }
        var series = [
            PlotSeries(name: "ELBO", x: steps, y: points.map(\.terms.elbo)),
            PlotSeries(name: "recon", x: steps, y: points.map(\.terms.reconstruction)),
            PlotSeries(name: "KL(z2)", x: steps, y: points.map(\.terms.klZ2)),
            PlotSeries(name: "KL(z1)", x: steps, y: points.map(\.terms.klZ1)),
        ]
        let heldOut = snapshot?.heldOutHistory ?? []
        if heldOut.count >= 2 {
            series.append(PlotSeries(
                name: "held-out ELBO", x: heldOut.map { Double($0.step) },
                y: heldOut.map(\.terms.elbo)))
        }
        LinePlot(series: series, xLabel: "training step", yLabel: "nats per patch")
            .draw(into: &buffer, in: rect, appearance: appearance)
    }

    private func drawBars(
        _ breakdown: HeldOutBreakdown, into buffer: inout CellBuffer, in rect: Rect,
        appearance: Appearance
    ) {
        let selected = breakdown.perPatch[selectedPatch]
        // NOTE: StackedBars draws negative values as zero, so a patch whose reconstruction
        // log-likelihood is positive (possible with a small decoder variance) shows no
        // -recon segment. The numbers beside the patch stay exact.
        let bars = StackedBars(
            categories: ["mean", "patch \(selectedPatch)"],
            segmentNames: ["-recon", "KL(z2)", "KL(z1)"],
            values: [breakdown.mean, selected].map { [-$0.reconstruction, $0.klZ2, $0.klZ1] })
        buffer.put(
            "-ELBO, nats: \(breakdown.perPatch.count) held-out patches, step \(breakdown.step)",
            x: rect.x, y: rect.y, width: rect.width,
            style: appearance.style(.header),
            ellipsis: appearance.glyphs.ellipsis)
        bars.draw(into: &buffer, in: rect.inset(top: 1), appearance: appearance)
    }

    private func drawPatch(
        _ breakdown: HeldOutBreakdown, into buffer: inout CellBuffer, in rect: Rect,
        appearance: Appearance
    ) {
        let side = breakdown.patchSide
        let terms = breakdown.perPatch[selectedPatch]
        let arrows = "\(appearance.glyphs.arrowLeft)\(appearance.glyphs.arrowRight)"
        buffer.put("patch \(selectedPatch + 1)/\(breakdown.perPatch.count) (\(arrows))",
                   x: rect.x, y: rect.y, width: rect.width, style: appearance.style(.header),
                   ellipsis: appearance.glyphs.ellipsis)

        let imageWidth = min(side, (rect.width - 2) / 2)
        let imageRows = min((side + 1) / 2, max(1, rect.height - 6))
        let original = breakdown.patches.row(selectedPatch).map(Double.init)
        let decoded = breakdown.reconstructions.row(selectedPatch).map(Double.init)
        let all = (original + decoded).filter(\.isFinite)
        let range = (all.min() ?? 0)...max((all.max() ?? 1), (all.min() ?? 0) + 1e-6)
        for (index, (label, pixels)) in [("patch", original), ("recon", decoded)].enumerated() {
            let x = rect.x + index * (imageWidth + 2)
            buffer.put(label, x: x, y: rect.y + 1, width: imageWidth,
                       style: appearance.style(.muted), ellipsis: appearance.glyphs.ellipsis)
            if let image = try? HalfBlockImage(
                width: side, height: side, pixels: pixels, range: range)
            {
                image.draw(into: &buffer,
                           in: Rect(x: x, y: rect.y + 2, width: imageWidth, height: imageRows),
                           appearance: appearance)
            }
        }

        let lines = [
            ("ELBO", terms.elbo), ("recon", terms.reconstruction), ("KL(z2)", terms.klZ2),
            ("KL(z1)", terms.klZ1),
        ]
        let top = rect.y + 2 + imageRows
        for (offset, line) in lines.enumerated() where top + offset < rect.maxY {
            buffer.put(line.0, x: rect.x, y: top + offset, width: 8,
                       style: appearance.style(.muted),
                       ellipsis: appearance.glyphs.ellipsis)
            buffer.put(ModelCommandSupport.number(line.1), x: rect.x + 8, y: top + offset,
                       width: 12, alignment: .right, style: appearance.style(.text))
        }
    }

    private func drawEmptyState(
        into buffer: inout CellBuffer, in rect: Rect, state: ModelState, appearance: Appearance
    ) {
        var lines = [
            "No model yet.",
            "",
            "Press t to train the hierarchical VAE on the photographs",
            "(checkpoint: \(Self.abbreviated(state.checkpointPath))),",
            "or train one from a shell and copy it there:",
            "  cortexscope train --steps 2000 --out FILE",
        ]
        if let failure = state.failure { lines += ["", "error: \(failure)"] }
        Notice.draw(lines, into: &buffer, in: rect, appearance: appearance, headingRole: .header)
    }
}
