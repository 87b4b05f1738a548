import XCTest

@testable import Data

/// TuningReport, TrialResponses and NoiseCorrelations on small hand-built datasets.
final class TuningReportTests: XCTestCase {
    /// Sample times -1, -0.5, 0, 0.5, 1 s: baseline [-1, 0) has the first two samples and the
    /// response (0, 2] the last two.
    let sampleTimes: [Double] = [-1, -0.5, 0, 0.5, 1]

    /// Builds a dataset whose trial `t` of unit `u` has baseline 0 and response
    /// `responses[u][t]`.
    func dataset(
        responses: [[Double]], column: String = StimulusTable.direction, conditions: [Double],
        behaviour: [BehaviourSeries] = []
    ) throws -> Dataset {
        let trials = conditions.count
        var values: [Double] = []
        for unit in responses {
            for response in unit {
                values += [0, 0, 7, response, response]
            }
        }
        var table = StimulusTable(rowCount: trials)
        try table.setColumn(column, .numeric(conditions))
        return Dataset(
            name: "synthetic", origin: .simulated(model: "test", protocolName: "hand-built"),
            unitIDs: responses.indices.map { "unit\($0)" },
            activity: ResponseArray(
                units: responses.count, trials: trials, samples: 5, values: values),
            sampleTimes: sampleTimes, trials: table, behaviour: behaviour)
    }

    func testTrialResponseIsResponseMinusBaselineMean() throws {
        var table = StimulusTable(rowCount: 1)
        try table.setColumn(StimulusTable.direction, .numeric([0]))
        let data = Dataset(
            name: "one", origin: .simulated(model: "test", protocolName: "one"),
            unitIDs: ["a"],
            activity: ResponseArray(units: 1, trials: 1, samples: 5, values: [1, 3, 100, 4, 8]),
            sampleTimes: sampleTimes, trials: table)
        let responses = try TrialResponses(dataset: data, windows: ResponseWindows())
        // (4 + 8) / 2 - (1 + 3) / 2 = 4; the onset sample (100) belongs to neither window.
        XCTAssertEqual(responses[0, 0], 4, accuracy: 1e-12)
    }

    func testNaNSamplesIgnoredOrTrialExcluded() throws {
        var table = StimulusTable(rowCount: 3)
        try table.setColumn(StimulusTable.direction, .numeric([0, 0, 0]))
        let values: [Double] = [
            1, .nan, 0, 5, 7,  // baseline 1, response 6: 5
            0, 0, 0, .nan, .nan,  // no response sample: excluded
            2, 2, 0, 3, 3,  // 1
        ]
        let data = Dataset(
            name: "nan", origin: .simulated(model: "test", protocolName: "nan"),
            unitIDs: ["a"],
            activity: ResponseArray(units: 1, trials: 3, samples: 5, values: values),
            sampleTimes: sampleTimes, trials: table)
        let report = try TuningReport.compute(for: data)
        let neuron = try XCTUnwrap(report.neurons.first)
        XCTAssertEqual(neuron.n, [2])
        XCTAssertEqual(try XCTUnwrap(neuron.mean[0]), 3, accuracy: 1e-12)
        // Sample std of [5, 1] is sqrt(8); sem = sqrt(8) / sqrt(2) = 2.
        XCTAssertEqual(try XCTUnwrap(neuron.sem[0]), 2, accuracy: 1e-12)
    }

    func testEmptyWindowThrowsNamingWindowAndTimes() throws {
        let data = try dataset(responses: [[1, 2]], conditions: [0, 90])
        let late = TuningSettings(windows: ResponseWindows(responseStart: 5, responseEnd: 6))
        XCTAssertThrowsError(try TuningReport.compute(for: data, settings: late)) { error in
            let message = "\(error)"
            XCTAssertTrue(message.contains("response window (5.0, 6.0]"), message)
            XCTAssertTrue(message.contains("5 sample times from -1.0 to 1.0 s"), message)
        }
        let early = TuningSettings(windows: ResponseWindows(baselineStart: -9, baselineEnd: -8))
        XCTAssertThrowsError(try TuningReport.compute(for: data, settings: early)) { error in
            XCTAssertTrue("\(error)".contains("baseline window [-9.0, -8.0)"), "\(error)")
        }
    }

