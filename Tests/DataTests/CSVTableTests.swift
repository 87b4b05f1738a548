import XCTest

@testable import Data

final class CSVTableTests: XCTestCase {
    func testByteOrderMarkIsDropped() throws {
        let table = try CSVTable(text: "\u{FEFF}unit,trial,response\n1,0,2.5\n", path: "bom.csv")
        XCTAssertEqual(table.columnNames, ["unit", "trial", "response"])
        XCTAssertEqual(table.rows, [["1", "0", "2.5"]])
    }

    func testImporterRecognisesFileWithByteOrderMark() throws {
        let folder = NSTemporaryDirectory() + "csv-bom-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/session.csv"
        let text = "\u{FEFF}unit,trial,response,direction\n1,0,1.5,0\n1,1,0.5,90\n"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        XCTAssertTrue(LongTableCSVImporter().canRead(path: path))
        let datasets = try DatasetLoader.load(path: path)
        XCTAssertEqual(datasets.first?.unitCount, 1)
        XCTAssertEqual(datasets.first?.trialCount, 2)
    }
}
