import Foundation
import XCTest

@testable import Models

final class GSMContrastSeriesTests: XCTestCase {
    func testSeriesIsReproducibleAndOrderFree() throws {
        let model = try GSMTestSupport.publishedModel()
        let series = try GSMContrastSeries.run(
            model: model, contrasts: [0, 2, 8], samples: 50, seed: 9)
        let again = try GSMContrastSeries.run(
            model: model, contrasts: [0, 2, 8], samples: 50, seed: 9)
        XCTAssertEqual(series, again)
        let alone = try GSMContrastSeries.run(model: model, contrasts: [2], samples: 50, seed: 9)
        XCTAssertEqual(alone.first, series[1])
    }

    func testVariabilityFallsFromBlankToHighContrast() throws {
        let model = try GSMTestSupport.publishedModel()
        let series = try GSMContrastSeries.run(
            model: model, contrasts: [0, 8], samples: 300, seed: 2)
        XCTAssertLessThan(series[1].membraneVariance, series[0].membraneVariance)
        XCTAssertLessThan(series[1].meanPosteriorVariance, series[0].meanPosteriorVariance)
        XCTAssertGreaterThan(series[0].priorCorrelationMatch, 0.999)
        for result in series {
            XCTAssertTrue(result.fanoFactor.isFinite)
            XCTAssertGreaterThan(result.fanoFactor, 0)
        }
    }

    func testResultEncodesSnakeCaseKeys() throws {
        let result = ContrastResult(
            contrast: 2, meanPosteriorVariance: 0.5, membraneVariance: 1, fanoFactor: .nan,
            priorCorrelationMatch: 0.9, meanZ: 3)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let text = String(decoding: try encoder.encode(result), as: UTF8.self)
        XCTAssertEqual(
            text,
            "{\"contrast\":2,\"fano_factor\":null,\"mean_posterior_variance\":0.5,"
                + "\"mean_z\":3,\"membrane_variance\":1,\"prior_correlation_match\":0.9}")
    }

    func testInvalidSeriesRejected() throws {
        let model = try GSMTestSupport.publishedModel()
        XCTAssertThrowsError(
            try GSMContrastSeries.run(model: model, contrasts: [1], samples: 1, seed: 1))
        XCTAssertThrowsError(
            try GSMContrastSeries.run(model: model, contrasts: [-1], samples: 5, seed: 1))
    }

    func testDirectionTuningGivesOneDatasetPerContrast() throws {
        let model = try GSMTestSupport.publishedModel()
        let datasets = try GSMContrastSeries.directionTuning(
            model: model, contrasts: [0.5, 4], trialsPerDirection: 2, samplesPerTrial: 2, seed: 1)
        XCTAssertEqual(datasets.count, 2)
        XCTAssertEqual(datasets[0].sampleCount, 2)
        XCTAssertEqual(datasets[1].trials.numeric("contrast")?.first, 4)
        XCTAssertEqual(datasets[0].trialCount, 16)
    }

    func testNoiseCorrelationsTrackPriorAtBlank() throws {
        let model = try GSMTestSupport.publishedModel()
        let blank = BlankStimulus(geometry: try .square(16))
        let result = try GSMNoiseCorrelations.measure(
            model: model, stimulus: blank, samples: 2000, seed: 4)
        XCTAssertGreaterThan(result.sampleVersusPrior, 0.9)
        XCTAssertGreaterThan(result.sampleVersusPosterior, 0.9)
        let grating = try Grating(
            directionDegrees: 0, cyclesPerPixel: 0.125, contrast: 8, geometry: .square(16))
        let driven = try GSMNoiseCorrelations.measure(
            model: model, stimulus: grating, samples: 2000, seed: 4)
        XCTAssertLessThan(driven.sampleVersusPrior, result.sampleVersusPrior)
    }
}
