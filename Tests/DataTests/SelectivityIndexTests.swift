import XCTest

@testable import Data

/// Selectivity indices on hand-built tuning curves whose values follow from the formulas.
final class SelectivityIndexTests: XCTestCase {
    let eightDirections: [Double] = [0, 45, 90, 135, 180, 225, 270, 315]

    func conditions(_ degrees: [Double], column: String = StimulusTable.direction) throws
        -> StimulusConditions
    {
        var table = StimulusTable(rowCount: degrees.count)
        try table.setColumn(column, .numeric(degrees))
        return try StimulusConditions(trials: table)
    }

    struct Indices {
        var preferred: Int?
        var osi, dsi, globalOSI, globalDSI: Double?
    }

    func indices(_ means: [Double?], _ conditions: StimulusConditions) -> Indices {
        let preferred = PeakSelectivity.preferredCondition(means: means)
        var result = Indices(preferred: preferred)
        if let preferred {
            result.osi = PeakSelectivity.orientationSelectivityIndex(
                means: means, conditions: conditions, preferred: preferred)
            result.dsi = PeakSelectivity.directionSelectivityIndex(
                means: means, conditions: conditions, preferred: preferred)
        }
        result.globalOSI = GlobalSelectivity.orientationSelectivityIndex(
            means: means, conditions: conditions)
        result.globalDSI = GlobalSelectivity.directionSelectivityIndex(
            means: means, conditions: conditions)
        return result
    }

    func testFlatTuningGivesZeroForEveryIndex() throws {
        let result = indices(Array(repeating: 2.0, count: 8), try conditions(eightDirections))
        XCTAssertEqual(result.preferred, 0)
        XCTAssertEqual(try XCTUnwrap(result.osi), 0, accuracy: 1e-12)
        XCTAssertEqual(try XCTUnwrap(result.dsi), 0, accuracy: 1e-12)
        XCTAssertEqual(try XCTUnwrap(result.globalOSI), 0, accuracy: 1e-12)
        XCTAssertEqual(try XCTUnwrap(result.globalDSI), 0, accuracy: 1e-12)
    }

    func testSingleDirectionGivesOneForEveryIndex() throws {
        var means: [Double?] = Array(repeating: 0.0, count: 8)
        means[3] = 1.5
        let result = indices(means, try conditions(eightDirections))
        XCTAssertEqual(result.preferred, 3)
        XCTAssertEqual(try XCTUnwrap(result.osi), 1, accuracy: 1e-12)
        XCTAssertEqual(try XCTUnwrap(result.dsi), 1, accuracy: 1e-12)
        XCTAssertEqual(try XCTUnwrap(result.globalOSI), 1, accuracy: 1e-12)
        XCTAssertEqual(try XCTUnwrap(result.globalDSI), 1, accuracy: 1e-12)
    }

    func testOppositeDirectionsGiveGlobalOSIOneAndDSIZero() throws {
        var means: [Double?] = Array(repeating: 0.0, count: 8)
        means[0] = 1
        means[4] = 1
        let result = indices(means, try conditions(eightDirections))
        XCTAssertEqual(try XCTUnwrap(result.globalOSI), 1, accuracy: 1e-12)
        XCTAssertEqual(try XCTUnwrap(result.globalDSI), 0, accuracy: 1e-12)
        XCTAssertEqual(try XCTUnwrap(result.osi), 1, accuracy: 1e-12)
        XCTAssertEqual(try XCTUnwrap(result.dsi), 0, accuracy: 1e-12)
    }

    func testOrthogonalDirectionsGiveGlobalOSIZeroAndPeakOSIThird() throws {
        var means: [Double?] = Array(repeating: 0.0, count: 8)
        means[0] = 1
        means[2] = 1
        let result = indices(means, try conditions(eightDirections))
        XCTAssertEqual(result.preferred, 0)
        XCTAssertEqual(try XCTUnwrap(result.globalOSI), 0, accuracy: 1e-12)
        // R_orth = (R_90 + R_270) / 2 = 0.5, so (1 - 0.5) / (1 + 0.5) = 1/3.
        XCTAssertEqual(try XCTUnwrap(result.osi), 1.0 / 3.0, accuracy: 1e-12)
    }

