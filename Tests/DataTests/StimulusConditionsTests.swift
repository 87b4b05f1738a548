import XCTest

@testable import Data

final class StimulusConditionsTests: XCTestCase {
    private func table(_ column: String, _ values: [Double]) throws -> StimulusTable {
        var table = StimulusTable(rowCount: values.count)
        try table.setColumn(column, .numeric(values))
        return table
    }

    func testOutOfRangeDirectionsWrap() throws {
        let conditions = try StimulusConditions(
            trials: table(StimulusTable.direction, [0, 45, -45, 405, 360, 315]))
        XCTAssertEqual(conditions.values, [0, 45, 315])
        XCTAssertEqual(conditions.trialIndices, [[0, 4], [1, 3], [2, 5]])
        XCTAssertEqual(conditions.wrappedTrials, [2, 3, 4])
        XCTAssertTrue(conditions.isDirection)
    }

    func testAllenOrientationIsDirection() throws {
        let conditions = try StimulusConditions(
            trials: table(StimulusTable.orientation, [0, 90, 180, 270]))
        XCTAssertTrue(conditions.isDirection)
        XCTAssertEqual(conditions.periodDegrees, 360)
        XCTAssertEqual(conditions.values, [0, 90, 180, 270])
    }

    func testTrueOrientationKeeps180Period() throws {
        let conditions = try StimulusConditions(
            trials: table(StimulusTable.orientation, [0, 45, 90, 135]))
        XCTAssertFalse(conditions.isDirection)
        XCTAssertEqual(conditions.periodDegrees, 180)
        XCTAssertTrue(conditions.wrappedTrials.isEmpty)
    }

    func testWrappedTrialsGiveWarning() throws {
        let directions: [Double] = [0, 90, 180, 270, -90, 450]
        var activity = ResponseArray(units: 1, trials: 6, samples: 2)
        for trial in 0..<6 { activity[0, trial, 1] = Double(trial) }
        let dataset = Dataset(
            name: "wrapped", origin: .recorded(path: "/x", format: "test"), unitIDs: ["u"],
            activity: activity, sampleTimes: [-0.5, 0.5],
            trials: try table(StimulusTable.direction, directions))
        let report = try TuningReport.compute(for: dataset)
        XCTAssertEqual(report.directions, [0, 90, 180, 270])
        XCTAssertTrue(report.warnings.contains { $0.contains("2 trial(s)") && $0.contains("wrapped") },
                      "\(report.warnings)")
    }
}
