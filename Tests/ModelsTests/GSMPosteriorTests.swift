import Foundation
import Numerics
import XCTest

@testable import Models

/// Properties of the GSM posterior that hold by the model's mathematics.
final class GSMPosteriorTests: XCTestCase {
    private func blankImage(_ model: GSMModel) -> [Double] {
        [Double](repeating: 0, count: model.pixelCount)
    }

    func testBlankPosteriorMeanIsZero() throws {
        let model = try GSMTestSupport.publishedModel()
        let posterior = try model.posterior(forImage: blankImage(model))
        // mu_z = z / sigmaX^2 Sigma_z A^T x vanishes for x = 0 at every z.
        XCTAssertEqual(posterior.mean.map(abs).max() ?? 1, 0, accuracy: 1e-15)
    }

    func testBlankCovarianceIsBelowPrior() throws {
        let model = try GSMTestSupport.publishedModel()
        let posterior = try model.posterior(forImage: blankImage(model))
        let n = model.latentCount
        // At x = 0, Cov(y | x) = E[Sigma_z | x], and Sigma_z <= C in the Loewner order for
        // every z, so C - Cov(y | x) is positive semidefinite.
        let difference = zip(model.parameters.priorCovariance, posterior.covariance).map {
            $0.0 - $0.1
        }
        let eigen = try LinearAlgebra.symmetricEigen(difference, n: n)
        XCTAssertGreaterThan(eigen.values.first ?? -1, -1e-9)
        // The blank does not leave the prior: p(z | x = 0) sits near small z.
        XCTAssertLessThan(posterior.meanZ, 0.5)
    }

    func testBlankCorrelationsMatchPrior() throws {
        let model = try GSMTestSupport.publishedModel()
        let posterior = try model.posterior(forImage: blankImage(model))
        let n = model.latentCount
        let match = GSMStatistics.pearson(
            GSMStatistics.upperTriangle(posterior.correlation, n: n),
            GSMStatistics.upperTriangle(model.priorCorrelation, n: n))
        XCTAssertGreaterThan(match, 0.999)
    }

    /// Zero contrast gives the prior exactly only in the limit where p(z | x = 0) is
    /// concentrated at z = 0, because Sigma_z -> C as z -> 0. A Gamma prior with a tiny
    /// scale puts it there, and the posterior covariance then equals C.
    func testBlankCovarianceApproachesPriorAsZShrinks() throws {
        let published = try GSMTestSupport.publishedModel()
        var parameters = published.parameters
        parameters.contrastScale = 1e-4
        let model = try GSMModel(parameters: parameters)
        let posterior = try model.posterior(forImage: blankImage(model))
        XCTAssertLessThan(
            GSMTestSupport.relativeError(posterior.covariance, parameters.priorCovariance), 1e-6)
        // With the published prior the blank stays close to, but not at, the prior.
        let publishedPosterior = try published.posterior(forImage: blankImage(published))
        let publishedError = GSMTestSupport.relativeError(
            publishedPosterior.covariance, parameters.priorCovariance)
        XCTAssertGreaterThan(publishedError, 1e-4)
        XCTAssertLessThan(publishedError, 0.2)
    }

    func testMeanPosteriorVarianceFallsWithContrast() throws {
        let model = try GSMTestSupport.publishedModel()
        let results = try GSMContrastSeries.run(
            model: model, contrasts: [0, 0.25, 0.5, 1, 2, 4, 8], samples: 20, seed: 3)
        for (lower, higher) in zip(results, results.dropFirst()) {
            XCTAssertLessThan(
                higher.meanPosteriorVariance, lower.meanPosteriorVariance,
                "contrast \(lower.contrast) -> \(higher.contrast)")
            XCTAssertLessThan(
                higher.priorCorrelationMatch, lower.priorCorrelationMatch,
                "contrast \(lower.contrast) -> \(higher.contrast)")
            XCTAssertGreaterThan(higher.meanZ, lower.meanZ)
        }
    }

    func testSampleMomentsConvergeToMixtureMoments() throws {
        let model = try GSMTestSupport.publishedModel()
        let grating = try Grating(
            directionDegrees: 30, cyclesPerPixel: 0.125, contrast: 1,
            geometry: .square(16))
        let posterior = try model.posterior(forImage: grating.image())
        let n = model.latentCount
        let count = 4000
        var rng = GSMRandom(seed: 11)
        let draws = posterior.samples(count: count, using: &rng)
        XCTAssertEqual(draws.count, count * n)

        let variance = posterior.variance
        var worstZ = 0.0
        for unit in 0..<n {
            let sampleMean = (0..<count).reduce(0) { $0 + draws[$1 * n + unit] } / Double(count)
            let standardError = (variance[unit] / Double(count)).squareRoot()
            worstZ = max(worstZ, abs(sampleMean - posterior.mean[unit]) / standardError)
        }
        // 248 standardised means: the largest stays below 5 with overwhelming probability.
        XCTAssertLessThan(worstZ, 5)

        let covariance = GSMStatistics.sampleCovariance(draws, count: count, n: n)
        let sampleVariance = (0..<n).map { covariance[$0 * n + $0] }
        let ratio = sampleVariance.reduce(0, +) / variance.reduce(0, +)
        XCTAssertEqual(ratio, 1, accuracy: 0.03)
        let agreement = GSMStatistics.pearson(covariance, posterior.covariance)
        XCTAssertGreaterThan(agreement, 0.98)
    }

    func testPosteriorRejectsWrongInput() throws {
        let model = try GSMTestSupport.publishedModel()
        XCTAssertThrowsError(try model.posterior(observation: [1, 2, 3])) { error in
            XCTAssertEqual(
                error as? GSMError, .wrongShape(name: "x", found: [3], expected: [256, 1]))
        }
        var x = [Double](repeating: 0, count: 256)
        x[5] = .nan
        XCTAssertThrowsError(try model.posterior(observation: x))
        XCTAssertThrowsError(try model.posterior(observation: blankImage(model), gridSize: 1))
        // An input a million times stronger than natural patches peaks beyond the z search.
        let huge = [Double](repeating: 1e7, count: 256)
        XCTAssertThrowsError(try model.posterior(observation: huge)) { error in
            XCTAssertTrue("\(error)".contains("too strong"), "\(error)")
        }
    }
}
