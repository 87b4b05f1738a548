import XCTest

@testable import Data

final class BehaviouralVariabilityTests: XCTestCase {
    /// One unit, 8 trials at two directions; responses are the sample at 1 s minus the
    /// sample at -1 s. Trials 0, 1, 4 and 5 are running; pupil is large on 0, 2, 4 and 6.
    private func dataset() throws -> Dataset {
        let responses: [Double] = [1, 3, 2, 6, 4, 8, 5, 5]
        var activity = ResponseArray(units: 1, trials: 8, samples: 2)
        for (trial, response) in responses.enumerated() {
            activity[0, trial, 0] = 10
            activity[0, trial, 1] = 10 + response
        }
        var table = StimulusTable(rowCount: 8)
        try table.setColumn(StimulusTable.direction, .numeric([0, 0, 0, 0, 90, 90, 90, 90]))
        let speed: [Double] = [1, 1, 0, 0, 1, 1, 0, 0]
        let pupil: [Double] = [2, 0, 2, 0, 2, 0, 2, 0]
        return Dataset(
            name: "states", origin: .recorded(path: "states", format: "test"),
            unitIDs: ["n1"], activity: activity, sampleTimes: [-1, 1], trials: table,
            behaviour: [
                BehaviourSeries(name: "speed", kind: .runningSpeed, trials: 8, samples: 2,
                                values: speed.flatMap { [$0, $0] }),
                BehaviourSeries(name: "pupil", kind: .pupil, trials: 8, samples: 2,
                                values: pupil.flatMap { [$0, $0] }),
            ])
    }

    func testStatesMatchHandComputation() throws {
        let states = try BehaviouralVariability.compute(for: try dataset())
        XCTAssertEqual(states.map(\.label), ["running", "still", "large pupil", "small pupil"])
        XCTAssertEqual(states.map(\.trials), [4, 4, 4, 4])
        // Running: {1, 3} at 0 deg (variance 2, mean 2) and {4, 8} at 90 deg (variance 8,
        // mean 6). Still: {2, 6} (8, 4) and {5, 5} (0, 5).
        // Large pupil: {1, 2} (0.5, 1.5) and {4, 5} (0.5, 4.5). Small: {3, 6} (4.5, 4.5)
        // and {8, 5} (4.5, 6.5).
        let expectedVariance = [(2.0 + 8) / 2, (8.0 + 0) / 2, 0.5, 4.5]
        let expectedFano = [
            (2.0 / 2 + 8.0 / 6) / 2, (8.0 / 4 + 0.0 / 5) / 2, (0.5 / 1.5 + 0.5 / 4.5) / 2,
            (4.5 / 4.5 + 4.5 / 6.5) / 2,
        ]
        for (index, state) in states.enumerated() {
            XCTAssertEqual(state.pairs, 2, state.label)
            XCTAssertEqual(try XCTUnwrap(state.meanVariance), expectedVariance[index],
                           accuracy: 1e-12, state.label)
            XCTAssertEqual(try XCTUnwrap(state.meanFanoFactor), expectedFano[index],
                           accuracy: 1e-12, state.label)
        }
    }

    func testSingleTrialConditionsLeaveStateUndefined() throws {
        var data = try dataset()
        data.behaviour[0] = BehaviourSeries(
            name: "speed", kind: .runningSpeed, trials: 8, samples: 2,
            values: [1, 1] + [Double](repeating: 0, count: 14))
        let running = try XCTUnwrap(
            BehaviouralVariability.compute(for: data).first { $0.label == "running" })
        XCTAssertEqual(running.trials, 1)
        XCTAssertNil(running.meanVariance)
        XCTAssertNil(running.meanFanoFactor)
        XCTAssertEqual(running.pairs, 0)
    }

    func testNoBehaviourGivesNoStates() throws {
        var data = try dataset()
        data.behaviour = []
        XCTAssertTrue(try BehaviouralVariability.compute(for: data).isEmpty)
    }
}
