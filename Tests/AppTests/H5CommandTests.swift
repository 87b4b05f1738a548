@testable import App
import Data
import Foundation
import XCTest

/// `cortexscope h5 --format text|json`: the tree printed without a terminal.
final class H5CommandTests: XCTestCase {
    func testTextShowsTreeTypesAndPreview() throws {
        let path = try AppFixtures.path("nwb/units_trials.nwb")
        let spikes = try XCTUnwrap(AppFixtures.expected("units_trials")["spike_total"] as? Int)
        let tree = try HDF5Tree(path: path)

        let whole = try H5Command.text(tree: tree, root: "/")
        XCTAssertTrue(whole.contains("- /  13 members  NWBFile"), whole)
        XCTAssertTrue(whole.contains("  - intervals/"), whole)
        XCTAssertTrue(whole.contains("        direction  float64 (24,)"), whole)
        XCTAssertTrue(whole.contains("spike_times  float64 (\(spikes),)  gzip"), whole)

        let dataset = try H5Command.text(tree: tree, root: "/units/spike_times")
        XCTAssertTrue(dataset.contains("description = spike times (s)"), dataset)
        XCTAssertTrue(dataset.contains("First values: ["), dataset)
        XCTAssertTrue(dataset.contains("(10 of \(spikes))"), dataset)
    }

    func testJSONNestsChildrenWithTypes() throws {
        let path = try AppFixtures.path("nwb/units_trials.nwb")
        let spikes = try XCTUnwrap(AppFixtures.expected("units_trials")["spike_total"] as? Int)
        let tree = try HDF5Tree(path: path)
        let text = try H5Command.json(tree: tree, root: "/units").serialized()
        let root = try XCTUnwrap(
            try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])

        XCTAssertEqual(root["neurodata_type"] as? String, "Units")
        let children = try XCTUnwrap(root["children"] as? [[String: Any]])
        let spikeTimes = try XCTUnwrap(children.first { $0["name"] as? String == "spike_times" })
        XCTAssertEqual(spikeTimes["dtype"] as? String, "float64")
        XCTAssertEqual(spikeTimes["shape"] as? [Int], [spikes])
        XCTAssertEqual(spikeTimes["count"] as? Int, spikes)
        XCTAssertEqual((spikeTimes["preview"] as? [String])?.count, 10)
        XCTAssertEqual(spikeTimes["filters"] as? [String], ["gzip"])
        let attributes = try XCTUnwrap(spikeTimes["attributes"] as? [String: String])
        XCTAssertEqual(attributes["description"], "spike times (s)")
    }

    func testOutputsDropEscapeSequences() throws {
        let path = try AppFixtures.path("hdf5/escapes.h5")
        let tree = try HDF5Tree(path: path)
        let outputs = [
            try H5Command.text(tree: tree, root: "/"),
            try H5Command.json(tree: tree, root: "/").serialized(),
        ]
        for output in outputs {
            XCTAssertFalse(output.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" },
                           output)
            XCTAssertTrue(output.contains("groupname"), output)
            XCTAssertTrue(output.contains("beforeafter") || !output.contains("before"), output)
        }
        XCTAssertTrue(outputs[1].contains("\"note\":\"beforeafter\""), outputs[1])
    }

    func testMissingPathInsideFileThrows() throws {
        let path = try AppFixtures.path("nwb/units_trials.nwb")
        let tree = try HDF5Tree(path: path)
        XCTAssertThrowsError(try H5Command.text(tree: tree, root: "/nothing/here")) { error in
            XCTAssertTrue("\(error)".contains("/nothing/here"), "\(error)")
        }
    }
}
