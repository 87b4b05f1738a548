import CKissFFT
import Foundation
import XCTest

@testable import Data

final class ImageWhiteningTests: XCTestCase {
    private let side = 16

    func testGainIsRampTimesLowPass() {
        let filter = WhiteningFilter(cutoffCyclesPerPixel: 0.4)
        XCTAssertEqual(filter.gain(frequency: 0), 0)
        XCTAssertEqual(filter.gain(frequency: 0.1), 0.1 * exp(-pow(0.25, 4)), accuracy: 1e-7)
        XCTAssertEqual(filter.gain(frequency: 0.4), 0.4 * exp(-1), accuracy: 1e-7)
    }

    func testInvalidCutoffThrows() throws {
        let image = try GreyImage(width: 4, height: 4, pixels: [Float](repeating: 0, count: 16))
        XCTAssertThrowsError(try WhiteningFilter(cutoffCyclesPerPixel: 0).apply(to: image))
        XCTAssertThrowsError(try WhiteningFilter(cutoffCyclesPerPixel: 0.6).apply(to: image))
    }

    func testWhitenedImageHasZeroMean() throws {
        let image = try pinkNoise(width: 96, height: 64, seed: 5)
        let whitened = try WhiteningFilter().apply(to: image)
        XCTAssertEqual(whitened.width, 96)
        XCTAssertEqual(whitened.height, 64)
        let mean = whitened.pixels.reduce(0, +) / Float(whitened.pixels.count)
        let power = whitened.pixels.reduce(0) { $0 + $1 * $1 } / Float(whitened.pixels.count)
        XCTAssertEqual(mean, 0, accuracy: 0.05 * power.squareRoot())
    }

    func testWhiteningFlattensPinkNoiseSpectrum() throws {
        let images = try (0..<2).map {
            try pinkNoise(width: 128, height: 128, seed: UInt64($0) + 11)
        }
        let (rawSlope, whiteSlope) = try spectralSlopes(images)
        XCTAssertEqual(rawSlope, -2, accuracy: 0.4, "pink noise before whitening")
        XCTAssertEqual(whiteSlope, 0, accuracy: 0.5, "after whitening")
    }

    func testWhiteningRaisesPhotographSpectrumSlope() throws {
        let folder = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent(".build/images/skimage").path
        guard FileManager.default.fileExists(atPath: folder) else {
            throw XCTSkip("\(folder) is missing; run `make images` to extract the photographs")
        }
        let photographs = try ImageFolder(path: folder)
        XCTAssertEqual(photographs.images.count, 8)
        let (rawSlope, whiteSlope) = try spectralSlopes(photographs.images)
        // These photographs fall off faster than 1/f^2 between 1/16 and 1/4 cycles per
        // pixel (slope near -2.4), so the ramp's +2, less the low-pass term's roll-off,
        // leaves them tilted but far flatter than before.
        XCTAssertLessThan(rawSlope, -1.8, "photographs before whitening")
        XCTAssertEqual(whiteSlope - rawSlope, 1.75, accuracy: 0.35, "slope gained by whitening")
        XCTAssertLessThan(abs(whiteSlope), 1.2, "photographs after whitening")
    }

    // MARK: - Helpers

    /// Slopes of log power against log frequency (1 to 4 cycles per patch) of patches
    /// sampled without and with whitening.
    private func spectralSlopes(_ images: [GreyImage]) throws -> (raw: Double, whitened: Double) {
        var slopes: [Double] = []
        for whitening in [nil, WhiteningFilter()] {
            let configuration = PatchSampler.Configuration(
                patchSide: side, seed: 1, whitening: whitening, normalisation: .none,
                heldOutFraction: 0)
            var sampler = try PatchSampler(images: images, configuration: configuration)
            let power = radialPower(try sampler.nextBatch(count: 300))
            let frequencies = (1...4).map { log(Double($0)) }
            let logPower = (1...4).map { log(power[$0]) }
            slopes.append(leastSquaresSlope(x: frequencies, y: logPower))
        }
        return (slopes[0], slopes[1])
    }

