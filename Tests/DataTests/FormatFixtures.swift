import Foundation
import XCTest

/// Paths to the files `make fixtures` writes into Tests/Fixtures/generated, and their
/// expected values.
enum FormatFixtures {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/generated")

    /// Returns the path of `name` under the generated folder, or skips the test when the
    /// file is missing.
    static func path(_ name: String) throws -> String {
        let path = root.appendingPathComponent(name).path
        guard FileManager.default.fileExists(atPath: path) else {
            throw XCTSkip("fixture \(name) is missing; run `make fixtures` first")
        }
        return path
    }

    /// Parses the JSON object in `name`, or skips the test when the file is missing.
    static func json(_ name: String) throws -> FormatExpected {
        let data = try Data(contentsOf: URL(fileURLWithPath: try path(name)))
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw XCTSkip("fixture \(name) is not a JSON object; rerun `make fixtures`")
        }
        return FormatExpected(object)
    }
}

/// A JSON object of expected values, with null read as NaN in number lists.
struct FormatExpected {
    let values: [String: Any]

    init(_ values: [String: Any]) {
        self.values = values
    }

    subscript(key: String) -> Any? { values[key] }

    func numbers(_ key: String) -> [Double] {
        (values[key] as? [Any] ?? []).map { ($0 as? Double) ?? .nan }
    }

    func matrix(_ key: String) -> [Double] {
        (values[key] as? [[Any]] ?? []).flatMap { $0.map { ($0 as? Double) ?? .nan } }
    }

    func object(_ key: String) -> FormatExpected {
        FormatExpected(values[key] as? [String: Any] ?? [:])
    }

    func int(_ key: String) -> Int {
        values[key] as? Int ?? -1
    }
}

/// Asserts that two arrays have the same length and agree within `tolerance`, NaN with NaN.
/// Foundation's JSON parser on Linux can miss the nearest double by an ulp, so values read
/// from expected JSON are compared with a tolerance even where the reader is exact.
func assertFormatValuesClose(
    _ actual: [Double], _ expected: [Double], tolerance: Double = 1e-9, _ label: String,
    file: StaticString = #filePath, line: UInt = #line
) {
    XCTAssertEqual(actual.count, expected.count, "\(label): count", file: file, line: line)
    for (index, (a, e)) in zip(actual, expected).enumerated() {
        if a.isNaN && e.isNaN { continue }
        if !(abs(a - e) <= tolerance) {
            XCTFail("\(label)[\(index)]: \(a) != \(e)", file: file, line: line)
            return
        }
    }
}
