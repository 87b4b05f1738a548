import CKissFFT
import Foundation

/// The whitening filter of Olshausen & Field (1996, Nature 381:607): in the frequency
/// domain each image is multiplied by R(f) = |f| exp(-(|f| / f0)^4). The ramp |f| flattens
/// the 1/f^2 power spectrum of natural images; the low-pass term removes the noise and
/// aliasing near the Nyquist frequency. The DC component is removed (R(0) = 0).
///
/// Frequencies are in cycles per pixel (Nyquist is 0.5). The default cutoff, 200/512 cycles
/// per pixel, is the paper's f0 = 200 cycles/picture for its 512 x 512 images.
///
/// The image is mirrored to twice its width and height before the transform, so the
/// periodic extension that the discrete Fourier transform implies has no edges at the
/// borders, and the filtered image is cropped back.
public struct WhiteningFilter: Sendable, Equatable {
    /// Cutoff f0 of the low-pass term, in cycles per pixel.
    public var cutoffCyclesPerPixel: Float

    /// Creates the filter; `cutoffCyclesPerPixel` must lie in (0, 0.5].
    public init(cutoffCyclesPerPixel: Float = 200.0 / 512.0) {
        self.cutoffCyclesPerPixel = cutoffCyclesPerPixel
    }

    /// Returns the gain R(f) at spatial frequency `frequency` (cycles per pixel).
    public func gain(frequency: Float) -> Float {
        let ratio = frequency / cutoffCyclesPerPixel
        let ratio2 = ratio * ratio
        return frequency * exp(-(ratio2 * ratio2))
    }

    /// Filters `image` (its mean is removed; the scale is R's, not normalised).
    ///
    /// Throws `DataError.invalidValue` when the cutoff is outside (0, 0.5] or KISS FFT
    /// cannot allocate its plan.
    public func apply(to image: GreyImage) throws -> GreyImage {
        guard cutoffCyclesPerPixel > 0, cutoffCyclesPerPixel <= 0.5 else {
            throw DataError.invalidValue(
                "WhiteningFilter: cutoff \(cutoffCyclesPerPixel) cycles/pixel is outside "
                    + "(0, 0.5]; the default is 200/512")
        }
        let width = 2 * image.width
        let height = 2 * image.height
        var spectrum = Self.mirrored(image)
        try Self.transform(&spectrum, width: width, height: height, inverse: false)

        for ky in 0..<height {
            let fy = Float(ky <= height / 2 ? ky : ky - height) / Float(height)
            for kx in 0..<width {
                let fx = Float(kx <= width / 2 ? kx : kx - width) / Float(width)
                // The inverse transform is unnormalised: divide by the number of points here.
                let factor =
                    gain(frequency: (fx * fx + fy * fy).squareRoot()) / Float(width * height)
                spectrum[ky * width + kx].r *= factor
                spectrum[ky * width + kx].i *= factor
            }
        }

        try Self.transform(&spectrum, width: width, height: height, inverse: true)
        var pixels = [Float](repeating: 0, count: image.width * image.height)
        for y in 0..<image.height {
            for x in 0..<image.width {
                pixels[y * image.width + x] = spectrum[y * width + x].r
            }
        }
        return try GreyImage(width: image.width, height: image.height, pixels: pixels)
    }

    /// Reflects the image into a 2w x 2h complex array whose periodic extension has no edges.
    private static func mirrored(_ image: GreyImage) -> [kiss_fft_cpx] {
        let width = 2 * image.width
        var values = [kiss_fft_cpx](
            repeating: kiss_fft_cpx(r: 0, i: 0), count: width * 2 * image.height)
        for y in 0..<(2 * image.height) {
            let sourceY = y < image.height ? y : 2 * image.height - 1 - y
            for x in 0..<width {
                let sourceX = x < image.width ? x : width - 1 - x
                values[y * width + x].r = image[x: sourceX, y: sourceY]
            }
        }
        return values
    }

    /// Runs an in-place 2-D discrete Fourier transform by KISS FFT (unnormalised both ways).
    private static func transform(
        _ values: inout [kiss_fft_cpx], width: Int, height: Int, inverse: Bool
    ) throws {
        var dimensions: [Int32] = [Int32(height), Int32(width)]
        guard let plan = kiss_fftnd_alloc(&dimensions, 2, inverse ? 1 : 0, nil, nil) else {
            throw DataError.invalidValue(
                "WhiteningFilter: KISS FFT could not plan a \(width) x \(height) transform")
        }
        defer { free(UnsafeMutableRawPointer(plan)) }
        let input = values
        input.withUnsafeBufferPointer { source in
            values.withUnsafeMutableBufferPointer { target in
                kiss_fftnd(plan, source.baseAddress, target.baseAddress)
            }
        }
    }
}
