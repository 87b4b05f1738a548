import XCTest

@testable import Data

final class ImagePatchSamplerTests: XCTestCase {
    /// An image whose pixel (x, y) is `offset + y * width + x`, so a patch shows where
    /// it was cut and from which image.
    private func rampImage(width: Int, height: Int, offset: Float) throws -> GreyImage {
        try GreyImage(
            width: width, height: height,
            pixels: (0..<(width * height)).map { offset + Float($0) })
    }

    private func rawConfiguration(side: Int = 16, seed: UInt64 = 7, heldOut: Double = 0.25)
        -> PatchSampler.Configuration
    {
        PatchSampler.Configuration(
            patchSide: side, seed: seed, whitening: nil, normalisation: .none,
            heldOutFraction: heldOut)
    }

    private func images(count: Int) throws -> [GreyImage] {
        try (0..<count).map { try rampImage(width: 40, height: 30, offset: Float($0) * 10_000) }
    }

    func testBatchShapeAndSettableSide() throws {
        var sampler = try PatchSampler(
            images: images(count: 4), configuration: rawConfiguration(side: 8))
        XCTAssertEqual(sampler.patchSize, 64)
        XCTAssertEqual(try sampler.nextBatch(count: 5).count, 5 * 64)
        XCTAssertEqual(try sampler.nextBatch(count: 3, split: .heldOut).count, 3 * 64)
    }

    func testPatchesAreContiguousWindows() throws {
        var sampler = try PatchSampler(
            images: images(count: 3), configuration: rawConfiguration(side: 6))
        let batch = try sampler.nextBatch(count: 50)
        for patch in 0..<50 {
            let values = Array(batch[(patch * 36)..<((patch + 1) * 36)])
            let origin = values[0]
            let image = Int(origin / 10_000)
            let local = Int(origin) - image * 10_000
            XCTAssertLessThanOrEqual(
                local % 40, 40 - 6, "patch \(patch) starts past the right edge")
            XCTAssertLessThanOrEqual(local / 40, 30 - 6, "patch \(patch) starts past the bottom")
            for y in 0..<6 {
                for x in 0..<6 {
                    XCTAssertEqual(values[y * 6 + x], origin + Float(y * 40 + x), "patch \(patch)")
                }
            }
        }
    }

    func testSameSeedSameBatches() throws {
        var first = try PatchSampler(
            images: images(count: 4), configuration: rawConfiguration(seed: 3))
        var second = try PatchSampler(
            images: images(count: 4), configuration: rawConfiguration(seed: 3))
        var other = try PatchSampler(
            images: images(count: 4), configuration: rawConfiguration(seed: 4))
        let batch = try first.nextBatch(count: 20)
        XCTAssertEqual(batch, try second.nextBatch(count: 20))
        XCTAssertNotEqual(batch, try other.nextBatch(count: 20))
        XCTAssertNotEqual(batch, try first.nextBatch(count: 20), "the stream advances")
    }

    func testHeldOutImagesDisjointFromTraining() throws {
        var sampler = try PatchSampler(images: images(count: 8), configuration: rawConfiguration())
        XCTAssertEqual(sampler.heldOutImageIndices.count, 2)
        XCTAssertEqual(sampler.trainingImageIndices.count, 6)
        XCTAssertTrue(
            Set(sampler.heldOutImageIndices).isDisjoint(with: sampler.trainingImageIndices))

        let size = sampler.patchSize
        let training = try sampler.nextBatch(count: 400)
        let heldOut = try sampler.nextBatch(count: 400, split: .heldOut)
        let trainingSources = Set(
            stride(from: 0, to: training.count, by: size).map { Int(training[$0] / 10_000) })
        let heldOutSources = Set(
            stride(from: 0, to: heldOut.count, by: size).map { Int(heldOut[$0] / 10_000) })
        XCTAssertEqual(trainingSources, Set(sampler.trainingImageIndices))
        XCTAssertEqual(heldOutSources, Set(sampler.heldOutImageIndices))
    }

    func testFixedHeldOutPatchesRepeat() throws {
        var sampler = try PatchSampler(images: images(count: 8), configuration: rawConfiguration())
        let first = try sampler.fixedHeldOutPatches(count: 50)
        _ = try sampler.nextBatch(count: 10, split: .heldOut)
        _ = try sampler.nextBatch(count: 10)
        XCTAssertEqual(try sampler.fixedHeldOutPatches(count: 50), first)
        let size = sampler.patchSize
        let starts = stride(from: 0, to: first.count, by: size)
        let sources = Set(starts.map { Int(first[$0] / 10_000) })
        XCTAssertTrue(sources.isSubset(of: sampler.heldOutImageIndices))
        XCTAssertThrowsError(try sampler.fixedHeldOutPatches(count: 0))
    }

