import Engine
import Foundation
import Terminal

/// The terminal loop: the only code that reads keys and copies the buffer to ncurses.
@MainActor
enum ExplorerLoop {
    /// Polls jobs and keys every `tickMilliseconds`, redrawing when something changed.
    static let tickMilliseconds = 100

    static func run(_ explorer: Explorer, on terminal: TerminalScreen) {
        let engine = explorer.engine
        terminal.onTerminationSignal = { signal in
            for job in engine.activeJobs { job.cancel() }
            engine.log?.write("exiting on signal \(signal)")
        }
        var needsRedraw = true
        while !explorer.quitRequested {
            if explorer.tick() { needsRedraw = true }
            if explorer.fullRepaintRequested {
                terminal.invalidate()
                explorer.fullRepaintRequested = false
                needsRedraw = true
            }
            if needsRedraw {
                let size = terminal.size
                terminal.present(explorer.render(width: size.width, height: size.height))
                needsRedraw = false
            }
            guard let key = terminal.readKey(timeoutMilliseconds: tickMilliseconds) else {
                continue
            }
            needsRedraw = true
            if key == .resize { continue }
            explorer.handle(keyNamed: key.name)
        }
        for job in engine.activeJobs { job.cancel() }
        // A cancelled training job writes its checkpoint before it ends, so wait a little
        // for the jobs rather than cut the write short at exit.
        let deadline = Date().addingTimeInterval(5)
        while !engine.activeJobs.isEmpty && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.02)
        }
    }
}
