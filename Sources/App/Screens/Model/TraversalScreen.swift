import Engine
import Foundation
import Models
import Terminal

/// The traversal screen: decoded images along one latent unit from -3 to +3 s.d., around
/// the prior mean or a held-out patch's posterior mean, and a second view tiling the
/// decoder's receptive fields of all z1 units.
@MainActor
final class TraversalScreen: Screen {
    enum View {
        case traversal
        case receptiveFields
    }

    /// What one traversal depends on; a new key starts a new job.
    private struct TraversalKey: Equatable {
        var model: ObjectIdentifier
        var layer: LatentLayer
        var unit: Int
        var patchIndex: Int?
    }

    private(set) var layer = LatentLayer.z1
    private(set) var unit = 0
    private(set) var aroundPatch = false
    private(set) var patchIndex = 0
    private(set) var colorMap = ColorMap.grey
    private(set) var view = View.traversal
    private(set) var fieldPage = 0
    private var fieldsPerPage = 1

    private var traversalKey: TraversalKey?
    private var traversalJob: Job<LatentTraversal>?
    private var fieldsModel: ObjectIdentifier?
    private var fieldsJob: Job<[[Double]]>?

    let title = "Traversal"
    var location: String { "\(layer.rawValue) unit \(unit)" }
    let commands: [Command] = [
        .nextPane, .moveLeft, .moveRight, .nextItem, .previousItem, .toggleCentre, .moveUp,
        .moveDown, .toggleColorMap, .toggleView, .pageUp, .pageDown, .trainModel,
    ]

    init(workspace: Workspace) {
        workspace.model.loadIfPresent(engine: workspace.engine)
    }

    func draw(into buffer: inout CellBuffer, in rect: Rect, context: DrawContext) {
        let state = context.workspace.model
        state.poll(engine: context.workspace.engine)
        let appearance = context.appearance
        guard let model = state.model else {
            drawEmptyState(into: &buffer, in: rect, state: state, appearance: appearance)
            return
        }
        switch view {
        case .traversal:
            drawTraversal(model: model, state: state, engine: context.workspace.engine,
                          into: &buffer, in: rect, appearance: appearance)
        case .receptiveFields:
            drawFields(model: model, engine: context.workspace.engine, into: &buffer, in: rect,
                       appearance: appearance)
        }
    }

    func handle(_ command: Command, context: ScreenContext) -> ScreenAction {
        let configuration = context.workspace.model.model?.configuration
        let units = (layer == .z1 ? configuration?.z1Size : configuration?.z2Size) ?? 1
        let patches = context.workspace.model.breakdown?.perPatch.count ?? 0
        switch command {
        case .nextPane, .previousPane:
            layer = layer == .z1 ? .z2 : .z1
            let size = (layer == .z1 ? configuration?.z1Size : configuration?.z2Size) ?? 1
            unit = min(unit, max(0, size - 1))
        case .moveRight, .nextItem:
            unit = min(units - 1, unit + 1)
        case .moveLeft, .previousItem:
            unit = max(0, unit - 1)
        case .toggleCentre:
            guard patches > 0 || aroundPatch else {
                return .message("no held-out patches yet; they are drawn after the model loads")
            }
            aroundPatch.toggle()
        case .moveDown:
            patchIndex = min(max(0, patches - 1), patchIndex + 1)
        case .moveUp:
            patchIndex = max(0, patchIndex - 1)
        case .toggleColorMap:
            colorMap = colorMap == .grey ? .viridis : .grey
        case .toggleView:
            view = view == .traversal ? .receptiveFields : .traversal
        case .pageDown:
            fieldPage += 1
        case .pageUp:
            fieldPage = max(0, fieldPage - 1)
        case .trainModel:
            let problem = context.workspace.model.startTraining(engine: context.engine)
            return .message(problem ?? "training started; press 2 to watch it")
        default:
            return .ignored
        }
        return .handled
    }

    // MARK: - Traversal