    func testBufferFormMatchesArrayForm() throws {
        var first = try PatchSampler(images: images(count: 4), configuration: rawConfiguration())
        var second = first
        let expected = try first.nextBatch(count: 6)
        var buffer = [Float](repeating: -1, count: 7 * second.patchSize)
        try buffer.withUnsafeMutableBufferPointer { try second.nextBatch(into: $0, count: 6) }
        XCTAssertEqual(Array(buffer.prefix(expected.count)), expected)
        XCTAssertEqual(
            Array(buffer.suffix(second.patchSize)), [Float](repeating: -1, count: second.patchSize))
    }

    func testDatasetStandardDeviationNormalisation() throws {
        var configuration = rawConfiguration(side: 8)
        configuration.normalisation = .datasetStandardDeviation
        configuration.whitening = WhiteningFilter()
        var sampler = try PatchSampler(
            images: noiseImages(count: 4, seed: 1), configuration: configuration)
        let batch = try sampler.nextBatch(count: 4000)
        for patch in 0..<20 {
            let mean = batch[(patch * 64)..<((patch + 1) * 64)].reduce(0, +) / 64
            XCTAssertEqual(mean, 0, accuracy: 1e-5, "patch \(patch)")
        }
        let variance = batch.reduce(0) { $0 + Double($1 * $1) } / Double(batch.count)
        XCTAssertEqual(variance, 1, accuracy: 0.05)
        XCTAssertGreaterThan(sampler.datasetStandardDeviation, 0)
    }

    func testPatchNormNormalisation() throws {
        var configuration = rawConfiguration(side: 8)
        configuration.normalisation = .patchNorm
        var sampler = try PatchSampler(
            images: noiseImages(count: 3, seed: 2), configuration: configuration)
        let batch = try sampler.nextBatch(count: 30)
        for patch in 0..<30 {
            let values = batch[(patch * 64)..<((patch + 1) * 64)]
            XCTAssertEqual(values.reduce(0, +) / 64, 0, accuracy: 1e-5, "patch \(patch) mean")
            XCTAssertEqual(
                values.reduce(0) { $0 + $1 * $1 } / 64, 1, accuracy: 1e-4, "patch \(patch) power")
        }
    }

    func testInvalidSettingsThrow() throws {
        let two = try images(count: 2)
        XCTAssertThrowsError(try PatchSampler(images: [], configuration: rawConfiguration()))
        XCTAssertThrowsError(
            try PatchSampler(images: two, configuration: rawConfiguration(side: 0)))
        XCTAssertThrowsError(
            try PatchSampler(images: two, configuration: rawConfiguration(side: 31)))
        XCTAssertThrowsError(
            try PatchSampler(images: two, configuration: rawConfiguration(heldOut: 1)))
        XCTAssertThrowsError(try PatchSampler(images: [two[0]], configuration: rawConfiguration()))

        var noHeldOut = try PatchSampler(images: two, configuration: rawConfiguration(heldOut: 0))
        XCTAssertEqual(noHeldOut.trainingImageIndices, [0, 1])
        XCTAssertThrowsError(try noHeldOut.nextBatch(count: 1, split: .heldOut))
        XCTAssertThrowsError(try noHeldOut.nextBatch(count: 0))
        var small = [Float](repeating: 0, count: 10)
        XCTAssertThrowsError(
            try small.withUnsafeMutableBufferPointer { try noHeldOut.nextBatch(into: $0, count: 1) }
        )
    }

    func testFlatImagesRejectedByDatasetNormalisation() throws {
        let flat = try GreyImage(width: 20, height: 20, pixels: [Float](repeating: 0.5, count: 400))
        var configuration = rawConfiguration(side: 8, heldOut: 0)
        configuration.normalisation = .datasetStandardDeviation
        XCTAssertThrowsError(try PatchSampler(images: [flat], configuration: configuration))
    }

    /// Uniform white noise images from a seeded linear congruential generator.
    private func noiseImages(count: Int, seed: UInt64) throws -> [GreyImage] {
        var state = seed
        return try (0..<count).map { _ in
            let pixels = (0..<(48 * 48)).map { _ -> Float in
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return Float(state >> 40) / Float(1 << 24)
            }
            return try GreyImage(width: 48, height: 48, pixels: pixels)
        }
    }
}
