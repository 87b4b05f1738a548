import Foundation
import XCTest

@testable import Data

/// TuningReport and NoiseCorrelations on all Park 2024 sessions against the numpy/scipy
/// reference written by scripts/park_reference.py.
final class ParkReferenceTests: XCTestCase {
    let tolerance = 1e-6

    struct Reference: Decodable {
        let runningThreshold: Double
        let sessions: [Session]
    }

    struct Session: Decodable {
        let name: String
        let neuronCount: Int
        let directions: [Double]
        let runningTrials: Int
        let stationaryTrials: Int
        let neurons: [Neuron]
        let noiseCorrelations: [[Double?]]
    }

    struct Neuron: Decodable {
        let id: String
        let mean: [Double?]
        let sem: [Double?]
        let n: [Int]
        let preferredDirection: Double?
        let osi: Double?
        let dsi: Double?
        let globalOSI: Double?
        let globalDSI: Double?
        let reliability: Double?
        let runningModulation: Double?
        let pupilModulation: Double?
        let fanoFactor: Double?
    }

    func loadReference() throws -> Reference {
        let path = try TestPaths.fixture("park_reference.json")
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        return try JSONDecoder().decode(Reference.self, from: data)
    }

    func assertMatches(
        _ actual: Double?, _ expected: Double?, _ label: @autoclosure () -> String,
        file: StaticString = #filePath, line: UInt = #line
    ) {
        switch (actual, expected) {
        case (nil, nil):
            break
        case (let actual?, let expected?):
            XCTAssertEqual(actual, expected, accuracy: tolerance, label(), file: file, line: line)
        default:
            XCTFail(
                "\(label()): Swift \(String(describing: actual)), "
                    + "reference \(String(describing: expected))", file: file, line: line)
        }
    }

    func testSessionsMatchNumpyReference() throws {
        let paths = try TestPaths.parkSessions()
        let reference = try loadReference()
        XCTAssertEqual(reference.sessions.map(\.neuronCount), [28, 53, 74, 39, 56])
        XCTAssertEqual(paths.count, reference.sessions.count)
        let settings = TuningSettings(runningThreshold: reference.runningThreshold)

        for (path, expected) in zip(paths, reference.sessions) {
            let dataset = try XCTUnwrap(try ParkSessionImporter().read(path: path).first)
            XCTAssertEqual(dataset.name, expected.name)
            let report = try TuningReport.compute(for: dataset, settings: settings)
            XCTAssertEqual(report.directions, expected.directions, expected.name)
            XCTAssertEqual(report.neurons.count, expected.neuronCount, expected.name)
            XCTAssertEqual(report.runningTrialCount, expected.runningTrials, expected.name)
            XCTAssertEqual(report.stationaryTrialCount, expected.stationaryTrials, expected.name)
            XCTAssertEqual(report.conditionName, "direction")

            for (neuron, want) in zip(report.neurons, expected.neurons) {
                compare(neuron, want, session: expected.name)
            }

            let correlations = try NoiseCorrelations.compute(for: dataset, settings: settings)
            XCTAssertEqual(correlations.count, expected.neuronCount)
            for i in 0..<correlations.count {
                for j in 0..<correlations.count {
                    assertMatches(
                        correlations[i, j], expected.noiseCorrelations[i][j],
                        "\(expected.name) noise correlation \(i), \(j)")
                }
            }
        }
    }

    func testAllSessionsLoadAndAnalyseQuickly() throws {
        let paths = try TestPaths.parkSessions()
        let start = Date()
        var datasets: [Dataset] = []
        for path in paths { datasets += try ParkSessionImporter().read(path: path) }
        let loaded = Date()
        for dataset in datasets {
            _ = try TuningReport.compute(for: dataset)
            _ = try NoiseCorrelations.compute(for: dataset)
        }
        let analysed = Date()
        let loadSeconds = loaded.timeIntervalSince(start)
        let analysisSeconds = analysed.timeIntervalSince(loaded)
        print(
            "Park sessions: load \(loadSeconds) s, tuning and noise correlations "
                + "\(analysisSeconds) s for \(datasets.count) sessions")
        XCTAssertEqual(datasets.map(\.unitCount), [28, 53, 74, 39, 56])
        // A loose bound: about 1 s in a debug build on a shared 2-core machine.
        XCTAssertLessThan(loadSeconds + analysisSeconds, 20)
    }

    func compare(_ neuron: NeuronTuning, _ want: Neuron, session: String) {
        let label = "\(session) \(want.id)"
        XCTAssertEqual(neuron.id, want.id, label)
        XCTAssertEqual(neuron.n, want.n, label)
        for k in want.mean.indices {
            assertMatches(neuron.mean[k], want.mean[k], "\(label) mean[\(k)]")
            assertMatches(neuron.sem[k], want.sem[k], "\(label) sem[\(k)]")
        }
        assertMatches(neuron.preferredDirection, want.preferredDirection, "\(label) preferred")
        assertMatches(neuron.osi, want.osi, "\(label) osi")
        assertMatches(neuron.dsi, want.dsi, "\(label) dsi")
        assertMatches(neuron.globalOSI, want.globalOSI, "\(label) globalOSI")
        assertMatches(neuron.globalDSI, want.globalDSI, "\(label) globalDSI")
        assertMatches(neuron.reliability, want.reliability, "\(label) reliability")
        assertMatches(
            neuron.runningModulation, want.runningModulation, "\(label) runningModulation")
        assertMatches(neuron.pupilModulation, want.pupilModulation, "\(label) pupilModulation")
        assertMatches(neuron.fanoFactor, want.fanoFactor, "\(label) fanoFactor")
    }
}
