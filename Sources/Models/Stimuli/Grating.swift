import Foundation

/// A static sinusoidal grating:
///
///     I(x, y) = contrast * cos(2 pi f (x cos(direction) + y sin(direction)) + phase)
///
/// with (x, y) in pixels from the patch centre (x to the right, y upwards), f in cycles
/// per pixel, and the aperture of the geometry applied.
public struct Grating: Stimulus {
    public var geometry: PatchGeometry
    /// Direction of the wave vector in degrees (see `StimulusDescriptor.direction`).
    public var directionDegrees: Double
    /// Spatial frequency in cycles per pixel.
    public var cyclesPerPixel: Double
    /// Phase in degrees.
    public var phaseDegrees: Double
    /// Amplitude in input units (the image ranges over plus and minus `contrast`).
    public var contrast: Double

    /// Creates a grating.
    /// - Throws: `StimulusError.invalidParameter` for a NaN or infinite value, a negative
    ///   spatial frequency or a negative contrast.
    public init(
        directionDegrees: Double, cyclesPerPixel: Double, phaseDegrees: Double = 0,
        contrast: Double, geometry: PatchGeometry
    ) throws {
        let values = [directionDegrees, cyclesPerPixel, phaseDegrees, contrast]
        guard values.allSatisfy(\.isFinite) else {
            throw StimulusError.invalidParameter(
                "grating (direction, cycles per pixel, phase, contrast) = \(values) contains "
                    + "a NaN or infinity")
        }
        guard cyclesPerPixel >= 0, contrast >= 0 else {
            throw StimulusError.invalidParameter(
                "grating spatial frequency \(cyclesPerPixel) and contrast \(contrast) must be "
                    + "0 or more")
        }
        self.geometry = geometry
        self.directionDegrees = directionDegrees
        self.cyclesPerPixel = cyclesPerPixel
        self.phaseDegrees = phaseDegrees
        self.contrast = contrast
    }

    /// Creates a grating whose spatial frequency is given in cycles per patch width.
    public init(
        directionDegrees: Double, cyclesPerPatch: Double, phaseDegrees: Double = 0,
        contrast: Double, geometry: PatchGeometry
    ) throws {
        try self.init(
            directionDegrees: directionDegrees,
            cyclesPerPixel: cyclesPerPatch / Double(geometry.width),
            phaseDegrees: phaseDegrees, contrast: contrast, geometry: geometry)
    }

    /// The orientation, `direction` modulo 180 degrees.
    public var orientationDegrees: Double {
        let remainder = directionDegrees.truncatingRemainder(dividingBy: 180)
        return remainder < 0 ? remainder + 180 : remainder
    }

    public var descriptor: StimulusDescriptor {
        StimulusDescriptor(
            kind: "grating", direction: directionDegrees, orientation: orientationDegrees,
            contrast: contrast, spatialFrequency: cyclesPerPixel, phase: phaseDegrees)
    }

    /// Renders the grating image, row-major.
    public func image() -> [Double] {
        image(phaseDegrees: phaseDegrees)
    }

    public func frame(atSeconds time: Double) -> [Double] {
        image()
    }

    func image(phaseDegrees phase: Double) -> [Double] {
        let direction = directionDegrees * Double.pi / 180
        let (dx, dy) = (cos(direction), sin(direction))
        let phaseRadians = phase * Double.pi / 180
        var pixels = [Double](repeating: 0, count: geometry.pixelCount)
        for row in 0..<geometry.height {
            for column in 0..<geometry.width {
                let (x, y) = geometry.position(row: row, column: column)
                let argument = 2 * Double.pi * cyclesPerPixel * (x * dx + y * dy) + phaseRadians
                pixels[row * geometry.width + column] = contrast * cos(argument)
            }
        }
        geometry.applyAperture(&pixels)
        return pixels
    }
}

/// A grating drifting along its direction: the phase at time t is
/// `phase - 360 * temporalFrequency * t` degrees, so the crests move along the direction
/// of the wave vector.
public struct DriftingGrating: Stimulus {
    public var grating: Grating
    /// Cycles per second.
    public var temporalFrequencyHz: Double

    /// Creates a drifting grating. Throws `StimulusError.invalidParameter` for a NaN or
    /// negative temporal frequency.
    public init(grating: Grating, temporalFrequencyHz: Double) throws {
        guard temporalFrequencyHz >= 0, temporalFrequencyHz.isFinite else {
            throw StimulusError.invalidParameter(
                "the temporal frequency is \(temporalFrequencyHz) Hz but must be 0 or more")
        }
        self.grating = grating
        self.temporalFrequencyHz = temporalFrequencyHz
    }

    public var geometry: PatchGeometry { grating.geometry }

    public var descriptor: StimulusDescriptor {
        var descriptor = grating.descriptor
        descriptor.kind = "drifting_grating"
        descriptor.temporalFrequency = temporalFrequencyHz
        return descriptor
    }

    /// Returns the phase in degrees at `time` seconds after onset.
    public func phaseDegrees(atSeconds time: Double) -> Double {
        grating.phaseDegrees - 360 * temporalFrequencyHz * time
    }

    public func frame(atSeconds time: Double) -> [Double] {
        grating.image(phaseDegrees: phaseDegrees(atSeconds: time))
    }

    /// Renders the frames at `count` times spaced `intervalSeconds` apart from onset, the
    /// sequence of phases a trial shows.
    public func frames(count: Int, intervalSeconds: Double) -> [[Double]] {
        (0..<max(count, 0)).map { frame(atSeconds: Double($0) * intervalSeconds) }
    }
}
