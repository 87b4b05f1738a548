/// An in-silico experiment: stimulus conditions, each repeated over trials, and how each
/// trial is sampled.
///
/// Trials run condition by condition: trial `c * trialsPerCondition + r` is repeat `r` of
/// condition `c`. Sample `s` of a trial is taken at `s * sampleIntervalSeconds` after
/// onset and shows the frame of that time.
public struct ExperimentProtocol: Sendable {
    /// A short label for `Dataset.Origin.simulated`.
    public var name: String
    public var conditions: [any Stimulus]
    public var trialsPerCondition: Int
    public var samplesPerTrial: Int
    public var sampleIntervalSeconds: Double
    public var readout: ResponseReadout
    /// The seed of the random generator; the same seed gives the same dataset.
    public var seed: UInt64

    public init(
        name: String, conditions: [any Stimulus], trialsPerCondition: Int,
        samplesPerTrial: Int = 1, sampleIntervalSeconds: Double = 0.02,
        readout: ResponseReadout = .membranePotential, seed: UInt64 = 1
    ) {
        self.name = name
        self.conditions = conditions
        self.trialsPerCondition = trialsPerCondition
        self.samplesPerTrial = samplesPerTrial
        self.sampleIntervalSeconds = sampleIntervalSeconds
        self.readout = readout
        self.seed = seed
    }

    /// Builds a direction-tuning protocol like the recorded sessions: drifting gratings in
    /// `directions` equally spaced directions from 0 degrees, `trialsPerDirection` trials
    /// each (8 x 16 by default).
    ///
    /// Defaults, chosen for a 16 x 16 patch rather than taken from a recording: 0.125
    /// cycles per pixel (2 cycles across 16 pixels), 2 Hz drift, 10 samples 0.05 s apart
    /// (one drift cycle in 0.5 s), membrane potentials. A temporal frequency of 0 gives
    /// static gratings.
    /// - Throws: `StimulusError.invalidParameter` for an invalid grating parameter.
    public static func directionTuning(
        geometry: PatchGeometry, directions: Int = 8, trialsPerDirection: Int = 16,
        contrast: Double = 1, cyclesPerPixel: Double = 0.125, temporalFrequencyHz: Double = 2,
        samplesPerTrial: Int = 10, sampleIntervalSeconds: Double = 0.05,
        readout: ResponseReadout = .membranePotential, seed: UInt64 = 1
    ) throws -> ExperimentProtocol {
        let step = 360 / Double(max(directions, 1))
        let conditions: [any Stimulus] = try (0..<max(directions, 0)).map { index in
            let grating = try Grating(
                directionDegrees: Double(index) * step, cyclesPerPixel: cyclesPerPixel,
                contrast: contrast, geometry: geometry)
            if temporalFrequencyHz == 0 { return grating }
            return try DriftingGrating(grating: grating, temporalFrequencyHz: temporalFrequencyHz)
        }
        return ExperimentProtocol(
            name: "direction-tuning-contrast-\(contrast)", conditions: conditions,
            trialsPerCondition: trialsPerDirection, samplesPerTrial: samplesPerTrial,
            sampleIntervalSeconds: sampleIntervalSeconds, readout: readout, seed: seed)
    }
}
