import XCTest

@testable import Data

final class HDF5TreeTests: XCTestCase {
    private func tree(_ name: String = "units_trials.nwb") throws -> HDF5Tree {
        try HDF5Tree(path: try FormatFixtures.path("nwb/\(name)"))
    }

    func testRootListsNWBGroups() throws {
        let names = try tree().children(of: "/").map(\.name)
        for expected in ["acquisition", "general", "intervals", "processing", "units"] {
            XCTAssertTrue(names.contains(expected), "\(expected) missing from \(names)")
        }
    }

    func testDatasetNodeHasTypeShapeAndFilters() throws {
        let node = try tree().node(at: "/units/spike_times")
        XCTAssertEqual(node.kind, .dataset)
        XCTAssertEqual(node.dataType, .float(bytes: 8))
        let truth = try FormatFixtures.json("nwb/expected.json").object("units_trials")
        XCTAssertEqual(node.shape, [truth.int("spike_total")])
        XCTAssertNotNil(node.chunkShape)
        XCTAssertTrue(node.filters.contains("gzip"), "\(node.filters)")
        XCTAssertTrue(node.summary.hasPrefix("spike_times  float64 ("), node.summary)
    }

    func testGroupNodeHasNeurodataType() throws {
        let node = try tree().node(at: "units")
        XCTAssertEqual(node.kind, .group)
        XCTAssertEqual(node.neurodataType, "Units")
        XCTAssertEqual(node.childCount, 6)
    }

    func testAttributesReadAsText() throws {
        let attributes = try tree().attributes(of: "/")
        let version = attributes.first { $0.name == "nwb_version" }?.value
        XCTAssertEqual(version?.hasPrefix("2."), true)
        let colnames = try tree().attributes(of: "/intervals/trials")
            .first { $0.name == "colnames" }?.value
        XCTAssertEqual(colnames?.contains("direction"), true)
    }

    func testPreviewReadsFirstValues() throws {
        let truth = try FormatFixtures.json("nwb/expected.json").object("units_trials")
        let preview = try tree().preview(of: "/intervals/trials/direction", limit: 5)
        XCTAssertEqual(preview.values.count, 5)
        XCTAssertEqual(preview.totalCount, truth.int("trials"))
        XCTAssertEqual(preview.values, truth.numbers("direction").prefix(5).map {
            HDF5AttributeValue.format($0)
        })
        XCTAssertFalse(preview.isComplete)
    }

    func testPreviewOfTwoDimensionalRows() throws {
        let preview = try tree("ophys.nwb").preview(
            of: "/processing/ophys/DfOverF/RoiResponseSeries/data", limit: 6)
        XCTAssertEqual(preview.values.count, 6)
        XCTAssertEqual(preview.totalCount, 1600)
    }

    func testPreviewOfStrings() throws {
        let preview = try tree().preview(of: "/intervals/trials/condition", limit: 2)
        XCTAssertEqual(preview.values, ["blank", "grating"])
        let scalar = try tree().preview(of: "/general/subject/subject_id")
        XCTAssertEqual(scalar.values, ["mouse-17"])
    }

    func testFixedLengthStringsRead() throws {
        let tree = try tree("not_nwb.nwb")
        let node = try tree.node(at: "/group/inner")
        XCTAssertEqual(node.dataType, .string(variableLength: false, bytes: 2, utf8: false))
        XCTAssertEqual(try tree.preview(of: "/group/inner").values, ["a", "bc"])
        XCTAssertEqual(try tree.preview(of: "/values", limit: 3).values, ["0", "1", "2"])
    }

    func testReferenceAttributeFollowed() throws {
        let tree = try tree("ophys.nwb")
        let table = try tree.file.attribute(
            "table", of: "/processing/ophys/DfOverF/RoiResponseSeries/rois")
        XCTAssertEqual(
            table, .references(["/processing/ophys/ImageSegmentation/PlaneSegmentation"]))
    }

    func testSearchByPathSubstring() throws {
        let found = try tree().search("SPIKE")
        XCTAssertEqual(found.map(\.path), ["/units/spike_times", "/units/spike_times_index"])
    }

    func testMissingPathNamed() throws {
        XCTAssertThrowsError(try tree().node(at: "/no/such")) { error in
            XCTAssertTrue(String(describing: error).contains("/no/such"), "\(error)")
        }
        XCTAssertThrowsError(try tree().file.dataset("/units")) { error in
            XCTAssertTrue(String(describing: error).contains("found a group"), "\(error)")
        }
    }

    func testNonHDF5FileRejected() throws {
        let path = try FormatFixtures.path("numpy/version_1.npy")
        XCTAssertThrowsError(try HDF5Tree(path: path)) { error in
            XCTAssertTrue(String(describing: error).contains("not an HDF5 file"), "\(error)")
        }
    }
}

final class ImportSummaryTests: XCTestCase {
    func testSummaryOfNWBAndFailures() throws {
        let good = try FormatFixtures.path("nwb/units_trials.nwb")
        let bad = try FormatFixtures.path("nwb/truncated.nwb")
        let summary = ImportSummary.load(paths: [good, bad])
        XCTAssertEqual(summary.sessions.count, 1)
        let session = try XCTUnwrap(summary.sessions.first)
        XCTAssertEqual(session.units, 5)
        XCTAssertEqual(session.trials, 24)
        XCTAssertEqual(session.format, "nwb")
        XCTAssertTrue(session.hasSpikeTimes)
        let direction = session.stimulusColumns.first { $0.name == "direction" }
        XCTAssertEqual(direction?.distinctValues, 8)
        XCTAssertEqual(Set(session.behaviour.map(\.name)), ["running_speed", "pupil_area"])
        XCTAssertEqual(summary.failures.map(\.path), [bad])
        XCTAssertTrue(summary.text.contains("units 5, trials 24"), summary.text)
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let decoded = try decoder.decode(ImportSummary.self, from: Data(try summary.json().utf8))
        XCTAssertEqual(decoded, summary)
    }
}
