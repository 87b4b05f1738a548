import Foundation
import Terminal
import XCTest

/// Compares a drawn buffer with `Golden/NAME.txt` and `Golden/NAME.style.txt` beside this
/// folder, read from the source tree. `UPDATE_GOLDEN=1` rewrites them instead; a missing
/// file fails with that instruction.
enum Golden {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Golden")

    static func assertMatches(_ buffer: CellBuffer, named name: String, asciiOnly: Bool,
                              file: StaticString = #filePath, line: UInt = #line) {
        let files = [
            ("\(name).txt", buffer.plainText(asciiOnly: asciiOnly) + "\n"),
            ("\(name).style.txt", buffer.styleLayerText() + "\n"),
        ]
        for (fileName, actual) in files {
            let url = folder.appendingPathComponent(fileName)
            if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
                XCTAssertNoThrow(try actual.write(to: url, atomically: true, encoding: .utf8))
                continue
            }
            guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
                XCTFail("golden file \(url.path) is missing; create it with UPDATE_GOLDEN=1 "
                        + "swift test --filter AppTests, review it and commit it",
                        file: file, line: line)
                continue
            }
            XCTAssertEqual(expected, actual, "\(fileName) differs from the golden file",
                           file: file, line: line)
        }
    }
}
