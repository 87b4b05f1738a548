import Foundation
import XCTest

@testable import Models

final class GSMRandomTests: XCTestCase {
    func testSameSeedSameStream() {
        var first = GSMRandom(seed: 42)
        var second = GSMRandom(seed: 42)
        var other = GSMRandom(seed: 43)
        let a = (0..<5).map { _ in first.next() }
        XCTAssertEqual(a, (0..<5).map { _ in second.next() })
        XCTAssertNotEqual(a, (0..<5).map { _ in other.next() })
    }

    func testStandardNormalMoments() {
        var rng = GSMRandom(seed: 1)
        let count = 100_000
        let values = (0..<count).map { _ in GSMSampling.standardNormal(using: &rng) }
        let mean = values.reduce(0, +) / Double(count)
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(count - 1)
        // Standard errors: 0.003 for the mean, 0.0045 for the variance.
        XCTAssertEqual(mean, 0, accuracy: 0.015)
        XCTAssertEqual(variance, 1, accuracy: 0.025)
    }

    func testPoissonMeanAndVarianceBothBranches() {
        var rng = GSMRandom(seed: 2)
        let count = 50_000
        for expected in [0.7, 4.0, 55.0] {
            let values = (0..<count).map {
                _ in Double(GSMSampling.poisson(mean: expected, using: &rng))
            }
            let mean = values.reduce(0, +) / Double(count)
            let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(count - 1)
            // Five standard errors of the mean and about five of the variance.
            XCTAssertEqual(mean, expected, accuracy: 5 * (expected / Double(count)).squareRoot())
            XCTAssertEqual(variance / expected, 1, accuracy: 0.04, "mean \(expected)")
        }
        XCTAssertEqual(GSMSampling.poisson(mean: 0, using: &rng), 0)
        XCTAssertEqual(GSMSampling.poisson(mean: .nan, using: &rng), 0)
    }

    func testCategoricalFollowsWeights() {
        var rng = GSMRandom(seed: 3)
        let cumulative = [0.2, 0.2, 0.9, 1.0]
        var counts = [0, 0, 0, 0]
        let draws = 40_000
        for _ in 0..<draws { counts[GSMSampling.categorical(cumulative, using: &rng)] += 1 }
        XCTAssertEqual(counts[1], 0)
        XCTAssertEqual(Double(counts[0]) / Double(draws), 0.2, accuracy: 0.01)
        XCTAssertEqual(Double(counts[2]) / Double(draws), 0.7, accuracy: 0.01)
        XCTAssertEqual(Double(counts[3]) / Double(draws), 0.1, accuracy: 0.01)
    }

    /// u = sign(y)|y|^1.4 and rate = 10 [u - 1.9]_+^1.1, evaluated by hand.
    func testRateNonlinearityByHand() {
        let nonlinearity = RateNonlinearity.orban2016
        XCTAssertEqual(nonlinearity.membranePotential(2), pow(2, 1.4), accuracy: 1e-12)
        XCTAssertEqual(nonlinearity.membranePotential(-2), -pow(2, 1.4), accuracy: 1e-12)
        XCTAssertEqual(nonlinearity.rate(2), 10 * pow(pow(2, 1.4) - 1.9, 1.1), accuracy: 1e-12)
        XCTAssertEqual(nonlinearity.rate(1), 0)
        XCTAssertEqual(nonlinearity.rate(-3), 0)
    }
}