    func testNegativeMeansAreClippedForGlobalIndices() throws {
        var means: [Double?] = Array(repeating: -1.0, count: 8)
        means[2] = 2
        let result = indices(means, try conditions(eightDirections))
        XCTAssertEqual(try XCTUnwrap(result.globalOSI), 1, accuracy: 1e-12)
        XCTAssertEqual(try XCTUnwrap(result.globalDSI), 1, accuracy: 1e-12)
        // Unclipped peak OSI: (2 - (-1)) / (2 + (-1)) = 3.
        XCTAssertEqual(try XCTUnwrap(result.osi), 3, accuracy: 1e-12)
    }

    func testZeroDenominatorsGiveNil() throws {
        let zeros = indices(Array(repeating: 0.0, count: 8), try conditions(eightDirections))
        XCTAssertNil(zeros.osi)
        XCTAssertNil(zeros.dsi)
        XCTAssertNil(zeros.globalOSI)
        XCTAssertNil(zeros.globalDSI)

        var balanced: [Double?] = Array(repeating: 0.0, count: 8)
        balanced[0] = 1
        balanced[4] = -1
        XCTAssertNil(indices(balanced, try conditions(eightDirections)).dsi)
    }

    func testMissingConditionGivesNil() throws {
        var means: [Double?] = Array(repeating: 1.0, count: 8)
        means[0] = 3
        means[2] = nil
        let result = indices(means, try conditions(eightDirections))
        XCTAssertNil(result.osi)
        XCTAssertNotNil(result.dsi)
        XCTAssertNil(result.globalOSI)
        XCTAssertNil(result.globalDSI)
    }

    func testOrientationOnlyHasNoDirectionIndices() throws {
        let orientations = try conditions([0, 45, 90, 135], column: StimulusTable.orientation)
        XCTAssertEqual(orientations.periodDegrees, 180)
        let result = indices([1, 0, 0, 0], orientations)
        XCTAssertEqual(try XCTUnwrap(result.osi), 1, accuracy: 1e-12)
        XCTAssertEqual(try XCTUnwrap(result.globalOSI), 1, accuracy: 1e-12)
        XCTAssertNil(result.dsi)
        XCTAssertNil(result.globalDSI)

        // Orientations 0 and 90 degrees are opposite on the doubled circle.
        let orthogonal = indices([1, 0, 1, 0], orientations)
        XCTAssertEqual(try XCTUnwrap(orthogonal.globalOSI), 0, accuracy: 1e-12)
    }

    func testModulationIndexFollowsAllenFormula() throws {
        XCTAssertEqual(
            try XCTUnwrap(ModulationIndex.signed([2, 2], against: [1, 1])), 0.5, accuracy: 1e-12)
        XCTAssertEqual(
            try XCTUnwrap(ModulationIndex.signed([1, 1], against: [4, 4])), -0.75,
            accuracy: 1e-12)
        XCTAssertNil(ModulationIndex.signed([2], against: [1, 1]))
        XCTAssertNil(ModulationIndex.signed([-1, -1], against: [-2, -2]))
        XCTAssertNil(ModulationIndex.signed([0, 0], against: [0, 0]))
    }

    func testFanoFactorIsVarianceOverMean() throws {
        // Mean 2, sample variance ((1)^2 + 0 + (1)^2) / 2 = 1.
        XCTAssertEqual(try XCTUnwrap(FanoFactor.of([1, 2, 3])), 0.5, accuracy: 1e-12)
        XCTAssertNil(FanoFactor.of([-1, 0, -2]))
        XCTAssertNil(FanoFactor.of([3]))
    }

    func testReliabilityOfIdenticalAndOpposedTraces() throws {
        let trace: [Double] = [0, 1, 3, 2]
        XCTAssertEqual(
            try XCTUnwrap(TrialReliability.meanPairwiseCorrelation([trace, trace, trace])), 1,
            accuracy: 1e-12)
        // Pairs: (a, a) = 1, (a, -a) = -1 twice; mean -1/3.
        let opposed = trace.map { -$0 }
        XCTAssertEqual(
            try XCTUnwrap(TrialReliability.meanPairwiseCorrelation([trace, trace, opposed])),
            -1.0 / 3.0, accuracy: 1e-12)
        XCTAssertNil(TrialReliability.meanPairwiseCorrelation([[1, 1, 1], [0, 1, 2]]))
        XCTAssertNil(TrialReliability.meanPairwiseCorrelation([trace]))
    }
}
