import Foundation
import XCTest

/// Paths to the shared recordings and model parameters beside the checkout.
enum TestData {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .path
    static let gsmParameters = root + "/../shared/data/gsm-orban2016/model_parameters.mat"
    static let parkSession =
        root + "/../shared/data/park2024/230803_mrcuts24_fov1_grat-000_data.mat"

    static func require(_ path: String) throws -> String {
        guard FileManager.default.fileExists(atPath: path) else {
            throw XCTSkip("\(path) not found; the shared data folder is not beside the checkout")
        }
        return path
    }

    static func temporaryFolder() throws -> String {
        let folder = NSTemporaryDirectory() + "cortexscope-apptests-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }
}
