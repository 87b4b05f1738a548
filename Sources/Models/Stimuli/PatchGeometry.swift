/// The size of a stimulus patch and an optional aperture around its centre.
public struct PatchGeometry: Sendable, Equatable {
    /// A mask applied to the patch: pixels outside show the mean luminance (0).
    public enum Aperture: Sendable, Equatable {
        /// The whole patch.
        case none
        /// A disc of this radius in pixels around the patch centre. A pixel is inside when
        /// the distance of its centre from the patch centre is at most the radius.
        case circular(radiusPixels: Double)
    }

    public var width: Int
    public var height: Int
    public var aperture: Aperture

    /// Creates a geometry. Throws `StimulusError.invalidParameter` for a size below 1 pixel
    /// or a negative or NaN aperture radius.
    public init(width: Int, height: Int, aperture: Aperture = .none) throws {
        guard width >= 1, height >= 1 else {
            throw StimulusError.invalidParameter(
                "a stimulus patch needs at least 1x1 pixels, got \(width)x\(height)")
        }
        if case .circular(let radius) = aperture, !(radius >= 0) {
            throw StimulusError.invalidParameter(
                "the aperture radius is \(radius) pixels but must be 0 or more")
        }
        self.width = width
        self.height = height
        self.aperture = aperture
    }

    /// Returns a square patch without aperture (16 x 16 matches the GSM of Orbán et al. 2016).
    public static func square(_ side: Int) throws -> PatchGeometry {
        try PatchGeometry(width: side, height: side)
    }

    public var pixelCount: Int { width * height }

    /// Returns the position of a pixel centre relative to the patch centre, in pixels: x to the
    /// right, y upwards.
    public func position(row: Int, column: Int) -> (x: Double, y: Double) {
        (Double(column) - Double(width - 1) / 2, Double(height - 1) / 2 - Double(row))
    }

    /// Sets the pixels outside the aperture to 0.
    public func applyAperture(_ image: inout [Double]) {
        guard case .circular(let radius) = aperture else { return }
        for row in 0..<height {
            for column in 0..<width {
                let (x, y) = position(row: row, column: column)
                if x * x + y * y > radius * radius { image[row * width + column] = 0 }
            }
        }
    }
}
