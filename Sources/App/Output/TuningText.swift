import Data
import Foundation
import Engine
import Terminal

/// The `--format text` output of `tuning`: each session's neuron table drawn by the same
/// screen code as the explorer, in plain ASCII.
enum TuningText {
    static let width = 90

    static func table(_ sessions: [Session]) -> String {
        MainActor.assumeIsolated {
            var output = ""
            for session in sessions {
                output += "\(TextSanitizer.sanitize(session.dataset.name))\n"
                guard let report = session.report else {
                    output += "  analysis failed: \(session.analysisError ?? "unknown")\n\n"
                    continue
                }
                let screen = NeuronTableScreen(session: session, report: report)
                screen.showsSelection = false
                let height = report.neurons.count + 2
                var buffer = CellBuffer(width: width, height: height)
                let workspace = Workspace(
                    engine: Engine(log: nil), sessions: SessionStore(searchedPaths: []),
                    stateFolder: NSTemporaryDirectory(), dataPaths: [])
                let context = DrawContext(appearance: .plain, workspace: workspace)
                screen.draw(into: &buffer, in: buffer.bounds, context: context)
                output += buffer.plainText() + "\n\n"
            }
            return output
        }
    }
}