    private func drawTraversal(
        model: LoadedModel, state: ModelState, engine: Engine, into buffer: inout CellBuffer,
        in rect: Rect, appearance: Appearance
    ) {
        let units = layer == .z1 ? model.configuration.z1Size : model.configuration.z2Size
        unit = min(unit, units - 1)
        let patchCount = state.breakdown?.perPatch.count ?? 0
        let usesPatch = aroundPatch && patchCount > 0
        patchIndex = min(patchIndex, max(0, patchCount - 1))
        let around = usesPatch
            ? "held-out patch \(patchIndex) (up/down)" : "the prior mean"
        let arrows = "\(appearance.glyphs.arrowLeft)/\(appearance.glyphs.arrowRight)"
        buffer.put(
            "layer \(layer.rawValue) (Tab)  unit \(unit) of \(units) (\(arrows))  around "
                + "\(around) (a)", x: rect.x, y: rect.y, width: rect.width,
            style: appearance.style(.header), ellipsis: appearance.glyphs.ellipsis)
        let path = layer == .z2 ? "z2 -> mean of p(z1|z2) -> decoder" : "z1 -> decoder"
        buffer.put(
            "-3 to +3 s.d., \(path); step \(model.step); c colours, v receptive fields",
            x: rect.x, y: rect.y + 1, width: rect.width, style: appearance.style(.muted),
            ellipsis: appearance.glyphs.ellipsis)

        let key = TraversalKey(
            model: ObjectIdentifier(model), layer: layer, unit: unit,
            patchIndex: usesPatch ? patchIndex : nil)
        if key != traversalKey {
            traversalKey = key
            let patch = usesPatch ? state.breakdown?.patches.row(patchIndex) : nil
            let layer = self.layer
            let unit = self.unit
            traversalJob = engine.submit("traversal") { _ in
                try model.traverse(layer: layer, unit: unit, patch: patch, steps: 7)
            }
        }
        let area = rect.inset(top: 3)
        guard let job = traversalJob else { return }
        if case .failed(let message) = job.state {
            buffer.put(message, x: area.x, y: area.y, width: area.width,
                       style: appearance.style(.error),
                       ellipsis: appearance.glyphs.ellipsis)
            return
        }
        guard let traversal = job.result, let side = try? model.patchSide else {
            buffer.put("decoding...", x: area.x, y: area.y, width: area.width,
                       style: appearance.style(.muted),
                       ellipsis: appearance.glyphs.ellipsis)
            return
        }
        TraversalPicture(traversal: traversal, side: side, colorMap: colorMap)
            .draw(into: &buffer, in: area, appearance: appearance)
    }

    // MARK: - Receptive fields

    private func drawFields(
        model: LoadedModel, engine: Engine, into buffer: inout CellBuffer, in rect: Rect,
        appearance: Appearance
    ) {
        if fieldsModel != ObjectIdentifier(model) {
            fieldsModel = ObjectIdentifier(model)
            fieldsJob = engine.submit("receptive fields") { _ in
                let fields = try model.receptiveFields()
                return (0..<fields.rows).map { fields.row($0).map(Double.init) }
            }
        }
        guard let fields = fieldsJob?.result, let side = try? model.patchSide else {
            let failed = fieldsJob.map { if case .failed = $0.state { true } else { false } }
            buffer.put(failed == true ? "the receptive fields could not be computed"
                                      : "computing receptive fields...",
                       x: rect.x, y: rect.y, width: rect.width, style: appearance.style(.muted),
                       ellipsis: appearance.glyphs.ellipsis)
            return
        }

        let tileWidth = min(side, 10)
        let tileRows = (tileWidth + 1) / 2
        let columns = max(1, (rect.width + 1) / (tileWidth + 1))
        let rows = max(1, (rect.height - 2) / (tileRows + 1))
        fieldsPerPage = columns * rows
        let pages = max(1, (fields.count + fieldsPerPage - 1) / fieldsPerPage)
        fieldPage = min(fieldPage, pages - 1)
        let first = fieldPage * fieldsPerPage
        let last = min(fields.count, first + fieldsPerPage)

        let form = model.configuration.decoderForm == .linear
            ? "decoder columns" : "decoded change per unit step of z1 at the prior mean"
        buffer.put(
            "receptive fields of z1 units \(first)-\(last - 1) of \(fields.count) "
                + "(page \(fieldPage + 1)/\(pages), PgUp/PgDn): \(form)",
            x: rect.x, y: rect.y, width: rect.width, style: appearance.style(.header),
            ellipsis: appearance.glyphs.ellipsis)

        for index in first..<last {
            let slot = index - first
            let x = rect.x + (slot % columns) * (tileWidth + 1)
            let y = rect.y + 1 + (slot / columns) * (tileRows + 1)
            // Each field gets its own symmetric range, so zero is the middle of the colour map.
            let extent = max(fields[index].map(abs).max() ?? 0, 1e-12)
            if let image = try? HalfBlockImage(
                width: side, height: side, pixels: fields[index], range: -extent...extent,
                colorMap: colorMap)
            {
                image.draw(into: &buffer,
                           in: Rect(x: x, y: y, width: tileWidth, height: tileRows),
                           appearance: appearance)
            }
            buffer.put("\(index)", x: x, y: y + tileRows, width: tileWidth,
                       style: appearance.style(.axisLabel))
        }
    }

    private func drawEmptyState(
        into buffer: inout CellBuffer, in rect: Rect, state: ModelState, appearance: Appearance
    ) {
        var lines: [String]
        if state.isTraining || state.isLoading {
            lines = ["The model is training or loading.",
                     "Traversals appear once training stops (press 2 to watch it)."]
        } else {
            lines = [
                "No model yet.",
                "",
                "Press t to train the hierarchical VAE on the photographs (2 shows it),",
                "or train one from a shell and copy it to",
                "  \(ModelScreen.abbreviated(state.checkpointPath)):",
                "  cortexscope train --steps 2000 --out FILE",
            ]
        }
        if let failure = state.failure { lines += ["", "error: \(failure)"] }
        Notice.draw(lines, into: &buffer, in: rect, appearance: appearance, headingRole: .header)
    }
}
