/// A stimulus preceded by a blank screen, so that a simulated trial has a pre-stimulus
/// baseline like a recorded one.
///
/// The frame at time `t` from the start of the trial is blank (every pixel 0) for
/// `t < blankSeconds` and the wrapped stimulus's frame at `t - blankSeconds` after that.
/// The trial table records the wrapped stimulus's variables.
public struct BlankThenStimulus: Stimulus {
    public var stimulus: any Stimulus
    /// The duration of the blank before stimulus onset, in seconds.
    public var blankSeconds: Double

    /// - Throws: `StimulusError.invalidParameter` for a negative or non-finite duration.
    public init(stimulus: any Stimulus, blankSeconds: Double) throws {
        guard blankSeconds >= 0, blankSeconds.isFinite else {
            throw StimulusError.invalidParameter(
                "the blank before onset lasts \(blankSeconds) s but must be 0 s or more")
        }
        self.stimulus = stimulus
        self.blankSeconds = blankSeconds
    }

    public var geometry: PatchGeometry { stimulus.geometry }
    public var descriptor: StimulusDescriptor { stimulus.descriptor }

    public func frame(atSeconds time: Double) -> [Double] {
        // The tolerance keeps a sample taken at `k * interval == blankSeconds` on the stimulus.
        if time < blankSeconds - 1e-9 {
            return [Double](repeating: 0, count: geometry.pixelCount)
        }
        return stimulus.frame(atSeconds: time - blankSeconds)
    }
}