    func testMissingStimulusColumnThrows() throws {
        let data = try dataset(
            responses: [[1, 2]], column: StimulusTable.contrast, conditions: [0.5, 1])
        XCTAssertThrowsError(try TuningReport.compute(for: data)) { error in
            XCTAssertTrue("\(error)".contains("'direction' or 'orientation'"), "\(error)")
        }
    }

    func testEmptyConditionWarnsAndGivesNil() throws {
        // Unit 0 has NaN at every 90-degree trial.
        let data = try dataset(
            responses: [[3, .nan, 1, 1, 3, .nan, 1, 1]],
            conditions: [0, 90, 180, 270, 0, 90, 180, 270])
        let report = try TuningReport.compute(for: data)
        let neuron = try XCTUnwrap(report.neurons.first)
        XCTAssertEqual(neuron.n, [2, 0, 2, 2])
        XCTAssertNil(neuron.mean[1])
        XCTAssertEqual(neuron.preferredDirection, 0)
        XCTAssertNil(neuron.osi)
        XCTAssertEqual(try XCTUnwrap(neuron.dsi), 0.5, accuracy: 1e-12)
        XCTAssertNil(neuron.globalOSI)
        XCTAssertTrue(
            report.warnings.contains { $0.contains("unit0: no valid trial at direction 90.0") },
            "\(report.warnings)")
    }

    func testOrientationColumnIsUsedWhenDirectionIsMissing() throws {
        let data = try dataset(
            responses: [[2, 0, 2, 0]], column: StimulusTable.orientation,
            conditions: [0, 90, 0, 90])
        let report = try TuningReport.compute(for: data)
        XCTAssertEqual(report.conditionName, "orientation")
        XCTAssertEqual(report.directions, [0, 90])
        let neuron = try XCTUnwrap(report.neurons.first)
        XCTAssertEqual(try XCTUnwrap(neuron.osi), 1, accuracy: 1e-12)
        XCTAssertEqual(try XCTUnwrap(neuron.globalOSI), 1, accuracy: 1e-12)
        XCTAssertNil(neuron.dsi)
        XCTAssertNil(neuron.globalDSI)
    }

    func testRunningModulationAtPreferredDirection() throws {
        // Trials 0-3 at 0 degrees (preferred), speed 1 on trials 0 and 1, 0 on 2 and 3.
        let speeds: [Double] = [1, 1, 0, 0, 1, 0]
        let speed = BehaviourSeries(
            name: "speed", kind: .runningSpeed, trials: 6, samples: 5,
            values: speeds.flatMap { Array(repeating: $0, count: 5) })
        let data = try dataset(
            responses: [[4, 4, 2, 2, 0, 0]], conditions: [0, 0, 0, 0, 180, 180],
            behaviour: [speed])
        let report = try TuningReport.compute(for: data)
        XCTAssertEqual(report.runningTrialCount, 3)
        XCTAssertEqual(report.stationaryTrialCount, 3)
        let neuron = try XCTUnwrap(report.neurons.first)
        // (4 - 2) / max(4, 2) = 0.5.
        XCTAssertEqual(try XCTUnwrap(neuron.runningModulation), 0.5, accuracy: 1e-12)
        XCTAssertNil(neuron.pupilModulation)

        let strict = TuningSettings(runningThreshold: 2)
        let none = try TuningReport.compute(for: data, settings: strict)
        XCTAssertNil(try XCTUnwrap(none.neurons.first).runningModulation)
    }

