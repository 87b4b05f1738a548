import Foundation
import XCTest

@testable import Models

final class SafetensorsTests: XCTestCase {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    private func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("safetensors-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        return folder
    }

    private var sample: SafetensorsFile {
        SafetensorsFile(
            tensors: [
                "b.weight": SafetensorsTensor(shape: [2, 3], values: [1, -2, 3.5, 0, 1e-7, -0]),
                "a.bias": SafetensorsTensor(shape: [3], values: [0.25, 0.5, 0.75]),
                "scalar": SafetensorsTensor(shape: [], values: [42]),
            ],
            metadata: ["step": "12", "note": "ünïcode"])
    }

    func testRoundTripThroughFile() throws {
        let url = try temporaryFolder().appendingPathComponent("sample.safetensors")
        try sample.write(to: url)
        XCTAssertEqual(try SafetensorsFile.read(from: url), sample)
        let leftovers = try FileManager.default.contentsOfDirectory(
            atPath: url.deletingLastPathComponent().path)
        XCTAssertEqual(leftovers, ["sample.safetensors"], "no temporary file may remain")
    }

    func testLayoutIsAlignedAndSorted() throws {
        let data = try sample.encoded()
        let headerLength = data.prefix(8).enumerated().reduce(0) {
            $0 | Int($1.element) << (8 * $1.offset)
        }
        XCTAssertEqual(headerLength % 8, 0)
        XCTAssertEqual(data.count, 8 + headerLength + 4 * (6 + 3 + 1))
        let header = try XCTUnwrap(
            JSONSerialization.jsonObject(with: data.subdata(in: 8..<(8 + headerLength)))
                as? [String: Any])
        let first = try XCTUnwrap(header["a.bias"] as? [String: Any])
        XCTAssertEqual(first["data_offsets"] as? [Int], [0, 12])
        XCTAssertEqual(first["dtype"] as? String, "F32")
        let second = try XCTUnwrap(header["b.weight"] as? [String: Any])
        XCTAssertEqual(second["data_offsets"] as? [Int], [12, 36])
    }

    func testTruncatedFileThrows() throws {
        let data = try sample.encoded()
        XCTAssertThrowsError(try SafetensorsFile.decode(data.prefix(5))) { error in
            guard case SafetensorsError.truncated = error else { return XCTFail("\(error)") }
        }
        XCTAssertThrowsError(try SafetensorsFile.decode(data.prefix(20))) { error in
            guard case SafetensorsError.truncated = error else { return XCTFail("\(error)") }
        }
        XCTAssertThrowsError(try SafetensorsFile.decode(data.dropLast(4))) { error in
            guard case SafetensorsError.truncated = error else { return XCTFail("\(error)") }
        }
    }

    private func fileWithHeader(_ json: String, dataBytes: Int) -> Data {
        var data = Data()
        withUnsafeBytes(of: UInt64(json.utf8.count).littleEndian) { data.append(contentsOf: $0) }
        data.append(Data(json.utf8))
        data.append(Data(count: dataBytes))
        return data
    }

    func testMalformedHeadersThrow() {
        let cases: [(String, String)] = [
            ("not json", "{\"a\": "),
            ("no dtype", #"{"a": {"shape": [1], "data_offsets": [0, 4]}}"#),
            ("bad offsets", #"{"a": {"dtype": "F32", "shape": [1], "data_offsets": [4]}}"#),
            ("bad metadata", #"{"__metadata__": {"k": 1}}"#),
        ]
        for (name, json) in cases {
            XCTAssertThrowsError(
                try SafetensorsFile.decode(fileWithHeader(json, dataBytes: 4)), name
            ) {
                error in
                guard case SafetensorsError.malformedHeader = error else {
                    return XCTFail("\(name): \(error)")
                }
            }
        }
        let huge = Data([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F])
        XCTAssertThrowsError(try SafetensorsFile.decode(huge))
    }

    func testWrongDTypeAndShapeThrow() {
        let f16 = #"{"a": {"dtype": "F16", "shape": [2], "data_offsets": [0, 4]}}"#
        XCTAssertThrowsError(try SafetensorsFile.decode(fileWithHeader(f16, dataBytes: 4))) {
            error in
            XCTAssertEqual(
                error as? SafetensorsError,
                .unsupportedDType(path: "<memory>", tensor: "a", dtype: "F16"))
        }
        let shape = #"{"a": {"dtype": "F32", "shape": [3], "data_offsets": [0, 8]}}"#
        XCTAssertThrowsError(try SafetensorsFile.decode(fileWithHeader(shape, dataBytes: 8))) {
            error in
            guard case SafetensorsError.shapeMismatch = error else { return XCTFail("\(error)") }
        }
        let bad = SafetensorsFile(tensors: ["a": SafetensorsTensor(shape: [2, 2], values: [1])])
        XCTAssertThrowsError(try bad.encoded())
    }

    func testReadsFileWrittenByPythonSafetensors() throws {
        let url = Self.repositoryRoot.appendingPathComponent(
            "Tests/Fixtures/generated/safetensors_reference.safetensors")
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw XCTSkip("\(url.path) is missing; run `make fixtures` to write it")
        }
        let file = try SafetensorsFile.read(from: url)
        XCTAssertEqual(file.metadata, ["source": "safetensors.numpy", "step": "7"])
        XCTAssertEqual(
            file.tensors["matrix"],
            SafetensorsTensor(shape: [2, 3], values: [0, 0.25, 0.5, 0.75, 1, 1.25]))
        XCTAssertEqual(
            file.tensors["vector"], SafetensorsTensor(shape: [3], values: [1.5, -2.25, 1e-3]))
        XCTAssertEqual(file.tensors["scalar"], SafetensorsTensor(shape: [], values: [3]))
        let block = try XCTUnwrap(file.tensors["block.weight"])
        XCTAssertEqual(block.shape, [2, 3, 4])
        // numpy.linspace(-1, 1, 24) in float32.
        for (index, value) in block.values.enumerated() {
            XCTAssertEqual(value, Float(-1 + 2 * Double(index) / 23), accuracy: 1e-6)
        }
    }
}
