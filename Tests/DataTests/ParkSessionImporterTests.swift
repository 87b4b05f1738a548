import Foundation
import XCTest

@testable import Data

/// The Park 2024 importer on the real sessions and on damaged or foreign files.
final class ParkSessionImporterTests: XCTestCase {
    let importer = ParkSessionImporter()

    func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("cortexscope-data-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        return folder
    }

    func testRealSessionsHaveExpectedCountsAndShapes() throws {
        let paths = try TestPaths.parkSessions()
        XCTAssertEqual(paths.count, 5)
        let expectedNeurons = [28, 53, 74, 39, 56]
        for (path, neurons) in zip(paths, expectedNeurons) {
            let datasets = try importer.read(path: path)
            XCTAssertEqual(datasets.count, 1)
            let dataset = try XCTUnwrap(datasets.first)
            XCTAssertEqual(dataset.unitCount, neurons, dataset.name)
            XCTAssertEqual(dataset.trialCount, 128, dataset.name)
            XCTAssertEqual(dataset.sampleCount, 49, dataset.name)
            XCTAssertEqual(dataset.unitIDs.first, "neuron1")
            XCTAssertEqual(dataset.unitIDs.last, "neuron\(neurons)")
            XCTAssertTrue(dataset.warnings.isEmpty, "\(dataset.name): \(dataset.warnings)")
            XCTAssertEqual(dataset.origin, .recorded(path: path, format: "park2024-mat"))
        }
    }

    func testRealSessionValuesMatchFileLayout() throws {
        let firstSession = try Self.firstParkSession()
        let path = try XCTUnwrap(firstSession)
        let dataset = try XCTUnwrap(try importer.read(path: path).first)
        XCTAssertEqual(dataset.name, "230803_mrcuts24_fov1_grat-000")
        XCTAssertEqual(dataset.sampleTimes.first, -1)
        XCTAssertEqual(dataset.sampleTimes.last, 2)
        XCTAssertEqual(dataset.sampleTimes[16], 0)

        // The first samples of neuron1, trial 1, as scipy.io.loadmat reads them.
        XCTAssertEqual(dataset.activity[0, 0, 0], 0.61316523, accuracy: 1e-8)
        XCTAssertEqual(dataset.activity[0, 0, 1], 0.52952109, accuracy: 1e-8)
        XCTAssertEqual(dataset.activity[0, 0, 2], 0.28116794, accuracy: 1e-8)

        let directions = try XCTUnwrap(dataset.trials.numeric(StimulusTable.direction))
        XCTAssertEqual(Set(directions), Set(stride(from: 0.0, through: 315, by: 45)))
        for direction in Set(directions) {
            XCTAssertEqual(directions.filter { $0 == direction }.count, 16)
        }
        XCTAssertEqual(dataset.behaviour(named: "speed")?.kind, .runningSpeed)
        XCTAssertEqual(dataset.behaviour(named: "pupil_zscore")?.kind, .pupil)
        XCTAssertEqual(dataset.behaviour(named: "speed")?.values.count, 128 * 49)
    }

    func testLoaderPicksParkImporterForMatFiles() throws {
        let firstSession = try Self.firstParkSession()
        let path = try XCTUnwrap(firstSession)
        XCTAssertEqual(DatasetLoader.importer(for: path)?.formatName, "park2024-mat")
        XCTAssertFalse(importer.canRead(path: "/tmp/session.nwb"))
        XCTAssertTrue(importer.canRead(path: "/tmp/SESSION.MAT"))
    }

