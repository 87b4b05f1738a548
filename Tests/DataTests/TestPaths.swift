import Foundation
import XCTest

/// Locations of the package, the shared recordings and the generated fixtures.
enum TestPaths {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let parkFolder = packageRoot
        .deletingLastPathComponent().appendingPathComponent("shared/data/park2024")

    static let generated = packageRoot.appendingPathComponent("Tests/Fixtures/generated")

    /// Returns the Park session files, or throws a skip when the shared data folder is absent.
    static func parkSessions() throws -> [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: parkFolder.path)) ?? []
        let sessions = files.filter { $0.hasSuffix("_data.mat") }.sorted()
        guard !sessions.isEmpty else {
            throw XCTSkip("no Park 2024 sessions in \(parkFolder.path); the shared data is absent")
        }
        return sessions.map { parkFolder.appendingPathComponent($0).path }
    }

    /// Returns a generated fixture's path, or throws a skip telling how to produce it.
    static func fixture(_ relativePath: String) throws -> String {
        let path = generated.appendingPathComponent(relativePath).path
        guard FileManager.default.fileExists(atPath: path) else {
            throw XCTSkip("fixture \(path) is missing; run `make fixtures` to generate it")
        }
        return path
    }
}
