/// A blank screen at the mean luminance: every pixel is 0 (zero contrast).
public struct BlankStimulus: Stimulus {
    public var geometry: PatchGeometry

    public init(geometry: PatchGeometry) {
        self.geometry = geometry
    }

    public var descriptor: StimulusDescriptor {
        StimulusDescriptor(kind: "blank", contrast: 0)
    }

    public func frame(atSeconds time: Double) -> [Double] {
        [Double](repeating: 0, count: geometry.pixelCount)
    }
}