    /// Power of Hann-windowed patches by a direct 2-D DFT (rows, then columns), averaged
    /// over patches and over rings of integer radius (cycles per patch).
    private func radialPower(_ batch: [Float]) -> [Double] {
        let count = batch.count / (side * side)
        let window = (0..<side).map {
            0.5 - 0.5 * cos(2 * Double.pi * (Double($0) + 0.5) / Double(side))
        }
        let cosines = (0..<side).map { cos(2 * Double.pi * Double($0) / Double(side)) }
        let sines = (0..<side).map { -sin(2 * Double.pi * Double($0) / Double(side)) }
        var sums = [Double](repeating: 0, count: side)
        var counts = [Double](repeating: 0, count: side)
        for patch in 0..<count {
            let values = batch[(patch * side * side)..<((patch + 1) * side * side)].map(Double.init)
            let mean = values.reduce(0, +) / Double(values.count)
            // Row transforms: rowReal[y][kx], rowImaginary[y][kx].
            var rowReal = [Double](repeating: 0, count: side * side)
            var rowImaginary = [Double](repeating: 0, count: side * side)
            for y in 0..<side {
                for kx in 0..<side {
                    for x in 0..<side {
                        let value = (values[y * side + x] - mean) * window[x] * window[y]
                        rowReal[y * side + kx] += value * cosines[(kx * x) % side]
                        rowImaginary[y * side + kx] += value * sines[(kx * x) % side]
                    }
                }
            }
            for ky in 0..<side {
                for kx in 0..<side {
                    var real = 0.0
                    var imaginary = 0.0
                    for y in 0..<side {
                        let (c, s) = (cosines[(ky * y) % side], sines[(ky * y) % side])
                        let (a, b) = (rowReal[y * side + kx], rowImaginary[y * side + kx])
                        real += a * c - b * s
                        imaginary += a * s + b * c
                    }
                    let fx = Double(kx <= side / 2 ? kx : kx - side)
                    let fy = Double(ky <= side / 2 ? ky : ky - side)
                    let radius = Int((fx * fx + fy * fy).squareRoot().rounded())
                    if radius < side {
                        sums[radius] += real * real + imaginary * imaginary
                        counts[radius] += 1
                    }
                }
            }
        }
        return zip(sums, counts).map { $1 > 0 ? $0 / $1 : 0 }
    }

    private func leastSquaresSlope(x: [Double], y: [Double]) -> Double {
        let meanX = x.reduce(0, +) / Double(x.count)
        let meanY = y.reduce(0, +) / Double(y.count)
        let covariance = zip(x, y).reduce(0) { $0 + ($1.0 - meanX) * ($1.1 - meanY) }
        let variance = x.reduce(0) { $0 + ($1 - meanX) * ($1 - meanX) }
        return covariance / variance
    }

    /// Noise with power spectrum 1/f^2 (amplitude 1/f, random phases), built by an inverse
    /// FFT of KISS FFT; the real part of the complex result is kept.
    private func pinkNoise(width: Int, height: Int, seed: UInt64) throws -> GreyImage {
        var state = seed
        func uniform() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
        var spectrum = [kiss_fft_cpx](repeating: kiss_fft_cpx(r: 0, i: 0), count: width * height)
        for ky in 0..<height {
            for kx in 0..<width {
                let fx = Double(kx <= width / 2 ? kx : kx - width) / Double(width)
                let fy = Double(ky <= height / 2 ? ky : ky - height) / Double(height)
                let frequency = (fx * fx + fy * fy).squareRoot()
                guard frequency > 0 else { continue }
                let phase = 2 * Double.pi * uniform()
                spectrum[ky * width + kx] = kiss_fft_cpx(
                    r: Float(cos(phase) / frequency), i: Float(sin(phase) / frequency))
            }
        }
        var dimensions: [Int32] = [Int32(height), Int32(width)]
        let plan = try XCTUnwrap(kiss_fftnd_alloc(&dimensions, 2, 1, nil, nil))
        defer { free(UnsafeMutableRawPointer(plan)) }
        var output = spectrum
        kiss_fftnd(plan, spectrum, &output)
        let scale = 1 / Float(width * height)
        return try GreyImage(width: width, height: height, pixels: output.map { $0.r * scale })
    }
}
