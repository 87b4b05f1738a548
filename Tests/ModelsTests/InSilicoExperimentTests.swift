import Data
import Foundation
import XCTest

@testable import Models

/// A model whose response encodes where it came from: trial * 100 + unit * 10 + sample,
/// plus the first pixel of the frame.
private struct IndexModel: InSilicoModel {
    var name: String { "index" }
    var unitIDs: [String] { ["a", "b"] }
    var inputWidth: Int { 2 }
    var inputHeight: Int { 2 }
    var supportedReadouts: [ResponseReadout] { [.latent] }

    func respond<R: RandomNumberGenerator>(
        to frames: [[Double]], trials: Int, readout: ResponseReadout,
        sampleIntervalSeconds: Double, using rng: inout R
    ) throws -> ModelResponse {
        var values: [Double] = []
        for trial in 0..<trials {
            for unit in 0..<2 {
                for (sample, frame) in frames.enumerated() {
                    values.append(Double(trial * 100 + unit * 10 + sample) + frame[0])
                }
            }
        }
        return try ModelResponse(trials: trials, units: 2, samples: frames.count, values: values)
    }
}

final class InSilicoExperimentTests: XCTestCase {
    func testResponsesLandInDatasetOrder() throws {
        let geometry = try PatchGeometry.square(2)
        let patch = try NaturalPatch(pixels: [1000, 0, 0, 0] as [Double], geometry: geometry)
        let experiment = ExperimentProtocol(
            name: "order", conditions: [BlankStimulus(geometry: geometry), patch],
            trialsPerCondition: 3, samplesPerTrial: 2, sampleIntervalSeconds: 0.5,
            readout: .latent)
        let dataset = try InSilicoExperiment.run(experiment, on: IndexModel())
        XCTAssertEqual(dataset.unitIDs, ["a", "b"])
        XCTAssertEqual(dataset.trialCount, 6)
        XCTAssertEqual(dataset.sampleTimes, [0, 0.5])
        XCTAssertEqual(dataset.origin, .simulated(model: "index", protocolName: "order"))
        // Trial 4 is repeat 1 of condition 1 (the patch, first pixel 1000).
        XCTAssertEqual(dataset.activity[1, 4, 1], 1000 + 100 + 10 + 1)
        XCTAssertEqual(dataset.activity[0, 2, 0], 200)
        XCTAssertEqual(dataset.trials.numeric("condition"), [0, 0, 0, 1, 1, 1])
        XCTAssertEqual(dataset.trials.numeric(StimulusTable.contrast), [0, 0, 0, 1, 1, 1])
    }

    func testUnsupportedReadoutAndBadProtocolRejected() throws {
        let geometry = try PatchGeometry.square(2)
        var experiment = ExperimentProtocol(
            name: "bad", conditions: [BlankStimulus(geometry: geometry)], trialsPerCondition: 1,
            readout: .spikeCount)
        XCTAssertThrowsError(try InSilicoExperiment.run(experiment, on: IndexModel())) { error in
            XCTAssertEqual(
                error as? ExperimentError, .unsupportedReadout(model: "index", readout: .spikeCount)
            )
        }
        experiment.readout = .latent
        experiment.conditions = []
        XCTAssertThrowsError(try InSilicoExperiment.run(experiment, on: IndexModel()))
        experiment.conditions = [BlankStimulus(geometry: try .square(3))]
        XCTAssertThrowsError(try InSilicoExperiment.run(experiment, on: IndexModel())) { error in
            XCTAssertTrue("\(error)".contains("3x3"), "\(error)")
        }
        experiment.conditions = [BlankStimulus(geometry: geometry)]
        experiment.trialsPerCondition = 0
        XCTAssertThrowsError(try InSilicoExperiment.run(experiment, on: IndexModel()))
    }

    func testDefaultDirectionProtocolOnGSM() throws {
        let model = try GSMTestSupport.publishedModel()
        let experiment = try ExperimentProtocol.directionTuning(geometry: .square(16), seed: 5)
        let dataset = try InSilicoExperiment.run(experiment, on: model)
        XCTAssertEqual(dataset.unitCount, 248)
        XCTAssertEqual(dataset.trialCount, 128)
        XCTAssertEqual(dataset.sampleCount, 10)
        XCTAssertEqual(dataset.sampleTimes[1], 0.05, accuracy: 1e-12)
        XCTAssertTrue(dataset.origin.isSimulated)
        let directions = try XCTUnwrap(dataset.trials.numeric(StimulusTable.direction))
        XCTAssertEqual(Set(directions), Set(stride(from: 0.0, to: 360, by: 45)))
        XCTAssertEqual(directions.filter { $0 == 90 }.count, 16)
        XCTAssertEqual(dataset.trials.numeric(StimulusTable.orientation)?[16 * 5], 45)
        for column in ["direction", "orientation", "contrast", "spatial_frequency", "phase"] {
            XCTAssertNotNil(dataset.trials.numeric(column), column)
        }
        XCTAssertTrue(dataset.activity.values.allSatisfy(\.isFinite))
    }

    func testSameSeedGivesSameDataset() throws {
        let model = try GSMTestSupport.publishedModel()
        let experiment = try ExperimentProtocol.directionTuning(
            geometry: .square(16), directions: 2, trialsPerDirection: 3, samplesPerTrial: 2,
            seed: 5)
        let first = try InSilicoExperiment.run(experiment, on: model)
        let again = try InSilicoExperiment.run(experiment, on: model)
        XCTAssertEqual(again.activity, first.activity)
        var reseeded = experiment
        reseeded.seed = 6
        XCTAssertNotEqual(try InSilicoExperiment.run(reseeded, on: model).activity, first.activity)
    }

    func testPosteriorMeanReadoutFollowsDrift() throws {
        let model = try GSMTestSupport.publishedModel()
        let experiment = try ExperimentProtocol.directionTuning(
            geometry: .square(16), directions: 1, trialsPerDirection: 2, samplesPerTrial: 3,
            readout: .posteriorMean)
        let dataset = try InSilicoExperiment.run(experiment, on: model)
        // The mean is the same on every trial but changes as the grating drifts.
        XCTAssertEqual(dataset.activity[0, 0, 1], dataset.activity[0, 1, 1])
        let unit = 100
        XCTAssertNotEqual(dataset.activity[unit, 0, 0], dataset.activity[unit, 0, 1])
    }

    func testSpikeCountsAreWholeNumbers() throws {
        let model = try GSMTestSupport.publishedModel()
        let experiment = try ExperimentProtocol.directionTuning(
            geometry: .square(16), directions: 2, trialsPerDirection: 4, contrast: 4,
            temporalFrequencyHz: 0, samplesPerTrial: 2, sampleIntervalSeconds: 0.5,
            readout: .spikeCount)
        let dataset = try InSilicoExperiment.run(experiment, on: model)
        XCTAssertTrue(dataset.activity.values.allSatisfy { $0 >= 0 })
        XCTAssertTrue(dataset.activity.values.allSatisfy { $0 == $0.rounded() })
        XCTAssertGreaterThan(dataset.activity.values.reduce(0, +), 0)
    }
}