    func testPupilModulationSplitsAtSessionMedian() throws {
        // Pupil sizes 0.1 ... 0.6; the median is 0.35, so trials 3, 4, 5 are large.
        let pupils: [Double] = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6]
        let pupil = BehaviourSeries(
            name: "pupil_zscore", kind: .pupil, trials: 6, samples: 5,
            values: pupils.flatMap { Array(repeating: $0, count: 5) })
        let data = try dataset(
            responses: [[1, 1, 3, 3, 3, 0]], conditions: [0, 0, 0, 0, 0, 90],
            behaviour: [pupil])
        let neuron = try XCTUnwrap(try TuningReport.compute(for: data).neurons.first)
        // Preferred 0 degrees: large pupil trials 3 and 4 (3, 3), small 0, 1, 2 (1, 1, 3).
        // mean large 3, mean small 5/3: (3 - 5/3) / 3 = 4/9.
        XCTAssertEqual(try XCTUnwrap(neuron.pupilModulation), 4.0 / 9.0, accuracy: 1e-12)
    }

    func testNoiseCorrelationsOfCoupledAndOpposedUnits() throws {
        let conditions: [Double] = [0, 0, 0, 90, 90, 90]
        let data = try dataset(
            responses: [
                [1, 2, 3, 10, 11, 12],
                [2, 4, 6, 0, 1, 2],  // the same residuals, scaled: r = 1
                [3, 2, 1, 5, 4, 3],  // opposite residuals: r = -1
                [5, 5, 5, 5, 5, 5],  // no residual variance: undefined
            ], conditions: conditions)
        let correlations = try NoiseCorrelations.compute(for: data)
        XCTAssertEqual(try XCTUnwrap(correlations[0, 1]), 1, accuracy: 1e-12)
        XCTAssertEqual(try XCTUnwrap(correlations[0, 2]), -1, accuracy: 1e-12)
        XCTAssertEqual(try XCTUnwrap(correlations[2, 0]), -1, accuracy: 1e-12)
        XCTAssertEqual(try XCTUnwrap(correlations[1, 1]), 1, accuracy: 1e-12)
        XCTAssertNil(correlations[0, 3])
        XCTAssertNil(correlations[3, 3])
    }

    func testReportJSONRoundTripKeepsNil() throws {
        let data = try dataset(
            responses: [[3, .nan, 1, 1, 3, .nan, 1, 1]],
            conditions: [0, 90, 180, 270, 0, 90, 180, 270])
        let report = try TuningReport.compute(for: data)
        let json = try JSONEncoder().encode(report)
        let decoded = try JSONDecoder().decode(TuningReport.self, from: json)
        XCTAssertEqual(decoded.neurons, report.neurons)
        XCTAssertEqual(decoded.settings, report.settings)
        XCTAssertNil(try XCTUnwrap(decoded.neurons.first).osi)
        XCTAssertNil(try XCTUnwrap(decoded.neurons.first).mean[1])
    }

    func testLargeDatasetFinishesQuickly() throws {
        let units = 1000
        let trials = 1000
        let conditions = (0..<trials).map { Double($0 % 8) * 45 }
        // A linear congruential sequence: fast enough to fill 5 million samples in debug.
        var state: UInt64 = 12345
        let values = (0..<(units * trials * 5)).map { _ -> Double in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53) * 2 - 1
        }
        var table = StimulusTable(rowCount: trials)
        try table.setColumn(StimulusTable.direction, .numeric(conditions))
        let data = Dataset(
            name: "large", origin: .simulated(model: "test", protocolName: "random"),
            unitIDs: (0..<units).map { "unit\($0)" },
            activity: ResponseArray(units: units, trials: trials, samples: 5, values: values),
            sampleTimes: sampleTimes, trials: table)

        let start = Date()
        let report = try TuningReport.compute(for: data)
        let tuningSeconds = Date().timeIntervalSince(start)
        let correlations = try NoiseCorrelations.compute(for: data)
        let seconds = Date().timeIntervalSince(start)
        print("TuningReport alone: \(tuningSeconds) s")
        XCTAssertEqual(report.neurons.count, units)
        XCTAssertEqual(correlations.count, units)
        // A loose bound: a debug build took about 2 s on a shared 2-core machine. A quadratic
        // step over all 1000 trials would take far longer.
        XCTAssertLessThan(seconds, 10, "1000 units x 1000 trials took \(seconds) s")
        print("TuningReport + NoiseCorrelations, 1000 units x 1000 trials: \(seconds) s")
    }
}
