import Data
import Foundation
import XCTest

@testable import Models

final class GSMParametersTests: XCTestCase {
    func testPublishedParametersLoadWithShapes() throws {
        let model = try GSMTestSupport.publishedModel()
        let parameters = model.parameters
        XCTAssertEqual(parameters.pixelCount, 256)
        XCTAssertEqual(parameters.latentCount, 248)
        XCTAssertEqual(parameters.imageWidth, 16)
        XCTAssertEqual(parameters.pixelOrder, .columnMajor)
        XCTAssertEqual(parameters.contrastShape, 2)
        XCTAssertEqual(parameters.contrastScale, 2)
        XCTAssertEqual(parameters.noiseSD, 0.79447585, accuracy: 1e-8)
        XCTAssertEqual(parameters.nonlinearity, .orban2016)
        XCTAssertEqual(parameters.whitening?.count, 256 * 256)
        XCTAssertEqual(model.unitIDs.first, "y1")
        XCTAssertEqual(model.unitIDs.last, "y248")
    }

    func testToyFileLoadsRowMajor() throws {
        let path = try GSMTestSupport.fixture("gsm_toy_parameters.mat")
        let parameters = try GSMParameters.load(path: path)
        XCTAssertEqual(parameters.pixelCount, 4)
        XCTAssertEqual(parameters.latentCount, 3)
        XCTAssertEqual(parameters.imageWidth, 2)
        XCTAssertEqual(parameters.noiseSD, 0.7, accuracy: 1e-15)
        XCTAssertEqual(parameters.contrastScale, 1.5)
        // The prior covariance is symmetric and its first row matches its first column.
        XCTAssertEqual(parameters.priorCovariance[1], parameters.priorCovariance[3])
    }

    func testToyPosteriorMatchesReference() throws {
        let path = try GSMTestSupport.fixture("gsm_toy_parameters.mat")
        let referencePath = try GSMTestSupport.fixture("gsm_toy_reference.json")
        struct Toy: Decodable {
            struct Case: Decodable {
                let x: [Double]
                let zGrid: [Double]
                let zWeights: [Double]
                let mean: [Double]
                let covariance: [Double]
            }
            let toy: Case
        }
        let reference = try GSMTestSupport.snakeCaseDecoder.decode(
            Toy.self, from: Data(contentsOf: URL(fileURLWithPath: referencePath))
        ).toy
        let model = try GSMModel(contentsOf: path)
        let posterior = try model.posterior(observation: reference.x)
        XCTAssertLessThan(GSMTestSupport.relativeError(posterior.zGrid, reference.zGrid), 1e-9)
        XCTAssertLessThan(
            GSMTestSupport.relativeError(posterior.zWeights, reference.zWeights), 1e-6)
        XCTAssertLessThan(GSMTestSupport.relativeError(posterior.mean, reference.mean), 1e-6)
        XCTAssertLessThan(
            GSMTestSupport.relativeError(posterior.covariance, reference.covariance), 1e-6)
    }

    func testMissingVariableNamesIt() throws {
        let path = try GSMTestSupport.fixture("gsm_toy_missing_sigmax.mat")
        XCTAssertThrowsError(try GSMParameters.load(path: path)) { error in
            XCTAssertEqual(error as? GSMError, .missingParameter(name: "sigmaX", path: path))
            XCTAssertTrue("\(error)".contains("'sigmaX' is missing"), "\(error)")
        }
    }

    func testWrongShapeNamesVariableAndShapes() throws {
        let path = try GSMTestSupport.fixture("gsm_toy_wrong_shape.mat")
        XCTAssertThrowsError(try GSMParameters.load(path: path)) { error in
            XCTAssertEqual(
                error as? GSMError, .wrongShape(name: "A", found: [4, 2], expected: [4, 3]))
            XCTAssertTrue("\(error)".contains("'A' has shape 4x2 but 4x3"), "\(error)")
        }
    }

    func testNonPositiveDefinitePriorRejected() throws {
        let parameters = try GSMParameters(
            pixelCount: 2, latentCount: 2, filters: [1, 0, 0, 1],
            priorCovariance: [1, 2, 2, 1], noiseSD: 1, contrastShape: 2, contrastScale: 2,
            imageWidth: 2, imageHeight: 1)
        XCTAssertThrowsError(try GSMModel(parameters: parameters)) { error in
            XCTAssertTrue("\(error)".contains("'rho'"), "\(error)")
        }
    }

    func testInvalidValuesRejected() {
        XCTAssertThrowsError(
            try GSMParameters(
                pixelCount: 2, latentCount: 1, filters: [1, .nan], priorCovariance: [1],
                noiseSD: 1, contrastShape: 2, contrastScale: 2, imageWidth: 2, imageHeight: 1))
        XCTAssertThrowsError(
            try GSMParameters(
                pixelCount: 2, latentCount: 1, filters: [1, 0], priorCovariance: [1],
                noiseSD: 0, contrastShape: 2, contrastScale: 2, imageWidth: 2, imageHeight: 1))
        XCTAssertThrowsError(
            try GSMParameters(
                pixelCount: 2, latentCount: 2, filters: [1, 0, 0, 1],
                priorCovariance: [1, 0.5, 0.4, 1], noiseSD: 1, contrastShape: 2,
                contrastScale: 2, imageWidth: 2, imageHeight: 1))
        XCTAssertThrowsError(
            try GSMParameters(
                pixelCount: 2, latentCount: 1, filters: [1, 0], priorCovariance: [1],
                noiseSD: 1, contrastShape: 2, contrastScale: 2, imageWidth: 3, imageHeight: 1))
    }

    func testUnreadableFileRejected() {
        XCTAssertThrowsError(try GSMParameters.load(path: "/nonexistent/params.mat")) { error in
            guard case .unreadable(let path, _) = error as? DataError else {
                return XCTFail("expected DataError.unreadable, got \(error)")
            }
            XCTAssertEqual(path, "/nonexistent/params.mat")
        }
    }
}
