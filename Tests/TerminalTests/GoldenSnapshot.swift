import Foundation
import Terminal
import XCTest

/// Compares a cell buffer with golden files: `NAME.txt` contains the plain text and
/// `NAME.style.txt` the colour and attribute layer (see `CellBuffer.styleLayerText`).
///
/// With `UPDATE_GOLDEN=1` in the environment the files are written into the source tree
/// instead (Tests/TerminalTests/Golden) and the comparison is skipped; rerun without it to
/// check. A missing golden file fails the test.
enum GoldenSnapshot {
    static var sourceDirectory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Golden")
    }

    static func assertMatches(
        _ buffer: CellBuffer, named name: String, asciiOnly: Bool = false,
        file: StaticString = #filePath,
        line: UInt = #line
    ) {
        let files = [
            ("\(name).txt", buffer.plainText(asciiOnly: asciiOnly) + "\n"),
            ("\(name).style.txt", buffer.styleLayerText() + "\n"),
        ]
        let updating = ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1"
        for (fileName, actual) in files {
            if updating {
                let url = sourceDirectory.appendingPathComponent(fileName)
                do {
                    try actual.write(to: url, atomically: true, encoding: .utf8)
                } catch {
                    XCTFail(
                        "cannot write golden file \(url.path): \(error)", file: file,
                        line: line)
                }
                continue
            }
            guard
                let url = Bundle.module.url(
                    forResource: fileName, withExtension: nil, subdirectory: "Golden"),
                let expected = try? String(contentsOf: url, encoding: .utf8)
            else {
                XCTFail(
                    "golden file Golden/\(fileName) is missing; create it with "
                        + "UPDATE_GOLDEN=1 swift test --filter TerminalTests, review it, "
                        + "and commit it", file: file, line: line)
                continue
            }
            if expected != actual {
                XCTFail(
                    "\(fileName) differs from the golden file.\n--- expected\n\(expected)"
                        + "--- actual\n\(actual)", file: file, line: line)
            }
        }
    }
}
