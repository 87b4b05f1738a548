import Foundation
import XCTest

/// Runs the real `cortexscope` binary inside tmux, sends keys and reads the screen.
final class ExplorerEndToEndTests: XCTestCase {
    static let parkFolder = TmuxSession.packageRoot + "/../shared/data/park2024"
    static let parkSession = parkFolder + "/230803_mrcuts24_fov1_grat-000_data.mat"

    private func requireTools() throws -> String {
        guard TmuxSession.tmuxAvailable else {
            throw XCTSkip("tmux is not installed; 'make test' installs it")
        }
        guard let binary = TmuxSession.binary else {
            throw XCTSkip("no cortexscope binary in .build; run 'swift build' first")
        }
        return binary
    }

    private func requireParkData() throws {
        guard FileManager.default.fileExists(atPath: Self.parkSession) else {
            throw XCTSkip("Park et al. 2024 data not found at \(Self.parkFolder)")
        }
    }

    private func assertRestored(_ stty: String, file: StaticString = #filePath,
                                line: UInt = #line) {
        XCTAssertTrue(stty.contains(" icanon"), "canonical mode not restored:\n\(stty)",
                      file: file, line: line)
        XCTAssertFalse(stty.contains("-icanon"), "still in cbreak mode:\n\(stty)",
                       file: file, line: line)
        XCTAssertFalse(stty.contains("-echo "), "echo not restored:\n\(stty)",
                       file: file, line: line)
    }

    func testNeuronDetailAndResizeAndQuit() throws {
        let binary = try requireTools()
        try requireParkData()
        let tmux = try TmuxSession(arguments: [binary, Self.parkSession])

        var screen = try tmux.waitFor(text: "recorded")
        XCTAssertTrue(screen.contains("230803_mrcuts24_fov1_grat-000"), screen)
        XCTAssertTrue(screen.contains("28"), "neuron count missing:\n\(screen)")
        XCTAssertTrue(screen.contains("run, pupil"), screen)

        try tmux.send("Enter")
        screen = try tmux.waitFor(text: "Neurons of")
        XCTAssertTrue(screen.contains("neuron1 "), screen)
        XCTAssertTrue(screen.contains("OSI"), screen)

        try tmux.send("Enter")
        screen = try tmux.waitFor(text: "direction (deg)")
        // Axis tick labels of the tuning curve, the preferred-direction marker and the
        // metrics of neuron1, whose values the numpy reference also gives.
        for tick in ["0", "45", "90", "135", "180", "225", "270", "315"] {
            XCTAssertTrue(screen.contains(" \(tick) ") || screen.contains(" \(tick)\n"),
                          "tick \(tick) missing:\n\(screen)")
        }
        XCTAssertTrue(screen.contains("pref 180"), screen)
        XCTAssertTrue(screen.contains("Preferred"), screen)
        XCTAssertTrue(screen.contains("180 deg"), screen)
        XCTAssertTrue(screen.contains("0.59"), "peak OSI of neuron1 missing:\n\(screen)")
        XCTAssertTrue(screen.contains("response"), "y axis label missing:\n\(screen)")
        let beforeResizing = screen

        try tmux.resize(width: 120, height: 40)
        screen = try tmux.waitFor { $0.split(separator: "\n").contains { $0.count > 100 } }
        XCTAssertTrue(screen.contains("direction (deg)"), screen)
        XCTAssertTrue(screen.contains("Reliability"), screen)

        try tmux.resize(width: 20, height: 8)
        screen = try tmux.waitFor(text: "too small")
        XCTAssertTrue(screen.contains("terminal too small"), screen)

        try tmux.resize(width: 80, height: 24)
        screen = try tmux.waitFor { $0 == beforeResizing }
        XCTAssertEqual(screen, beforeResizing, "stale cells after resizing back to 80x24")

        try tmux.send("?")
        // Wait for one of the overlay's last lines, since a capture can land mid-refresh.
        screen = try tmux.waitFor(text: "redraw the screen")
        XCTAssertTrue(screen.contains("Keys"), screen)
        XCTAssertTrue(screen.contains("next neuron"), screen)
        try tmux.send("Escape")
        _ = try tmux.waitFor { !$0.contains("Keys:") }

        try tmux.send("q")
        let (status, stty) = try tmux.waitForExit()
        XCTAssertEqual(status, 0)
        assertRestored(stty)
        screen = try tmux.capture()
        XCTAssertFalse(screen.contains("Cortexscope ›"), "screen not cleared:\n\(screen)")
    }

