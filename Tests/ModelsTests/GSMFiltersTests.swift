import Foundation
import XCTest

@testable import Models

final class GSMFiltersTests: XCTestCase {
    func testDefaultsWithGivenNoise() throws {
        let filters: [Double] = [1, 0, 0, 1, 0.5, 0.5, 0, 0]
        let model = try GSMModel(
            filters: filters, imageWidth: 2, imageHeight: 2, latentCount: 2, noiseSD: 0.3)
        XCTAssertEqual(model.parameters.priorCovariance, [1, 0, 0, 1])
        XCTAssertEqual(model.parameters.noiseSD, 0.3)
        XCTAssertEqual(model.parameters.contrastShape, 2)
        XCTAssertEqual(model.parameters.contrastScale, 2)
        XCTAssertNil(model.parameters.whitening)
        XCTAssertEqual(model.parameters.pixelOrder, .rowMajor)
        XCTAssertEqual(model.unitIDs, ["y1", "y2"])
    }

    /// Images drawn from x = z A y + sigma e recover sigma from the residual and theta from
    /// the pixel power.
    func testNoiseAndScaleEstimatedFromImages() throws {
        let dx = 16
        let dy = 4
        var rng = GSMRandom(seed: 21)
        let filters = (0..<(dx * dy)).map { _ in GSMSampling.standardNormal(using: &rng) * 0.3 }
        let sigma = 0.25
        var images: [[Double]] = []
        for _ in 0..<4000 {
            // z ~ Gamma(2, 1.5) as the sum of two exponentials of mean 1.5.
            let z =
                -1.5
                * (log(GSMSampling.uniformOpen(using: &rng))
                    + log(GSMSampling.uniformOpen(using: &rng)))
            let y = (0..<dy).map { _ in GSMSampling.standardNormal(using: &rng) }
            images.append(
                (0..<dx).map { pixel in
                    let signal = (0..<dy).reduce(0) { $0 + filters[pixel * dy + $1] * y[$1] }
                    return z * signal + sigma * GSMSampling.standardNormal(using: &rng)
                })
        }
        let model = try GSMModel(
            filters: filters, imageWidth: 4, imageHeight: 4, latentCount: dy,
            calibrationImages: images)
        XCTAssertEqual(model.parameters.noiseSD, sigma, accuracy: 0.01)
        XCTAssertEqual(model.parameters.contrastScale, 1.5, accuracy: 0.15)
    }

    func testMissingNoiseAndWrongShapesRejected() {
        XCTAssertThrowsError(
            try GSMModel(filters: [1, 0, 0, 1], imageWidth: 2, imageHeight: 1, latentCount: 2))
        XCTAssertThrowsError(
            try GSMModel(
                filters: [1, 0, 0], imageWidth: 2, imageHeight: 1, latentCount: 2, noiseSD: 1))
        XCTAssertThrowsError(
            try GSMModel(
                filters: [1, 0, 0, 1], imageWidth: 2, imageHeight: 1, latentCount: 2,
                calibrationImages: [[1, 2, 3]]))
    }
}
