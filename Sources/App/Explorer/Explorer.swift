import Data
import Engine
import Foundation
import Terminal

/// The interactive explorer's state: the screen stack, the help overlay and the message
/// line. It turns key names into commands and draws everything into a cell buffer.
/// `ExplorerLoop` is the only part that talks to ncurses.
@MainActor
final class Explorer {
    /// Below this size the explorer shows only a "terminal too small" notice.
    static let minimumSize = (width: 60, height: 16)

    let workspace: Workspace
    let keyMap: KeyMap
    var appearance: Appearance
    private(set) var stack: [any Screen]
    private(set) var showsHelp = false
    private(set) var message: MessageLine?
    private(set) var quitRequested = false
    /// Set by the redraw command; the terminal loop clears the screen and repaints.
    var fullRepaintRequested = false
    /// Whether a job was active at the previous tick, so the tick after the last job ends
    /// still redraws and shows its result.
    private var hadActiveJobs = false
    /// Number of jobs submitted by the previous tick. Screens submit jobs while drawing, so
    /// a job that ends before the next tick still needs a redraw to show its result.
    private var seenJobCount = 0

    /// Creates the explorer with `root` at the bottom of the stack (the sessions list unless
    /// given, for example the HDF5 tree of `cortexscope h5`).
    init(workspace: Workspace, keyMap: KeyMap, appearance: Appearance,
         root: (any Screen)? = nil) {
        self.workspace = workspace
        self.keyMap = keyMap
        self.appearance = appearance
        self.stack = [root ?? SessionsScreen()]
    }

    var top: any Screen { stack[stack.count - 1] }
    var store: SessionStore { workspace.sessions }
    var engine: Engine { workspace.engine }

    /// Handles a key by its key-map name. Unbound keys are ignored.
    func handle(keyNamed name: String) {
        if !showsHelp, top.isReadingText {
            apply(top.handleText(keyNamed: name, context: ScreenContext(workspace: workspace)),
                  for: nil)
            return
        }
        guard let command = keyMap.command(forKeyNamed: name) else { return }
        handle(command)
    }

    func handle(_ command: Command) {
        if showsHelp {
            // Any key closes the help overlay; quit still quits.
            showsHelp = false
            if command == .quit { quitRequested = true }
            return
        }
        let context = ScreenContext(workspace: workspace)
        apply(top.handle(command, context: context), for: command)
    }

    /// Carries out a screen's answer; `command` is nil for typed text, which has no global
    /// meaning when the screen ignores it.
    private func apply(_ action: ScreenAction, for command: Command?) {
        switch action {
        case .handled:
            message = nil
        case .push(let screen):
            message = nil
            stack.append(screen)
        case .pop:
            popScreen()
        case .message(let text):
            message = MessageLine(text, kind: .warning)
        case .ignored:
            if let command { handleGlobal(command) }
        }
    }

    private func handleGlobal(_ command: Command) {
        switch command {
        case .help:
            showsHelp = true
        case .quit:
            quitRequested = true
        case .redraw:
            fullRepaintRequested = true
        case .back:
            popScreen()
        case .showSessions:
            stack = [stack[0]]
        case .showModel, .showTraversal, .showComparison:
            if let screen = ScreenDirectory.screen(for: command, workspace: workspace) {
                stack = [stack[0], screen]
            } else {
                message = MessageLine("\(command.summary): not available yet", kind: .info)
            }
        case .pauseJob:
            if let job = engine.activeJobs.first {
                job.setPaused(job.state != .paused)
            }
        case .cancelJob:
            if let job = engine.activeJobs.first {
                job.cancel()
                message = MessageLine("cancelled \(job.name)", kind: .info)
            }
        default:
            break
        }
    }

    private func popScreen() {
        message = nil
        if stack.count > 1 { stack.removeLast() }
    }

    /// Collects finished jobs. Returns true when the screen needs redrawing.
    func tick() -> Bool {
        let revision = store.revision
        let failures = store.poll()
        for failure in failures {
            engine.log?.write("load failed: \(failure)")
        }
        if let last = failures.last {
            let more = failures.count > 1 ? " (and \(failures.count - 1) more)" : ""
            let where_ = engine.log.map { "; details in \($0.path)" } ?? ""
            message = MessageLine(last + more + where_, kind: .error)
        }
        let hasActiveJobs = !engine.activeJobs.isEmpty
        let jobCount = engine.submittedJobCount
        defer {
            hadActiveJobs = hasActiveJobs
            seenJobCount = jobCount
        }
        return store.revision != revision || hasActiveJobs || hadActiveJobs
            || jobCount != seenJobCount || store.loadingProgress != nil
    }

