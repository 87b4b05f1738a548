import Foundation
import XCTest

@testable import Models

/// Compares the GSM posterior with `scripts/gsm_reference.py`, which computes it directly
/// in pixel space with NumPy and SciPy.
final class GSMReferenceTests: XCTestCase {
    private struct Reference: Decodable {
        struct Case: Decodable {
            let name: String
            let image: [Double]?
            let x: [Double]
            let zGrid: [Double]
            let zWeights: [Double]
            let mean: [Double]
            let covariance: [Double]
        }
        struct Gratings: Decodable {
            let direction: [Double]
            let cyclesPerPixel: [Double]
            let phase: [Double]
            let contrast: [Double]
        }
        let gridSize: Int
        let gratings: Gratings
        let cases: [Case]
    }

    private func loadReference() throws -> Reference {
        let path = try GSMTestSupport.fixture("gsm_reference.json")
        return try GSMTestSupport.snakeCaseDecoder.decode(
            Reference.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
    }

    func testPosteriorMatchesReference() throws {
        let model = try GSMTestSupport.publishedModel()
        let reference = try loadReference()
        XCTAssertEqual(reference.cases.count, 5)
        for item in reference.cases {
            let posterior = try model.posterior(observation: item.x, gridSize: reference.gridSize)
            XCTAssertLessThan(
                GSMTestSupport.relativeError(posterior.zGrid, item.zGrid), 1e-9, item.name)
            XCTAssertLessThan(
                GSMTestSupport.relativeError(posterior.zWeights, item.zWeights), 1e-6, item.name)
            XCTAssertLessThan(
                GSMTestSupport.relativeError(posterior.mean, item.mean), 1e-6, item.name)
            XCTAssertLessThan(
                GSMTestSupport.relativeError(posterior.covariance, item.covariance), 1e-6,
                item.name)
        }
    }

    func testObservationMatchesReferenceWhitening() throws {
        let model = try GSMTestSupport.publishedModel()
        let reference = try loadReference()
        for item in reference.cases {
            guard let image = item.image else { continue }
            let x = try model.observation(forImage: image)
            XCTAssertLessThan(GSMTestSupport.relativeError(x, item.x), 1e-12, item.name)
        }
    }

    func testGratingImagesMatchReference() throws {
        let reference = try loadReference()
        let geometry = try PatchGeometry.square(16)
        let specification = reference.gratings
        for index in specification.direction.indices {
            let grating = try Grating(
                directionDegrees: specification.direction[index],
                cyclesPerPixel: specification.cyclesPerPixel[index],
                phaseDegrees: specification.phase[index],
                contrast: specification.contrast[index], geometry: geometry)
            let expected = try XCTUnwrap(reference.cases[index].image)
            XCTAssertLessThan(
                GSMTestSupport.relativeError(grating.image(), expected), 1e-12,
                reference.cases[index].name)
        }
    }
}
