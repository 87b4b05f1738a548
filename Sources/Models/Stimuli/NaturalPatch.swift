/// A fixed image patch, for example a crop of a natural image, scaled by `contrast`.
///
/// The pixels are shown as given (times `contrast`), so they should already be in the
/// model's input units with the mean luminance at 0; the aperture of the geometry applies.
public struct NaturalPatch: Stimulus {
    public var geometry: PatchGeometry
    /// The pixels, row-major.
    public var pixels: [Double]
    /// A factor applied to every pixel; 1 shows the patch unchanged.
    public var contrast: Double
    /// An identifier for the trial table's `image_id` column.
    public var imageID: Int?

    /// Creates a patch from row-major pixels.
    /// - Throws: `StimulusError.invalidParameter` when the pixel count differs from the
    ///   geometry's, or for a NaN pixel or contrast.
    public init(
        pixels: [Double], geometry: PatchGeometry, contrast: Double = 1, imageID: Int? = nil
    )
        throws
    {
        guard pixels.count == geometry.pixelCount else {
            throw StimulusError.invalidParameter(
                "a \(geometry.width)x\(geometry.height) patch needs \(geometry.pixelCount) "
                    + "pixels, got \(pixels.count)")
        }
        if let index = pixels.firstIndex(where: { !$0.isFinite }) {
            throw StimulusError.invalidParameter("pixel \(index) of the patch is \(pixels[index])")
        }
        guard contrast.isFinite else {
            throw StimulusError.invalidParameter("the patch contrast is \(contrast)")
        }
        self.geometry = geometry
        self.pixels = pixels
        self.contrast = contrast
        self.imageID = imageID
    }

    /// Creates a patch from single-precision pixels (as a VAE's data set stores them).
    public init(pixels: [Float], geometry: PatchGeometry, contrast: Double = 1, imageID: Int? = nil)
        throws
    {
        try self.init(
            pixels: pixels.map(Double.init), geometry: geometry, contrast: contrast,
            imageID: imageID)
    }

    public var descriptor: StimulusDescriptor {
        StimulusDescriptor(
            kind: "natural", contrast: contrast, imageID: imageID.map(Double.init) ?? .nan)
    }

    public func frame(atSeconds time: Double) -> [Double] {
        var image = pixels.map { $0 * contrast }
        geometry.applyAperture(&image)
        return image
    }
}
