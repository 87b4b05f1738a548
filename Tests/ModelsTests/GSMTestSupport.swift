import Foundation
import XCTest

@testable import Models

/// Locates the shared data and the generated fixtures, and loads the published GSM once.
enum GSMTestSupport {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let parametersPath =
        packageRoot
        .appendingPathComponent("../shared/data/gsm-orban2016/model_parameters.mat")
        .standardized.path

    static let fixturesFolder = packageRoot.appendingPathComponent("Tests/Fixtures/generated")

    private static let cachedModel: Result<GSMModel, any Error>? = {
        guard FileManager.default.fileExists(atPath: parametersPath) else { return nil }
        return Result { try GSMModel(contentsOf: parametersPath) }
    }()

    /// Returns the model of Orbán et al. 2016, or throws an XCTSkip when the parameter file is absent.
    static func publishedModel() throws -> GSMModel {
        guard let cachedModel else {
            throw XCTSkip("GSM parameters not found at \(parametersPath); the test needs them")
        }
        return try cachedModel.get()
    }

    /// Returns a generated fixture's path, or throws an XCTSkip saying how to produce it.
    static func fixture(_ name: String) throws -> String {
        let path = fixturesFolder.appendingPathComponent(name).path
        guard FileManager.default.fileExists(atPath: path) else {
            throw XCTSkip("fixture \(name) not found; run `make fixtures` first")
        }
        return path
    }

    /// A decoder for the reference script's snake-case JSON keys.
    static var snakeCaseDecoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return decoder
    }

    /// Returns the largest absolute difference between two arrays, relative to the largest absolute
    /// value of `expected`.
    static func relativeError(_ actual: [Double], _ expected: [Double]) -> Double {
        let scale = expected.reduce(0) { max($0, abs($1)) }
        let difference = zip(actual, expected).reduce(0) { max($0, abs($1.0 - $1.1)) }
        return difference / max(scale, 1e-300)
    }
}
