import Data
import Foundation
import XCTest

/// PSTH binning and smoothing against rates counted by hand.
final class PSTHTests: XCTestCase {
    /// Three trials; trials 0 and 1 form condition 0, trial 2 condition 1, condition 2 is empty.
    static let spikes: [[Double]] = [[0.05, 0.15, 0.16, 0.95], [0.12, 0.5], [0.3, -0.1, 1.2]]
    static let groups = [[0, 1], [2], []]

    func testBinnedRatesMatchHandCounts() throws {
        let psth = try PSTH.compute(
            spikeTimes: Self.spikes, trialGroups: Self.groups, range: 0...1, binWidth: 0.25)
        XCTAssertEqual(psth.binStarts, [0, 0.25, 0.5, 0.75])
        // Condition 0: bin counts 4, 0, 1 (0.5 opens bin 2), 1 over 2 trials of 0.25 s.
        XCTAssertEqual(psth.rates[0], [8, 0, 2, 2])
        // Condition 1: one spike in bin 1; -0.1 and 1.2 lie outside the range.
        XCTAssertEqual(psth.rates[1], [0, 4, 0, 0])
        XCTAssertEqual(psth.trialCounts, [2, 1, 0])
        XCTAssertTrue(psth.rates[2].allSatisfy(\.isNaN))
    }

    func testGaussianSmoothingRenormalisesAtEdges() throws {
        let psth = try PSTH.compute(
            spikeTimes: Self.spikes, trialGroups: Self.groups, range: 0...1, binWidth: 0.25,
            smoothingSigma: 0.25)
        // sigma = 1 bin: weights exp(-d^2 / 2) for d = 0, 1, 2, 3.
        let w = [1.0, exp(-0.5), exp(-2.0), exp(-4.5)]
        let binned = [0.0, 4, 0, 0]
        let expected = (0..<4).map { index -> Double in
            var sum = 0.0
            var total = 0.0
            for source in 0..<4 {
                sum += w[abs(source - index)] * binned[source]
                total += w[abs(source - index)]
            }
            return sum / total
        }
        for (actual, wanted) in zip(psth.rates[1], expected) {
            XCTAssertEqual(actual, wanted, accuracy: 1e-12)
        }
        XCTAssertEqual(psth.rates[1][0], 4 * w[1] / (w[0] + w[1] + w[2] + w[3]), accuracy: 1e-12)
    }

    func testConstantRateStaysConstantWhenSmoothed() throws {
        let trial = (0..<100).map { Double($0) * 0.01 + 0.005 }
        let psth = try PSTH.compute(
            spikeTimes: [trial], trialGroups: [[0]], range: 0...1, binWidth: 0.05,
            smoothingSigma: 0.1)
        for rate in psth.rates[0] { XCTAssertEqual(rate, 100, accuracy: 1e-9) }
    }

    func testInvalidBinWidthThrows() {
        for width in [0, -0.1, .nan, .infinity] {
            XCTAssertThrowsError(
                try PSTH.compute(spikeTimes: [[]], trialGroups: [[0]], range: 0...1,
                                 binWidth: width)
            ) { error in
                XCTAssertTrue("\(error)".contains("bin width"), "\(error)")
            }
        }
        XCTAssertThrowsError(
            try PSTH.compute(spikeTimes: [[]], trialGroups: [[0]], range: 0...1e9,
                             binWidth: 0.001))
    }
}
