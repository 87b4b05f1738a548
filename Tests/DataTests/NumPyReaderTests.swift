import XCTest

@testable import Data

final class NumPyReaderTests: XCTestCase {
    private func expected() throws -> FormatExpected {
        try FormatFixtures.json("numpy/expected.json")
    }

    func testNPYEveryDtypeOrderAndVersion() throws {
        let cases = (try expected().object("npy")["cases"] as? [[String: Any]] ?? [])
            .map(FormatExpected.init)
        XCTAssertGreaterThan(cases.count, 20)
        for entry in cases {
            let name = entry["file"] as? String ?? ""
            let array = try NPYArray(path: try FormatFixtures.path("numpy/\(name)"))
            XCTAssertEqual(array.shape, entry["shape"] as? [Int], name)
            XCTAssertEqual(array.values, entry.numbers("values"), name)
        }
    }

    func testNPYObjectArrayRejected() throws {
        let path = try FormatFixtures.path("numpy/object.npy")
        XCTAssertThrowsError(try NPYArray(path: path)) { error in
            XCTAssertTrue(String(describing: error).contains("object arrays"), "\(error)")
        }
    }

    func testNPYTruncatedRejected() throws {
        let path = try FormatFixtures.path("numpy/truncated.npy")
        XCTAssertThrowsError(try NPYArray(path: path)) { error in
            XCTAssertTrue(String(describing: error).contains("truncated"), "\(error)")
        }
    }

    func testNPYHugeShapeRejected() {
        let header = "{'descr': '<f8', 'fortran_order': False, 'shape': (4294967296, 4294967296), }"
        let bytes: [UInt8] = [0x93] + Array("NUMPY".utf8) + [1, 0, UInt8(header.utf8.count), 0]
            + Array(header.utf8)
        XCTAssertThrowsError(try NPYArray(bytes: bytes, source: "huge.npy")) { error in
            XCTAssertTrue(String(describing: error).contains("too large"), "\(error)")
        }
    }

    func testNPYBadMagicRejected() {
        XCTAssertThrowsError(try NPYArray(bytes: Array("not numpy".utf8), source: "x.npy"))
    }

    func testNPZDeflatedMembers() throws {
        let truth = try expected().object("session")
        let archive = try NPZFile(path: try FormatFixtures.path("numpy/session.npz"))
        XCTAssertEqual(
            Set(archive.names), ["responses", "directions", "times", "running_speed"])
        assertFormatValuesClose(try archive.array("responses").values, truth.numbers("responses"), "responses")
        XCTAssertEqual(try archive.array("directions").values, truth.numbers("direction"))
    }

    func testNPZStoredMembers() throws {
        let truth = try expected().object("session")
        let path = try FormatFixtures.path("numpy/session_stored.npz")
        let responses = try NPZFile(path: path).array("responses")
        XCTAssertEqual(responses.shape, [truth.int("units"), truth.int("trials")])
        assertFormatValuesClose(responses.values, truth.numbers("responses_first_sample"), "responses")
    }

    func testNPZZip64DirectoryRead() throws {
        let truth = try expected().object("session")
        let archive = try NPZFile(path: try FormatFixtures.path("numpy/session_zip64.npz"))
        XCTAssertEqual(archive.names, ["responses", "directions"])
        assertFormatValuesClose(try archive.array("responses").values, truth.numbers("responses"), "responses")
        XCTAssertEqual(try archive.array("directions").values, truth.numbers("direction"))
    }

