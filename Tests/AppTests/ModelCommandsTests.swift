import Data
import Engine
import Foundation
import Models
import XCTest

@testable import App

final class ModelCommandsTests: XCTestCase {
    private func object(_ value: JSONValue) throws -> [String: Any] {
        let data = Data(value.serialized().utf8)
        return try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    func testGSMJSONMatchesContrastSeries() throws {
        let path = try TestData.require(TestData.gsmParameters)
        let contrasts = [0.0, 8]
        let results = try ModelVariability.gsmContrastSeries(
            path: path, contrasts: contrasts, samples: 20, seed: 5)
        let reference = try GSMContrastSeries.run(
            model: try GSMModel(contentsOf: path), contrasts: contrasts, samples: 20, seed: 5)

        let json = try object(GSMCommand.json(results, path: path, samples: 20, seed: 5))
        XCTAssertEqual(json["samples"] as? Int, 20)
        XCTAssertEqual(json["seed"] as? Int, 5)
        let rows = try XCTUnwrap(json["contrasts"] as? [[String: Any]])
        XCTAssertEqual(rows.count, 2)
        for (row, expected) in zip(rows, reference) {
            XCTAssertEqual(
                Set(row.keys),
                ["contrast", "mean_posterior_variance", "membrane_variance", "fano_factor",
                 "prior_correlation_match", "mean_z"])
            // Two builds of the model may differ in the last bits of OpenBLAS's sums.
            let pairs: [(String, Double)] = [
                ("contrast", expected.contrast),
                ("mean_posterior_variance", expected.meanPosteriorVariance),
                ("membrane_variance", expected.membraneVariance),
                ("fano_factor", expected.fanoFactor),
                ("prior_correlation_match", expected.priorCorrelationMatch),
                ("mean_z", expected.meanZ),
            ]
            for (key, value) in pairs {
                let found = try XCTUnwrap(row[key] as? Double, key)
                XCTAssertEqual(found, value, accuracy: 1e-9 * max(1, abs(value)), key)
            }
        }
        // Posterior variance falls with contrast, and at zero contrast the posterior
        // correlations are the prior's.
        XCTAssertLessThan(reference[1].meanPosteriorVariance, reference[0].meanPosteriorVariance)
        XCTAssertGreaterThan(reference[0].priorCorrelationMatch, 0.99)
    }

    func testGSMCommandRejectsBadOptions() throws {
        XCTAssertThrowsError(try GSMCommand.run(["--contrast", "1"])) { error in
            XCTAssertTrue("\(error)".contains("--params"), "\(error)")
        }
        XCTAssertThrowsError(try GSMCommand.run(["--params", "x.mat", "--samples", "1"])) {
            XCTAssertTrue("\($0)".contains("--samples"), "\($0)")
        }
        XCTAssertThrowsError(try GSMCommand.run(["--params", "x.mat", "--contrast", "-1"])) {
            XCTAssertTrue("\($0)".contains("0 or more"), "\($0)")
        }
    }

    func testExperimentJSONHasTuningLayout() throws {
        let path = try TestData.require(TestData.gsmParameters)
        let sessions = try ExperimentCommand.gratingSessions(
            source: .gsmParameters(path: path), contrasts: [0, 8], trials: 3, seed: 2,
            readout: .membranePotential, settings: TuningSettings())
        let json = try object(TuningCommand.json(sessions))
        let datasets = try XCTUnwrap(json["datasets"] as? [[String: Any]])
        XCTAssertEqual(datasets.map { $0["name"] as? String }, [
            "GSM (Orbán 2016): gratings, contrast 0", "GSM (Orbán 2016): gratings, contrast 8",
        ])
        for dataset in datasets {
            XCTAssertEqual(dataset["simulated"] as? Bool, true)
            XCTAssertEqual(dataset["directions"] as? [Double], [0, 45, 90, 135, 180, 225, 270, 315])
            let neurons = try XCTUnwrap(dataset["neurons"] as? [[String: Any]])
            XCTAssertEqual(neurons.count, 248)
            XCTAssertEqual(neurons.first?["id"] as? String, "y1")
            XCTAssertEqual(neurons.first?["n"] as? [Int], [3, 3, 3, 3, 3, 3, 3, 3])
            XCTAssertNotNil(neurons.first?["global_osi"] as? Double)
        }
    }

    func testExperimentPosteriorMeanHasNoTrialVariance() throws {
        let path = try TestData.require(TestData.gsmParameters)
        let sessions = try ExperimentCommand.gratingSessions(
            source: .gsmParameters(path: path), contrasts: [8], trials: 2, seed: 1,
            readout: .posteriorMean, settings: TuningSettings())
        let report = try XCTUnwrap(sessions.first?.report)
        let sem = report.neurons.flatMap(\.sem).compactMap { $0 }
        XCTAssertFalse(sem.isEmpty)
        XCTAssertEqual(sem.max() ?? 1, 0, accuracy: 1e-12)
    }

    func testExperimentRejectsRecordingAsModel() throws {
        let path = try TestData.require(TestData.parkSession)
        XCTAssertThrowsError(try ExperimentCommand.run(["gratings", "--model", path])) {
            XCTAssertTrue("\($0)".contains("is not a model file"), "\($0)")
        }
        XCTAssertThrowsError(try ExperimentCommand.run(["tuning", "--model", path])) {
            XCTAssertTrue("\($0)".contains("'gratings'"), "\($0)")
        }
    }

    func testVAECheckpointRunsGratings() throws {
        let folder = try TestData.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/small.safetensors"
        let configuration = VAEConfiguration(
            inputSize: 64, z2Size: 2, z1Size: 3, encoderZ2HiddenSizes: [8],
            encoderZ1HiddenSizes: [8], priorZ1HiddenSizes: [4], decoderHiddenSizes: [8],
            batchSize: 4)
        let vae = try HierarchicalVAE(configuration: configuration)
        try vae.saveCheckpoint(to: URL(fileURLWithPath: path))

        let source = try XCTUnwrap(try SourceFile.recognise(path: path))
        XCTAssertEqual(source, .vaeCheckpoint(path: path))
        let sessions = try ExperimentCommand.gratingSessions(
            source: source, contrasts: [1], trials: 2, seed: 1, readout: .latent,
            settings: TuningSettings())
        let dataset = try XCTUnwrap(sessions.first?.dataset)
        XCTAssertEqual(dataset.name, "VAE small: gratings, contrast 1")
        XCTAssertEqual(dataset.unitIDs, ["z1_1", "z1_2", "z1_3", "z2_1", "z2_2"])
        XCTAssertEqual(dataset.trialCount, 16)
        XCTAssertNotNil(sessions.first?.report)
    }
}
