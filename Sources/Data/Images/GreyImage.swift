import Foundation

/// A single-channel image with one `Float` a pixel, stored row-major (row `y` starts at
/// `y * width`). Decoded images hold intensities in 0...1: the stored sample divided by
/// its maximum (255 or 65535), with colour converted by ITU-R BT.601 luma weights. No
/// gamma or colour-profile correction is applied. Filtered images (see `WhiteningFilter`)
/// hold values outside 0...1.
public struct GreyImage: Sendable, Equatable {
    /// Width in pixels.
    public let width: Int
    /// Height in pixels.
    public let height: Int
    /// Intensities, row-major, `width * height` values.
    public private(set) var pixels: [Float]

    /// ITU-R BT.601 luma weights (red, green, blue) for Y' = 0.299 R' + 0.587 G' + 0.114 B'.
    public static let lumaWeights: (red: Float, green: Float, blue: Float) = (0.299, 0.587, 0.114)

    /// Creates an image from row-major pixels.
    ///
    /// Throws `DataError.shapeMismatch` when `pixels.count != width * height` or a side is
    /// not positive, and `DataError.invalidValue` when a pixel is NaN or infinite.
    public init(width: Int, height: Int, pixels: [Float]) throws {
        guard width > 0, height > 0, pixels.count == width * height else {
            throw DataError.shapeMismatch(
                "GreyImage: \(pixels.count) pixels do not fill \(width) x \(height); "
                    + "pass width * height values, row-major")
        }
        if let bad = pixels.firstIndex(where: { !$0.isFinite }) {
            throw DataError.invalidValue(
                "GreyImage: pixel \(bad) (x \(bad % width), y \(bad / width)) is "
                    + "\(pixels[bad]); pixels must be finite")
        }
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// Returns the pixel in column `x` and row `y` (0-based, row 0 at the top).
    public subscript(x x: Int, y y: Int) -> Float {
        pixels[y * width + x]
    }

    /// Converts one gamma-encoded RGB triple (each in 0...1) to luma by BT.601 weights.
    public static func luma(red: Float, green: Float, blue: Float) -> Float {
        lumaWeights.red * red + lumaWeights.green * green + lumaWeights.blue * blue
    }
}
