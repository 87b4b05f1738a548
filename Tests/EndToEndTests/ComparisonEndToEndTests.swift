import Foundation
import XCTest

/// The explorer on the shared data folder: recordings beside the simulated GSM session, and
/// the comparison screen between them.
final class ComparisonEndToEndTests: XCTestCase {
    static let dataFolder = TmuxSession.packageRoot + "/../shared/data"

    func testSimulatedSessionAndComparisonScreen() throws {
        guard TmuxSession.tmuxAvailable else {
            throw XCTSkip("tmux is not installed; 'make test' installs it")
        }
        guard let binary = TmuxSession.binary else {
            throw XCTSkip("no cortexscope binary in .build; run 'swift build' first")
        }
        let parameters = Self.dataFolder + "/gsm-orban2016/model_parameters.mat"
        guard FileManager.default.fileExists(atPath: parameters),
            FileManager.default.fileExists(atPath: Self.dataFolder + "/park2024")
        else {
            throw XCTSkip("shared data (park2024, gsm-orban2016) not found at \(Self.dataFolder)")
        }
        let tmux = try TmuxSession(arguments: [binary, Self.dataFolder])

        var screen = try tmux.waitFor {
            $0.contains("simulated") && $0.components(separatedBy: "recorded").count > 5
        }
        let gsmRow = screen.split(separator: "\n").first { $0.contains("GSM (Orbán 2016)") }
        XCTAssertTrue(gsmRow?.contains("simulated") ?? false, screen)
        XCTAssertTrue(gsmRow?.contains("248") ?? false, "unit count missing:\n\(screen)")
        XCTAssertTrue(screen.contains("230803_mrcuts24_fov1_grat-000"), screen)
        XCTAssertFalse(screen.contains("failed"), screen)

        // The GSM session is the first row (sessions sort by path).
        try tmux.send("g", "Enter")
        screen = try tmux.waitFor(text: "Neurons of GSM")
        XCTAssertTrue(screen.contains("y1 "), screen)
        XCTAssertTrue(screen.contains("OSI"), screen)

        try tmux.send("4")
        screen = try tmux.waitFor(text: "global OSI")
        XCTAssertTrue(screen.contains("global OSI"), screen)
        XCTAssertTrue(screen.contains("Model against data"), screen)
        XCTAssertTrue(screen.contains("count"), "histogram y axis missing:\n\(screen)")
        XCTAssertTrue(screen.contains("0.5"), "histogram x ticks missing:\n\(screen)")
        XCTAssertTrue(screen.contains("global DSI"), screen)

        try tmux.send("Tab")
        screen = try tmux.waitFor(text: "preferred direction (deg)")
        XCTAssertTrue(screen.contains("best:"), screen)
        try tmux.send("Tab")
        screen = try tmux.waitFor(text: "variability by contrast")
        XCTAssertTrue(screen.contains("running"), screen)
        try tmux.send("Tab")
        screen = try tmux.waitFor(text: "noise correlation r")
        XCTAssertTrue(screen.contains("248 units"), screen)
        try tmux.send("]")
        screen = try tmux.waitFor(text: "230803_mrcuts25_fov6")
        XCTAssertTrue(screen.contains("230803_mrcuts25_fov6"), screen)

        try tmux.send("q")
        XCTAssertEqual(try tmux.waitForExit().status, 0)
    }
}
