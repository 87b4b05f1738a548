import Data
import Engine
import Foundation
import Models
import XCTest

final class SourceFileTests: XCTestCase {
    func testParkSessionGoesToImporter() throws {
        let path = try TestData.require(TestData.parkSession)
        XCTAssertEqual(try SourceFile.recognise(path: path), .recording(path: path))
    }

    func testGSMParametersAreModel() throws {
        let path = try TestData.require(TestData.gsmParameters)
        XCTAssertEqual(try SourceFile.recognise(path: path), .gsmParameters(path: path))
    }

    func testOtherMATRejectedListingVariables() throws {
        let folder = try TestData.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/other.mat"
        try MATTestFile.write(scalars: [("alpha", 1), ("speed", 2)], to: path)
        XCTAssertThrowsError(try SourceFile.recognise(path: path)) { error in
            XCTAssertEqual(
                error as? SourceFileError,
                .unrecognisedMAT(path: path, variables: ["alpha", "speed"]))
            let message = "\(error)"
            XCTAssertTrue(message.contains("Variables found: alpha, speed"), message)
            XCTAssertTrue(message.contains("GSM parameters need Dx, Dy"), message)
        }
    }

    func testPartialGSMFileIsModelWithClearLoadError() throws {
        let folder = try TestData.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/partial.mat"
        let names = SourceFile.gsmVariables.map { ($0, 1.0) }
        try MATTestFile.write(scalars: names, to: path)
        XCTAssertEqual(try SourceFile.recognise(path: path), .gsmParameters(path: path))
        XCTAssertThrowsError(try SessionLoader.load(path: path, settings: TuningSettings()))
        { error in
            XCTAssertTrue("\(error)".contains("'alpha' is missing"), "\(error)")
        }
    }

    func testSafetensorsWithoutFormatRejected() throws {
        let folder = try TestData.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/weights.safetensors"
        let file = SafetensorsFile(
            tensors: ["w": SafetensorsTensor(shape: [1], values: [1])],
            metadata: ["format": "other"])
        try file.encoded().write(to: URL(fileURLWithPath: path))
        XCTAssertThrowsError(try SourceFile.recognise(path: path)) { error in
            XCTAssertTrue("\(error)".contains("format is 'other'"), "\(error)")
        }
    }

    func testDiscoverFindsCheckpointsAndMATFiles() throws {
        let folder = try TestData.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(
            atPath: folder + "/models", withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: folder + "/models/a.safetensors", contents: Data())
        FileManager.default.createFile(atPath: folder + "/b.mat", contents: Data())
        FileManager.default.createFile(atPath: folder + "/notes.txt", contents: Data())
        XCTAssertEqual(
            SourceFile.discover([folder]), [folder + "/b.mat", folder + "/models/a.safetensors"])
    }
}