    /// Draws the whole screen: title bar, the top screen, message line and status bar.
    func render(width: Int, height: Int) -> CellBuffer {
        var buffer = CellBuffer(width: width, height: height)
        buffer.fill(buffer.bounds, style: appearance.style(.text))
        guard width >= Self.minimumSize.width, height >= Self.minimumSize.height else {
            drawTooSmall(into: &buffer)
            return buffer
        }
        let (titleRow, rest) = buffer.bounds.splitTop(1)
        let (body, bottom) = rest.splitBottom(2)
        let (messageRow, statusRow) = bottom.splitTop(1)

        drawTitle(into: &buffer, in: titleRow)
        let context = DrawContext(appearance: appearance, workspace: workspace)
        top.draw(into: &buffer, in: body.inset(left: 1, right: 1), context: context)
        message?.draw(into: &buffer, in: messageRow, appearance: appearance)
        statusBar().draw(into: &buffer, in: statusRow, appearance: appearance)
        if showsHelp {
            helpOverlay().draw(into: &buffer, in: body, appearance: appearance)
        }
        return buffer
    }

    private func drawTitle(into buffer: inout CellBuffer, in rect: Rect) {
        let style = appearance.style(.title)
        buffer.fill(rect, style: style)
        let separator = appearance.glyphs.isASCII ? " > " : " › "
        let path = stack.map(\.title).joined(separator: separator)
        buffer.put("? help ", x: rect.x, y: rect.y, width: rect.width, alignment: .right,
                   style: style)
        buffer.put(" Cortexscope" + separator + path, x: rect.x, y: rect.y,
                   width: rect.width - 8, style: style, ellipsis: appearance.glyphs.ellipsis)
    }

    private func statusBar() -> StatusBar {
        var center = ""
        if let job = engine.activeJobs.first {
            let percent = job.progress.fraction.map { " \(Int(($0 * 100).rounded()))%" } ?? ""
            let paused = job.state == .paused ? " (paused)" : ""
            let more = engine.activeJobs.count > 1 ? " +\(engine.activeJobs.count - 1)" : ""
            center = "\(job.name)\(percent)\(paused)\(more)"
        }
        if let (done, total) = store.loadingProgress {
            center = "loading \(done)/\(total) files"
        }
        // Screens write locations with " › ", which a terminal without UTF-8 shows as "?".
        let location = appearance.glyphs.isASCII
            ? top.location.replacingOccurrences(of: " › ", with: " > ") : top.location
        return StatusBar(left: location.isEmpty ? Self.sessionCount(store.loadedSessions.count)
                                                : location,
                         center: center, right: "q quit  ? help")
    }

    static func sessionCount(_ count: Int) -> String {
        count == 1 ? "1 session" : "\(count) sessions"
    }

    private func helpOverlay() -> HelpOverlay {
        let global: [Command] = [.help, .back, .showSessions, .pauseJob, .cancelJob, .redraw,
                                 .quit]
        var seen = Set<Command>()
        var pairs: [(String, String)] = []
        for command in top.commands + global where !seen.contains(command) {
            seen.insert(command)
            let keys = keyMap.keys(for: command)
            if !keys.isEmpty { pairs.append((keys, command.summary)) }
        }
        return HelpOverlay(title: "Keys: \(top.title)", pairs: pairs)
    }

    private func drawTooSmall(into buffer: inout CellBuffer) {
        let lines = [
            "terminal too small",
            "\(buffer.width)x\(buffer.height), need \(Self.minimumSize.width)x"
                + "\(Self.minimumSize.height)",
            "q quits",
        ]
        for (offset, line) in lines.enumerated() {
            let y = max(0, buffer.height / 2 - 1) + offset
            buffer.put(line, x: 0, y: y, width: buffer.width, alignment: .center,
                       style: appearance.style(offset == 0 ? .warning : .text))
        }
    }
}
