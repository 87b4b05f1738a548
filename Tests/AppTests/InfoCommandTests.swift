@testable import App
import Data
import Foundation
import XCTest

/// `cortexscope info`: the import summary as text and JSON on the generated fixtures.
final class InfoCommandTests: XCTestCase {
    func testTextListsUnitsTrialsAndMetadata() throws {
        let nwb = try AppFixtures.path("nwb/units_trials.nwb")
        let folder = try AppFixtures.path("numpy/session_arrays")
        let expected = try AppFixtures.expected("units_trials")
        let summary = InfoCommand.summarize(paths: [nwb, folder])
        let text = summary.text

        XCTAssertTrue(summary.failures.isEmpty, "\(summary.failures)")
        XCTAssertTrue(text.contains("units \(expected["units"]!), trials \(expected["trials"]!)"),
                      text)
        XCTAssertTrue(text.contains("spike times"), text)
        XCTAssertTrue(text.contains("direction (numeric, 8 values)"), text)
        XCTAssertTrue(text.contains("running_speed (running_speed), pupil_area (pupil)"), text)
        XCTAssertTrue(text.contains("session_description: fixture session"), text)
        XCTAssertTrue(text.contains("subject.subject_id: mouse-17"), text)
        XCTAssertTrue(text.contains("session_arrays  [numpy-folder]"), text)
        XCTAssertTrue(text.contains("units 3, trials 8, samples per trial 5"), text)
    }

    func testJSONHasSessionsAndFailures() throws {
        let nwb = try AppFixtures.path("nwb/presentations.nwb")
        let truncated = try AppFixtures.path("nwb/truncated.nwb")
        let summary = InfoCommand.summarize(paths: [nwb, truncated, "/no/such/file.nwb"])
        let object = try JSONSerialization.jsonObject(with: Data(try summary.json().utf8))
        let root = try XCTUnwrap(object as? [String: Any])
        let sessions = try XCTUnwrap(root["sessions"] as? [[String: Any]])
        let failures = try XCTUnwrap(root["failures"] as? [[String: Any]])

        XCTAssertEqual(sessions.count, 1)
        XCTAssertEqual(sessions.first?["units"] as? Int, 3)
        XCTAssertEqual(sessions.first?["trials"] as? Int, 16)
        XCTAssertEqual(sessions.first?["has_spike_times"] as? Bool, true)
        let columns = (sessions.first?["stimulus_columns"] as? [[String: Any]]) ?? []
        XCTAssertTrue(columns.contains { $0["name"] as? String == "orientation" }, "\(columns)")
        XCTAssertEqual(failures.count, 2)
        let messages = failures.compactMap { $0["message"] as? String }
        XCTAssertTrue(messages.contains { $0.contains("truncated.nwb") }, "\(messages)")
        XCTAssertTrue(messages.contains { $0.contains("/no/such/file.nwb") }, "\(messages)")
    }

    func testSanitisesTextFromFiles() throws {
        var trials = StimulusTable(rowCount: 1)
        try trials.setColumn("dir\u{1B}[2Jection", .numeric([0]))
        let dataset = Dataset(
            name: "evil\u{1B}]0;title\u{07}", origin: .recorded(path: "/tmp/x.nwb", format: "nwb"),
            unitIDs: ["u0"], activity: ResponseArray(units: 1, trials: 1, samples: 1),
            sampleTimes: [0], trials: trials,
            metadata: [(key: "session_description", value: "red\u{1B}[31m\u{9B}1m")],
            warnings: ["bell\u{07}"])
        let summary = ImportSummary(datasets: [InfoCommand.sanitized(dataset)])
        let outputs = [summary.text, try summary.json()]
        for output in outputs {
            XCTAssertFalse(output.unicodeScalars.contains { $0.value == 0x1B }, output)
            XCTAssertFalse(output.unicodeScalars.contains { $0.value == 0x07 }, output)
            XCTAssertFalse(output.unicodeScalars.contains { $0.value == 0x9B }, output)
        }
        XCTAssertTrue(summary.text.contains("session_description: red"), summary.text)
        XCTAssertTrue(summary.text.contains("direction (numeric"), summary.text)
    }

    func testUsageErrors() {
        XCTAssertThrowsError(try InfoCommand.run([]))
        XCTAssertThrowsError(try InfoCommand.run(["x", "--format", "tsv"]))
    }
}