    func testTruncatedFileThrowsUnreadable() throws {
        let firstSession = try Self.firstParkSession()
        let source = try XCTUnwrap(firstSession)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: source))
        let folder = try temporaryFolder()
        for fraction in [0.5, 0.9] {
            let path = folder.appendingPathComponent("truncated-\(fraction).mat").path
            let kept = Int(Double(bytes.count) * fraction)
            try bytes.prefix(kept).write(to: URL(fileURLWithPath: path))
            XCTAssertThrowsError(try importer.read(path: path), "kept \(kept) bytes") { error in
                guard case DataError.unreadable(let reported, let reason) = error else {
                    return XCTFail("expected unreadable, got \(error)")
                }
                XCTAssertEqual(reported, path)
                XCTAssertFalse(reason.isEmpty)
            }
        }
    }

    func testHeaderOnlyAndGarbageFilesThrowUnreadable() throws {
        let folder = try temporaryFolder()
        let garbage = folder.appendingPathComponent("garbage.mat").path
        try Data(repeating: 0x5A, count: 300).write(to: URL(fileURLWithPath: garbage))
        let empty = folder.appendingPathComponent("empty.mat").path
        try Data().write(to: URL(fileURLWithPath: empty))
        for path in [garbage, empty, folder.appendingPathComponent("absent.mat").path] {
            XCTAssertThrowsError(try importer.read(path: path), path) { error in
                guard case DataError.unreadable = error else {
                    return XCTFail("expected unreadable for \(path), got \(error)")
                }
            }
        }
    }

    func testOtherLayoutThrowsUnknownLayoutListingVariables() throws {
        let path = try TestPaths.fixture("mat/other_layout.mat")
        XCTAssertThrowsError(try importer.read(path: path)) { error in
            guard case DataError.unknownLayout(_, let found, let expected) = error else {
                return XCTFail("expected unknownLayout, got \(error)")
            }
            XCTAssertEqual(Set(found), ["X", "labels"])
            XCTAssertEqual(expected, ParkSessionImporter.expectedLayout)
            XCTAssertTrue("\(error)".contains("Variables found: X"))
        }
    }

    func testIrregularNeuronsAreDroppedWithWarnings() throws {
        let path = try TestPaths.fixture("mat/park_irregular.mat")
        let dataset = try XCTUnwrap(try importer.read(path: path).first)
        XCTAssertEqual(dataset.unitIDs, ["neuron1", "neuron10"])
        XCTAssertEqual(dataset.trialCount, 8)
        XCTAssertEqual(dataset.sampleCount, 5)
        XCTAssertTrue(dataset.activity[1, 2, 1].isNaN)
        XCTAssertEqual(dataset.name, "park_irregular")

        let warnings = dataset.warnings.joined(separator: "\n")
        XCTAssertTrue(warnings.contains("neuron2 dropped: has 7 trials, expected 8"), warnings)
        XCTAssertTrue(
            warnings.contains("neuron3 dropped: trial 6 has 4 samples, expected 5"), warnings)
        XCTAssertTrue(warnings.contains("NaN samples in 1 neuron(s): neuron10"), warnings)
    }

    func testSortedNeuronNamesAreNumeric() {
        let sorted = ParkSessionImporter.sortedNeuronNames(
            ["neuron10", "speed", "neuron2", "neuron1", "neuronX"])
        XCTAssertEqual(sorted, ["neuron1", "neuron2", "neuron10"])
    }
}

/// Damage inside the compressed data, where the file keeps its length.
final class ParkSessionCorruptionTests: XCTestCase {
    func testOverwrittenCompressedBytesThrowUnreadable() throws {
        let firstSession = try Self.firstParkSession()
        let source = try XCTUnwrap(firstSession)
        var bytes = try Data(contentsOf: URL(fileURLWithPath: source))
        let start = bytes.count / 3
        bytes.replaceSubrange(start..<(start + 512), with: Data(repeating: 0xFF, count: 512))
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("cortexscope-corrupt-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("corrupt.mat").path
        try bytes.write(to: URL(fileURLWithPath: path))

        XCTAssertThrowsError(try ParkSessionImporter().read(path: path)) { error in
            guard case DataError.unreadable(let reported, let reason) = error else {
                return XCTFail("expected unreadable, got \(error)")
            }
            XCTAssertEqual(reported, path)
            XCTAssertFalse(reason.isEmpty)
        }
    }
}

extension XCTestCase {
    /// The first Park session file. Throws `XCTSkip` when the data is absent, so call it
    /// outside `XCTUnwrap`, which would record a thrown skip as a failure.
    static func firstParkSession() throws -> String? {
        try TestPaths.parkSessions().first
    }
}
