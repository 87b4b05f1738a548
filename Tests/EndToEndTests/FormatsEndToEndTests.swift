import Foundation
import XCTest

/// Runs `cortexscope h5` and the explorer on the generated NWB fixtures inside tmux.
final class FormatsEndToEndTests: XCTestCase {
    static let generated = TmuxSession.packageRoot + "/Tests/Fixtures/generated"

    private func requireBinaryAndFixture(_ relativePath: String) throws -> (String, String) {
        guard TmuxSession.tmuxAvailable else {
            throw XCTSkip("tmux is not installed; 'make test' installs it")
        }
        guard let binary = TmuxSession.binary else {
            throw XCTSkip("no cortexscope binary in .build; run 'swift build' first")
        }
        let path = Self.generated + "/" + relativePath
        guard FileManager.default.fileExists(atPath: path) else {
            throw XCTSkip("fixture \(relativePath) is missing; run `make fixtures` first")
        }
        return (binary, path)
    }

    func testH5TreeExpandSearchAndQuit() throws {
        let (binary, file) = try requireBinaryAndFixture("nwb/units_trials.nwb")
        let tmux = try TmuxSession(arguments: [binary, "h5", file])

        var screen = try tmux.waitFor(text: "HDF5 units_trials.nwb")
        XCTAssertTrue(screen.contains("▸ acquisition/  1 members"), screen)
        XCTAssertTrue(screen.contains("13 members  NWBFile"), screen)

        // Expand the first group, acquisition, with Enter.
        try tmux.send("Down", "Enter")
        screen = try tmux.waitFor(text: "running_speed/")
        XCTAssertTrue(screen.contains("▾ acquisition/"), screen)

        // Search: typed letters must not act as commands (q would quit, j move).
        try tmux.send("/")
        try tmux.send("-l", "spike_times")
        screen = try tmux.waitFor(text: "/spike_times")
        try tmux.send("Enter")
        screen = try tmux.waitFor(text: "dtype float64  shape 263")
        XCTAssertTrue(screen.contains("/units/spike_times"), screen)
        XCTAssertTrue(screen.contains("First 10 of 263 values:"), screen)
        XCTAssertTrue(screen.contains("1.47863941191957"), screen)
        XCTAssertTrue(screen.contains("(2 matches)"), screen)

        try tmux.send("Escape")
        screen = try tmux.waitFor { !$0.contains("Esc: done") }
        try tmux.send("q")
        let (status, _) = try tmux.waitForExit()
        XCTAssertEqual(status, 0)
    }

    func testExplorerOnNWBShowsRasterAndPSTH() throws {
        let (binary, file) = try requireBinaryAndFixture("nwb/units_trials.nwb")
        let tmux = try TmuxSession(arguments: [binary, file])

        var screen = try tmux.waitFor(text: "recorded")
        XCTAssertTrue(screen.contains("units_trials"), screen)
        XCTAssertTrue(screen.contains("fixture session · subject mouse-17"), screen)

        try tmux.send("Enter")
        screen = try tmux.waitFor(text: "Neurons of units_trials")
        XCTAssertTrue(screen.contains("100 "), screen)
        try tmux.send("Enter")
        screen = try tmux.waitFor(text: "PSTH, bin 50 ms")
        XCTAssertTrue(screen.contains("raster (direction)"), screen)
        XCTAssertTrue(screen.contains("rate (spikes/s)"), screen)
        XCTAssertTrue(screen.contains("time from start (s)"), screen)
        XCTAssertTrue(screen.unicodeScalars.contains { (0x2801...0x28FF).contains($0.value) },
                      "no braille dots:\n\(screen)")

        try tmux.send("+")
        screen = try tmux.waitFor(text: "PSTH, bin 100 ms")
        try tmux.send("m")
        screen = try tmux.waitFor(text: "PSTH, gauss 100 ms")
        try tmux.send("r")
        screen = try tmux.waitFor { !$0.contains("PSTH") }
        XCTAssertTrue(screen.contains("direction (deg)"), screen)

        // From the sessions list, i opens the session's file in the tree.
        try tmux.send("1")
        _ = try tmux.waitFor(text: "fixture session")
        try tmux.send("i")
        screen = try tmux.waitFor(text: "HDF5 units_trials.nwb")
        XCTAssertTrue(screen.contains("acquisition/"), screen)

        try tmux.send("q")
        XCTAssertEqual(try tmux.waitForExit().status, 0)
    }
}