    func testSortByOSIDescending() throws {
        let binary = try requireTools()
        try requireParkData()
        let tmux = try TmuxSession(arguments: [binary, Self.parkSession])
        _ = try tmux.waitFor(text: "recorded")
        try tmux.send("Enter")
        _ = try tmux.waitFor(text: "Neurons of")
        try tmux.send("l", "l", "S")
        let screen = try tmux.waitFor(text: "▼")
        // neuron12 has the largest peak OSI of this session (2.54 in the numpy reference).
        let rows = screen.split(separator: "\n").filter { $0.contains("neuron") }
        XCTAssertTrue(rows.first?.contains("neuron12") ?? false, screen)
        try tmux.send("q")
        XCTAssertEqual(try tmux.waitForExit().status, 0)
    }

    func testInterruptRestoresTerminal() throws {
        try checkSignalRestoresTerminal(name: "INT", number: SIGINT)
    }

    func testTerminateRestoresTerminal() throws {
        try checkSignalRestoresTerminal(name: "TERM", number: SIGTERM)
    }

    func testHangUpRestoresTerminal() throws {
        try checkSignalRestoresTerminal(name: "HUP", number: SIGHUP)
    }

    func testCrashRestoresTerminal() throws {
        // SIGSEGV sent from outside takes the same path as a crash inside.
        try checkSignalRestoresTerminal(name: "SEGV", number: SIGSEGV)
    }

    /// Starts the explorer on an empty folder, sends the signal (Ctrl-C through the
    /// terminal for SIGINT), and checks the exit status and the terminal modes after it.
    private func checkSignalRestoresTerminal(name: String, number: Int32) throws {
        let binary = try requireTools()
        let empty = NSTemporaryDirectory() + "cortexscope-signal-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: empty) }
        let tmux = try TmuxSession(arguments: [binary, empty])
        let screen = try tmux.waitFor(text: "No datasets found")
        XCTAssertTrue(screen.contains("No datasets found"), screen)

        if number == SIGINT {
            try tmux.send("C-c")
        } else {
            let pid = try XCTUnwrap(try tmux.programPID(), "no pid for SIG\(name)")
            XCTAssertEqual(kill(pid, number), 0)
        }
        let (status, stty) = try tmux.waitForExit()
        XCTAssertEqual(status, 128 + Int(number), "SIG\(name)")
        assertRestored(stty)
    }

    func testEmptyFolderSaysHowToOpenData() throws {
        let binary = try requireTools()
        let empty = NSTemporaryDirectory() + "cortexscope-empty-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: empty) }
        let tmux = try TmuxSession(arguments: [binary, empty])
        let screen = try tmux.waitFor(text: "No datasets found")
        XCTAssertTrue(screen.contains("CORTEXSCOPE_DATA_PATH"), screen)
        try tmux.send("q")
        XCTAssertEqual(try tmux.waitForExit().status, 0)
    }

    func testASCIIRenderingWithoutUTF8Locale() throws {
        let binary = try requireTools()
        try requireParkData()
        let tmux = try TmuxSession(
            arguments: [binary, Self.parkSession],
            environment: ["LANG": "C", "LC_ALL": "C", "NO_COLOR": "1"])
        _ = try tmux.waitFor(text: "recorded")
        try tmux.send("Enter")
        _ = try tmux.waitFor(text: "Neurons of")
        try tmux.send("Enter")
        let screen = try tmux.waitFor(text: "direction (deg)")
        let nonASCII = screen.unicodeScalars.filter { $0.value > 0x7E }
        XCTAssertTrue(nonASCII.isEmpty,
                      "non-ASCII characters in ASCII mode: \(Set(nonASCII))\n\(screen)")
        let colours = try tmux.captureWithColours()
        XCTAssertFalse(colours.contains("\u{1B}[38;5;"), "256-colour codes with NO_COLOR")
        try tmux.send("q")
        XCTAssertEqual(try tmux.waitForExit().status, 0)
    }

    func testHeadlessTuningJSON() throws {
        let binary = try requireTools()
        try requireParkData()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["tuning", Self.parkSession, "--format", "json"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)
        let root = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let datasets = try XCTUnwrap(root["datasets"] as? [[String: Any]])
        XCTAssertEqual(datasets.count, 1)
        XCTAssertEqual(datasets[0]["directions"] as? [Double],
                       [0, 45, 90, 135, 180, 225, 270, 315])
        let neurons = try XCTUnwrap(datasets[0]["neurons"] as? [[String: Any]])
        XCTAssertEqual(neurons.count, 28)
        let keys = ["id", "mean", "sem", "n", "preferred_direction", "osi", "dsi", "global_osi",
                    "global_dsi", "reliability", "running_modulation"]
        for key in keys {
            XCTAssertNotNil(neurons[0][key], "missing key \(key)")
        }
        XCTAssertEqual(neurons[0]["id"] as? String, "neuron1")
    }
}