    func testNPZTruncatedRejected() throws {
        let source = try FormatFixtures.path("numpy/session.npz")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: source))
        let path = NSTemporaryDirectory() + "cortexscope-truncated-\(getpid()).npz"
        try bytes.prefix(bytes.count - 40).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        XCTAssertThrowsError(try NPZFile(path: path))
    }

    func testCSVQuotingAndEmptyCells() throws {
        let text = "a,b,c\r\n1,\"x, \"\"y\"\"\",\n2,\"multi\nline\",3\n"
        let table = try CSVTable(text: text, path: "inline.csv")
        XCTAssertEqual(table.columnNames, ["a", "b", "c"])
        XCTAssertEqual(table.numbers("a"), [1, 2])
        XCTAssertEqual(table.column("b"), .text(["x, \"y\"", "multi\nline"]))
        let c = try XCTUnwrap(table.numbers("c"))
        XCTAssertTrue(c[0].isNaN)
        XCTAssertEqual(c[1], 3)
    }

    func testCSVRaggedRowRejected() {
        XCTAssertThrowsError(try CSVTable(text: "a,b\n1,2,3\n", path: "bad.csv")) { error in
            XCTAssertTrue(String(describing: error).contains("row 2"), "\(error)")
        }
    }

    func testCSVUnclosedQuoteRejected() {
        XCTAssertThrowsError(try CSVTable(text: "a\n\"open\n", path: "bad.csv"))
    }

    func testFolderSessionImported() throws {
        let truth = try expected().object("session")
        let path = try FormatFixtures.path("numpy/session_arrays")
        let importer = try XCTUnwrap(DatasetLoader.importer(for: path))
        XCTAssertEqual(importer.formatName, "numpy-folder")
        let dataset = try XCTUnwrap(try importer.read(path: path).first)
        XCTAssertEqual(dataset.unitCount, truth.int("units"))
        XCTAssertEqual(dataset.trialCount, truth.int("trials"))
        XCTAssertEqual(dataset.sampleCount, truth.int("samples"))
        assertFormatValuesClose(dataset.activity.values, truth.numbers("responses"), "responses")
        XCTAssertEqual(dataset.sampleTimes, truth.numbers("times"))
        XCTAssertEqual(dataset.unitIDs, truth["unit_ids"] as? [String])
        XCTAssertEqual(dataset.trials.numeric(StimulusTable.direction), truth.numbers("direction"))
        let contrast = try XCTUnwrap(dataset.trials.numeric(StimulusTable.contrast))
        assertFormatValuesClose(contrast, truth.numbers("contrast"), "contrast")
        XCTAssertEqual(dataset.trials.column("label"), .text(truth["label"] as? [String] ?? []))
        let speed = try XCTUnwrap(dataset.behaviour(named: "running_speed"))
        XCTAssertEqual(speed.kind, .runningSpeed)
        let perTrial = (0..<speed.trials).map { speed[$0, 0] }
        assertFormatValuesClose(perTrial, truth.numbers("running_speed"), "speed")
        XCTAssertNil(dataset.trials.column("running_speed"))
    }

    func testNPZSessionImported() throws {
        let truth = try expected().object("session")
        let path = try FormatFixtures.path("numpy/session.npz")
        XCTAssertEqual(DatasetLoader.importer(for: path)?.formatName, "npz")
        let dataset = try XCTUnwrap(try NPZSessionImporter().read(path: path).first)
        assertFormatValuesClose(dataset.activity.values, truth.numbers("responses"), "responses")
        XCTAssertEqual(dataset.sampleTimes, truth.numbers("times_float64"))
        XCTAssertEqual(dataset.trials.numeric(StimulusTable.direction), truth.numbers("direction"))
        XCTAssertEqual(dataset.behaviour(named: "running_speed")?.kind, .runningSpeed)
    }

    func testLongCSVSessionImported() throws {
        let truth = try expected().object("session")
        let path = try FormatFixtures.path("numpy/long_table.csv")
        XCTAssertEqual(DatasetLoader.importer(for: path)?.formatName, "csv-long")
        let dataset = try XCTUnwrap(try LongTableCSVImporter().read(path: path).first)
        XCTAssertEqual(dataset.unitIDs, ["n0", "n1", "n2"])
        XCTAssertEqual(dataset.sampleCount, 1)
        assertFormatValuesClose(
            dataset.activity.values, truth.numbers("responses_first_sample"), "responses")
        XCTAssertEqual(dataset.trials.numeric(StimulusTable.direction), truth.numbers("direction"))
    }

    func testLongCSVWithTimeAndGaps() throws {
        let path = NSTemporaryDirectory() + "cortexscope-long-\(getpid()).csv"
        let text = "unit,trial,time,response,contrast\n"
            + "a,1,0.5,2.0,0.1\na,1,0.0,1.0,0.1\nb,0,0.0,3.0,0.9\na,0,0.5,4.0,0.9\n"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let dataset = try XCTUnwrap(try LongTableCSVImporter().read(path: path).first)
        XCTAssertEqual(dataset.sampleTimes, [0.0, 0.5])
        XCTAssertEqual(dataset.unitIDs, ["a", "b"])
        XCTAssertEqual(dataset.activity[0, 1, 0], 1.0)
        XCTAssertEqual(dataset.activity[0, 1, 1], 2.0)
        XCTAssertEqual(dataset.activity[0, 0, 1], 4.0)
        XCTAssertTrue(dataset.activity[0, 0, 0].isNaN)
        XCTAssertEqual(dataset.activity[1, 0, 0], 3.0)
        XCTAssertEqual(dataset.trials.numeric(StimulusTable.contrast), [0.9, 0.1])
    }
}
