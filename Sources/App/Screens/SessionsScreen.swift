import Data
import Engine
import Foundation
import Terminal

/// The first screen: every session found, with its size and whether behaviour was recorded.
@MainActor
final class SessionsScreen: Screen {
    private var table = Table(
        columns: [
            TableColumn("Session"),
            TableColumn("Source", width: 9),
            TableColumn("Neurons", width: 7, alignment: .right),
            TableColumn("Trials", width: 6, alignment: .right),
            TableColumn("Conds", width: 5, alignment: .right),
            TableColumn("Behaviour", width: 13),
        ],
        selectedRow: 0)
    private var visibleRows = 10

    let title = "Sessions"
    var location: String { "" }
    let commands: [Command] = [
        .moveUp, .moveDown, .pageUp, .pageDown, .moveFirst, .moveLast, .open, .showFileTree,
    ]

    func draw(into buffer: inout CellBuffer, in rect: Rect, context: DrawContext) {
        let entries = context.store.entries
        if entries.isEmpty {
            drawEmptyState(into: &buffer, in: rect, context: context)
            return
        }
        table.rows = entries.map(Self.row)
        if let selected = table.selectedRow, selected >= entries.count {
            table.selectedRow = entries.count - 1
        }
        let (tableArea, detailArea) = rect.splitBottom(min(5, max(0, rect.height - 4)))
        visibleRows = Table.visibleRows(height: tableArea.height)
        table.ensureSelectionVisible(visibleRows: visibleRows)
        table.draw(into: &buffer, in: tableArea, appearance: context.appearance)
        if let selected = table.selectedRow, selected < entries.count {
            drawDetail(entries[selected], into: &buffer, in: detailArea, context: context)
        }
    }

    func handle(_ command: Command, context: ScreenContext) -> ScreenAction {
        if TableNavigation.apply(command, to: &table, visibleRows: visibleRows) {
            return .handled
        }
        guard command == .open || command == .showFileTree else { return .ignored }
        guard let selected = table.selectedRow, selected < context.store.entries.count else {
            return .handled
        }
        if command == .showFileTree {
            return Self.fileTree(for: context.store.entries[selected])
        }
        switch context.store.entries[selected] {
        case .loading(let path, _):
            return .message("\((path as NSString).lastPathComponent) is still loading")
        case .failed(_, let message):
            return .message(message)
        case .loaded(let session):
            guard let report = session.report else {
                return .message(
                    "\(session.dataset.name): no tuning analysis: "
                        + (session.analysisError ?? "unknown reason"))
            }
            return .push(NeuronTableScreen(session: session, report: report))
        }
    }

    /// Opens the HDF5 tree screen on a loaded session's file, or returns a message when the
    /// file is not HDF5 (NWB files are).
    static func fileTree(for entry: SessionStore.Entry) -> ScreenAction {
        guard case .loaded(let session) = entry,
            case .recorded(let path, _) = session.dataset.origin
        else {
            return .message("only a loaded session read from a file has a file tree")
        }
        do {
            let tree = try SerializedHDF5Tree(path: path)
            return .push(
                HDF5TreeScreen(tree: tree, fileName: (path as NSString).lastPathComponent))
        } catch {
            return .message("\(error)")
        }
    }

    static func row(_ entry: SessionStore.Entry) -> [String] {
        switch entry {
        case .loading:
            return [entry.name, "loading…", "", "", "", ""]
        case .failed:
            return [entry.name, "failed", "", "", "", ""]
        case .loaded(let session):
            let dataset = session.dataset
            let conditions = session.report.map { "\($0.directions.count)" } ?? "n/a"
            return [
                dataset.name,
                dataset.origin.isSimulated ? "simulated" : "recorded",
                "\(dataset.unitCount)",
                "\(dataset.trialCount)",
                conditions,
                behaviourSummary(dataset),
            ]
        }
    }

    /// Which behavioural variables the session has, for example "run, pupil".
    static func behaviourSummary(_ dataset: Dataset) -> String {
        var parts: [String] = []
        let kinds = Set(dataset.behaviour.map(\.kind))
        if kinds.contains(.runningSpeed) { parts.append("run") }
        if kinds.contains(.pupil) { parts.append("pupil") }
        if kinds.contains(.choice) { parts.append("choice") }
        if dataset.behaviour.contains(where: { $0.kind == .other }) { parts.append("other") }
        return parts.isEmpty ? "none" : parts.joined(separator: ", ")
    }

    private func drawDetail(
        _ entry: SessionStore.Entry, into buffer: inout CellBuffer, in rect: Rect,
        context: DrawContext
    ) {
        guard rect.height > 0 else { return }
        let muted = context.appearance.style(.muted)
        var lines: [(String, Style)] = []
        switch entry {
        case .loading(let path, _):
            lines.append(("Loading \(path)", muted))
        case .failed(let path, let message):
            lines.append((path, muted))
            lines.append((message, context.appearance.style(.error)))
        case .loaded(let session):
            lines.append((Self.originText(session.dataset.origin), muted))
            if let about = Self.metadataText(session.dataset) {
                lines.append((about, context.appearance.style(.text)))
            }
            if let error = session.analysisError {
                lines.append(("Analysis failed: \(error)", context.appearance.style(.error)))
            }
            let warnings = session.dataset.warnings + (session.report?.warnings ?? [])
            if let first = warnings.first {
                let more = warnings.count > 1 ? " (+\(warnings.count - 1) more)" : ""
                lines.append(("Warning: \(first)\(more)", context.appearance.style(.warning)))
            }
        }
        for (offset, line) in lines.prefix(rect.height - 1).enumerated() {
            buffer.put(line.0, x: rect.x, y: rect.y + 1 + offset, width: rect.width,
                       style: line.1, ellipsis: context.appearance.glyphs.ellipsis)
        }
    }

    /// Formats the session description and the subject from the metadata, for example
    /// "fixture session · subject mouse-17 (Mus musculus, F, P90D)", or nil when neither is
    /// there.
    static func metadataText(_ dataset: Dataset) -> String? {
        func value(_ key: String) -> String? {
            dataset.metadata.first { $0.key == key }.map(\.value).flatMap {
                $0.isEmpty ? nil : $0
            }
        }
        var parts: [String] = []
        if let description = value("session_description") { parts.append(description) }
        if let subject = value("subject.subject_id") {
            let details = ["subject.species", "subject.sex", "subject.age"].compactMap(value)
            parts.append("subject \(subject)"
                         + (details.isEmpty ? "" : " (" + details.joined(separator: ", ") + ")"))
        }
        return parts.isEmpty ? nil : parts.joined(separator: " · ")
    }

    static func originText(_ origin: Dataset.Origin) -> String {
        switch origin {
        case .recorded(let path, let format): "\(path) (\(format))"
        case .simulated(let model, let protocolName): "simulated: \(model), \(protocolName)"
        }
    }

    private func drawEmptyState(into buffer: inout CellBuffer, in rect: Rect, context: DrawContext)
    {
        let searched = context.store.searchedPaths
        var lines = ["No datasets found."]
        if searched.isEmpty {
            lines.append("CORTEXSCOPE_DATA_PATH is not set and no path was given.")
        } else {
            lines.append("Searched: " + searched.joined(separator: ", "))
        }
        lines += [
            "",
            "Open data with:   cortexscope PATH...   (files or folders)",
            "or set:           CORTEXSCOPE_DATA_PATH=/data/sessions:/other/folder",
            "Formats: " + DatasetLoader.importers.map(\.formatName).joined(separator: ", "),
        ]
        Notice.draw(lines, into: &buffer, in: rect, appearance: context.appearance)
    }
}
