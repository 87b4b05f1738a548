/// A visual stimulus on a small image patch, as a function of time.
///
/// Images are row-major, `height` rows of `width` pixels, row 0 at the top, in the units a
/// model takes as input (zero is the mean luminance).
public protocol Stimulus: Sendable {
    /// The patch the stimulus is drawn on.
    var geometry: PatchGeometry { get }
    /// The stimulus variables for the trial table.
    var descriptor: StimulusDescriptor { get }
    /// Renders the image shown at `time` seconds after stimulus onset.
    func frame(atSeconds time: Double) -> [Double]
}

/// The variables of one stimulus as the trial table records them; NaN where a variable
/// does not apply (the direction of a blank).
public struct StimulusDescriptor: Sendable, Equatable {
    /// A short name of the stimulus class: "grating", "drifting_grating", "blank",
    /// "natural".
    public var kind: String
    /// Drift direction of the grating's wave vector, degrees counter-clockwise from the
    /// +column axis (rows count downwards, so 90 points to the top).
    public var direction: Double
    /// `direction` modulo 180, in degrees.
    public var orientation: Double
    /// The amplitude of the luminance modulation, in input units.
    public var contrast: Double
    /// Cycles per pixel.
    public var spatialFrequency: Double
    /// Phase at onset in degrees.
    public var phase: Double
    /// Cycles per second; 0 for a static stimulus.
    public var temporalFrequency: Double
    /// The image's identifier for natural patches, NaN otherwise.
    public var imageID: Double

    public init(
        kind: String, direction: Double = .nan, orientation: Double = .nan,
        contrast: Double = .nan, spatialFrequency: Double = .nan, phase: Double = .nan,
        temporalFrequency: Double = 0, imageID: Double = .nan
    ) {
        self.kind = kind
        self.direction = direction
        self.orientation = orientation
        self.contrast = contrast
        self.spatialFrequency = spatialFrequency
        self.phase = phase
        self.temporalFrequency = temporalFrequency
        self.imageID = imageID
    }
}

/// Errors raised when a stimulus is built from invalid parameters.
public enum StimulusError: Error, Equatable, CustomStringConvertible, Sendable {
    case invalidParameter(String)

    public var description: String {
        switch self {
        case .invalidParameter(let message): message
        }
    }
}
