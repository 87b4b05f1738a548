import Foundation
import XCTest

@testable import Models

final class StimulusTests: XCTestCase {
    /// Pixel centres of a 4 x 4 patch sit at -1.5, -0.5, 0.5, 1.5 from the centre.
    func testGratingAlongColumnsByHand() throws {
        let grating = try Grating(
            directionDegrees: 0, cyclesPerPixel: 0.25, contrast: 2, geometry: .square(4))
        let image = grating.image()
        let expectedRow = [-1.5, -0.5, 0.5, 1.5].map { 2 * cos(Double.pi / 2 * $0) }
        for row in 0..<4 {
            for column in 0..<4 {
                XCTAssertEqual(image[row * 4 + column], expectedRow[column], accuracy: 1e-12)
            }
        }
    }

    func testGratingAt90DegreesVariesDownRows() throws {
        let grating = try Grating(
            directionDegrees: 90, cyclesPerPixel: 0.25, phaseDegrees: 30, contrast: 1,
            geometry: .square(4))
        let image = grating.image()
        for row in 0..<4 {
            let y = 1.5 - Double(row)
            let expected = cos(Double.pi / 2 * y + Double.pi / 6)
            XCTAssertEqual(image[row * 4], expected, accuracy: 1e-12)
            XCTAssertEqual(image[row * 4 + 3], expected, accuracy: 1e-12)
        }
    }

    func testOrientationIsDirectionModulo180() throws {
        let geometry = try PatchGeometry.square(4)
        let cases: [(Double, Double)] = [(0, 0), (90, 90), (180, 0), (270, 90), (-45, 135)]
        for (direction, orientation) in cases {
            let grating = try Grating(
                directionDegrees: direction, cyclesPerPixel: 0.1, contrast: 1, geometry: geometry)
            XCTAssertEqual(grating.orientationDegrees, orientation, accuracy: 1e-12, "\(direction)")
        }
    }

    func testCyclesPerPatchConvertsToPerPixel() throws {
        let grating = try Grating(
            directionDegrees: 0, cyclesPerPatch: 2, contrast: 1, geometry: .square(16))
        XCTAssertEqual(grating.cyclesPerPixel, 0.125)
        XCTAssertEqual(grating.descriptor.spatialFrequency, 0.125)
    }

    func testCircularApertureMasksCorners() throws {
        let geometry = try PatchGeometry(width: 4, height: 4, aperture: .circular(radiusPixels: 1))
        let grating = try Grating(
            directionDegrees: 0, cyclesPerPixel: 0, contrast: 1, geometry: geometry)
        let image = grating.image()
        // Pixel (1, 1) is 0.71 pixels from the centre, pixel (1, 0) 1.58, pixel (0, 0) 2.12.
        XCTAssertEqual(image[1 * 4 + 1], 1)
        XCTAssertEqual(image[1 * 4 + 0], 0)
        XCTAssertEqual(image[0], 0)
        XCTAssertEqual(image.reduce(0, +), 4)
    }

    func testDriftingGratingAdvancesPhase() throws {
        let grating = try Grating(
            directionDegrees: 45, cyclesPerPixel: 0.2, phaseDegrees: 10, contrast: 1,
            geometry: .square(8))
        let drifting = try DriftingGrating(grating: grating, temporalFrequencyHz: 1)
        XCTAssertEqual(drifting.phaseDegrees(atSeconds: 0.25), -80, accuracy: 1e-12)
        let shifted = try Grating(
            directionDegrees: 45, cyclesPerPixel: 0.2, phaseDegrees: -80, contrast: 1,
            geometry: .square(8))
        XCTAssertEqual(drifting.frame(atSeconds: 0.25), shifted.image())
        let frames = drifting.frames(count: 3, intervalSeconds: 0.25)
        XCTAssertEqual(frames.count, 3)
        XCTAssertEqual(frames[0], grating.image())
        XCTAssertEqual(drifting.descriptor.temporalFrequency, 1)
        XCTAssertEqual(drifting.descriptor.kind, "drifting_grating")
    }

    func testBlankAndNaturalPatch() throws {
        let geometry = try PatchGeometry(width: 3, height: 2)
        let blank = BlankStimulus(geometry: geometry)
        XCTAssertEqual(blank.frame(atSeconds: 1), [0, 0, 0, 0, 0, 0])
        XCTAssertEqual(blank.descriptor.contrast, 0)
        XCTAssertTrue(blank.descriptor.direction.isNaN)

        let pixels: [Float] = [1, -1, 0.5, 0, 2, -2]
        let patch = try NaturalPatch(pixels: pixels, geometry: geometry, contrast: 2, imageID: 7)
        XCTAssertEqual(patch.frame(atSeconds: 0), [2, -2, 1, 0, 4, -4])
        XCTAssertEqual(patch.descriptor.imageID, 7)
    }

    func testInvalidStimuliRejected() throws {
        let geometry = try PatchGeometry.square(4)
        XCTAssertThrowsError(
            try Grating(
                directionDegrees: 0, cyclesPerPixel: 0.1, contrast: .nan, geometry: geometry))
        XCTAssertThrowsError(
            try Grating(directionDegrees: 0, cyclesPerPixel: -0.1, contrast: 1, geometry: geometry))
        XCTAssertThrowsError(try PatchGeometry(width: 0, height: 4))
        XCTAssertThrowsError(
            try PatchGeometry(width: 4, height: 4, aperture: .circular(radiusPixels: -1)))
        XCTAssertThrowsError(
            try NaturalPatch(pixels: [Double](repeating: 0, count: 3), geometry: geometry))
        let grating = try Grating(
            directionDegrees: 0, cyclesPerPixel: 0.1, contrast: 1, geometry: geometry)
        XCTAssertThrowsError(try DriftingGrating(grating: grating, temporalFrequencyHz: -1))
    }
}
