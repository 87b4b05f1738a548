import Foundation

/// Draws square patches at seeded random positions from grey images, for training and
/// evaluating patch models such as the hierarchical VAE.
///
/// Pipeline: each image is whitened once (optional, `WhiteningFilter`), patches are cut at
/// uniformly random positions (an image is chosen with probability proportional to its
/// number of patch positions), then contrast-normalised. Held-out patches come only from
/// held-out images, chosen by the seed, so no held-out pixel is ever seen in training.
///
/// A batch is `count * side * side` floats, row-major: patch `b`, pixel (`x`, `y`) is at
/// `b * side * side + y * side + x`.
public struct PatchSampler: Sendable {
    /// Scaling applied to each patch after it is cut.
    public enum ContrastNormalisation: Sendable, Equatable {
        /// Values as cut (after whitening, if any).
        case none
        /// Subtract each patch's mean, then divide by the standard deviation of the
        /// training pixels (one number for the dataset, from 10,000 training patches).
        /// Contrast still varies between patches, as a model of natural images needs.
        case datasetStandardDeviation
        /// Subtract each patch's mean, then scale each patch to unit root-mean-square
        /// (its L2 norm divided by `side`): every patch has the same contrast.
        case patchNorm
    }

    /// Image subset that a batch is drawn from.
    public enum Split: Sendable {
        case training
        case heldOut
    }

    /// Settings of a sampler.
    public struct Configuration: Sendable, Equatable {
        /// Patch side in pixels.
        public var patchSide: Int
        /// Seed of the held-out choice and of both position streams.
        public var seed: UInt64
        /// Whitening applied to whole images, or nil for none.
        public var whitening: WhiteningFilter?
        /// Scaling applied to each patch.
        public var normalisation: ContrastNormalisation
        /// Fraction of images held out (rounded up to at least one image when positive).
        public var heldOutFraction: Double

        /// Creates a configuration; the defaults are 16-pixel patches, Olshausen-Field
        /// whitening, dataset-std normalisation and a quarter of the images held out.
        public init(
            patchSide: Int = 16, seed: UInt64 = 0, whitening: WhiteningFilter? = WhiteningFilter(),
            normalisation: ContrastNormalisation = .datasetStandardDeviation,
            heldOutFraction: Double = 0.25
        ) {
            self.patchSide = patchSide
            self.seed = seed
            self.whitening = whitening
            self.normalisation = normalisation
            self.heldOutFraction = heldOutFraction
        }
    }

    /// The settings this sampler was made with.
    public let configuration: Configuration
    /// Indices (into the images given) of training images, ascending.
    public let trainingImageIndices: [Int]
    /// Indices (into the images given) of held-out images, ascending.
    public let heldOutImageIndices: [Int]
    /// The divisor of `.datasetStandardDeviation` (1 for the other normalisations).
    public private(set) var datasetStandardDeviation: Float = 1

    /// Pixels per patch (`patchSide * patchSide`).
    public var patchSize: Int { configuration.patchSide * configuration.patchSide }

    private let images: [GreyImage]
    private var trainingGenerator: SplitMix64
    private var heldOutGenerator: SplitMix64
    private let fixedHeldOutSeed: UInt64

    /// Prepares `images` (whitening them if configured) and chooses the held-out images.
    ///
    /// Throws `DataError.invalidValue` when there are no images, the patch side is not
    /// positive or exceeds an image's side, the held-out fraction is outside [0, 1), or a
    /// held-out split is requested with fewer than two images.
    public init(images: [GreyImage], configuration: Configuration = Configuration()) throws {
        try Self.validate(images: images, configuration: configuration)
        self.configuration = configuration
        self.images = try images.map { image in
            try configuration.whitening?.apply(to: image) ?? image
        }

        var generator = SplitMix64(seed: configuration.seed)
        let heldOutCount = Self.heldOutCount(
            images: images.count, fraction: configuration.heldOutFraction)
        let shuffled = Array(images.indices).shuffled(using: &generator)
        heldOutImageIndices = shuffled.prefix(heldOutCount).sorted()
        trainingImageIndices = shuffled.dropFirst(heldOutCount).sorted()
        trainingGenerator = SplitMix64(seed: generator.next())
        heldOutGenerator = SplitMix64(seed: generator.next())
        fixedHeldOutSeed = generator.next()

        if configuration.normalisation == .datasetStandardDeviation {
            datasetStandardDeviation = try measureStandardDeviation(seed: generator.next())
        }
    }

    /// Reads every image in `folder` (see `ImageFolder`) and prepares a sampler over them.
    public init(folder path: String, configuration: Configuration = Configuration()) throws {
        try self.init(images: ImageFolder(path: path).images, configuration: configuration)
    }

    /// Returns the same `count` held-out patches on every call (for a given configuration),
    /// whatever batches were drawn before, so held-out ELBOs compare across training steps.
    ///
    /// Throws `DataError.invalidValue` when no image is held out or `count` is not positive.
    public func fixedHeldOutPatches(count: Int) throws -> [Float] {
        guard count > 0 else {
            throw DataError.invalidValue("PatchSampler: patch count \(count) must be positive")
        }
        guard !heldOutImageIndices.isEmpty else {
            throw DataError.invalidValue(
                "PatchSampler: no held-out images (held-out fraction 0); set a positive "
                    + "held-out fraction to draw held-out patches")
        }
        var generator = SplitMix64(seed: fixedHeldOutSeed)
        var patches = [Float](repeating: 0, count: count * patchSize)
        patches.withUnsafeMutableBufferPointer { buffer in
            fill(buffer, count: count, from: heldOutImageIndices, using: &generator)
            normalise(buffer, count: count)
        }
        return patches
    }

    /// Returns `count` patches from `split` as `count * patchSize` floats, row-major.
    public mutating func nextBatch(count: Int, split: Split = .training) throws -> [Float] {
        var batch = [Float](repeating: 0, count: max(count, 0) * patchSize)
        try batch.withUnsafeMutableBufferPointer { buffer in
            try nextBatch(into: buffer, count: count, split: split)
        }
        return batch
    }

    /// Writes `count` patches from `split` into the first `count * patchSize` floats of
    /// `buffer`, row-major. Throws `DataError.shapeMismatch` when the buffer is too small
    /// or `count` is not positive, and `DataError.invalidValue` for `.heldOut` when no
    /// image is held out.
    public mutating func nextBatch(
        into buffer: UnsafeMutableBufferPointer<Float>, count: Int, split: Split = .training
    ) throws {
        guard count > 0, buffer.count >= count * patchSize else {
            throw DataError.shapeMismatch(
                "PatchSampler: \(count) patches of \(patchSize) pixels need \(count * patchSize) "
                    + "floats, the buffer holds \(buffer.count)")
        }
        if split == .heldOut && heldOutImageIndices.isEmpty {
            throw DataError.invalidValue(
                "PatchSampler: no held-out images (held-out fraction 0); set a positive "
                    + "held-out fraction to draw held-out patches")
        }
        switch split {
        case .training:
            fill(buffer, count: count, from: trainingImageIndices, using: &trainingGenerator)
        case .heldOut:
            fill(buffer, count: count, from: heldOutImageIndices, using: &heldOutGenerator)
        }
        normalise(buffer, count: count)
    }

    // MARK: - Sampling

    private func fill(
        _ buffer: UnsafeMutableBufferPointer<Float>, count: Int, from indices: [Int],
        using generator: inout SplitMix64
    ) {
        let side = configuration.patchSide
        let positionCounts = indices.map {
            (images[$0].width - side + 1) * (images[$0].height - side + 1)
        }
        let total = positionCounts.reduce(0, +)
        for patch in 0..<count {
            var position = Int.random(in: 0..<total, using: &generator)
            var chosen = 0
            while position >= positionCounts[chosen] {
                position -= positionCounts[chosen]
                chosen += 1
            }
            let image = images[indices[chosen]]
            let columns = image.width - side + 1
            let left = position % columns
            let top = position / columns
            for y in 0..<side {
                let source = (top + y) * image.width + left
                let target = patch * side * side + y * side
                for x in 0..<side {
                    buffer[target + x] = image.pixels[source + x]
                }
            }
        }
    }

    private func normalise(_ buffer: UnsafeMutableBufferPointer<Float>, count: Int) {
        let size = patchSize
        for patch in 0..<count {
            let range = (patch * size)..<((patch + 1) * size)
            var mean: Float = 0
            for i in range { mean += buffer[i] }
            mean /= Float(size)
            var divisor: Float = 1
            switch configuration.normalisation {
            case .none:
                continue
            case .datasetStandardDeviation:
                divisor = datasetStandardDeviation
            case .patchNorm:
                var squares: Float = 0
                for i in range { squares += (buffer[i] - mean) * (buffer[i] - mean) }
                // A flat patch stays zero instead of dividing by zero.
                divisor = max((squares / Float(size)).squareRoot(), 1e-8)
            }
            for i in range { buffer[i] = (buffer[i] - mean) / divisor }
        }
    }

    /// Measures the standard deviation of mean-subtracted training pixels over 10,000 patches.
    private func measureStandardDeviation(seed: UInt64) throws -> Float {
        let count = 10_000
        var generator = SplitMix64(seed: seed)
        var values = [Float](repeating: 0, count: count * patchSize)
        values.withUnsafeMutableBufferPointer { buffer in
            fill(buffer, count: count, from: trainingImageIndices, using: &generator)
        }
        var squares: Double = 0
        for patch in 0..<count {
            let slice = values[(patch * patchSize)..<((patch + 1) * patchSize)]
            let mean = slice.reduce(0, +) / Float(patchSize)
            for value in slice { squares += Double((value - mean) * (value - mean)) }
        }
        let deviation = Float((squares / Double(values.count)).squareRoot())
        guard deviation > 0 else {
            throw DataError.invalidValue(
                "PatchSampler: the training patches are flat (standard deviation 0); "
                    + "use images with contrast or the .none normalisation")
        }
        return deviation
    }

    // MARK: - Checks

    private static func heldOutCount(images: Int, fraction: Double) -> Int {
        fraction > 0 ? max(1, Int((fraction * Double(images)).rounded(.up))) : 0
    }

    private static func validate(images: [GreyImage], configuration: Configuration) throws {
        let side = configuration.patchSide
        guard !images.isEmpty else {
            throw DataError.invalidValue("PatchSampler: no images given; pass at least one")
        }
        guard side > 0 else {
            throw DataError.invalidValue("PatchSampler: patch side \(side) must be positive")
        }
        if let small = images.firstIndex(where: { $0.width < side || $0.height < side }) {
            throw DataError.invalidValue(
                "PatchSampler: image \(small) is \(images[small].width) x \(images[small].height), "
                    + "smaller than the \(side)-pixel patch side; use a smaller patch side")
        }
        let fraction = configuration.heldOutFraction
        guard fraction >= 0, fraction < 1 else {
            throw DataError.invalidValue(
                "PatchSampler: held-out fraction \(fraction) is outside [0, 1)")
        }
        let heldOut = heldOutCount(images: images.count, fraction: fraction)
        guard heldOut == 0 || heldOut < images.count else {
            throw DataError.invalidValue(
                "PatchSampler: holding out \(heldOut) of \(images.count) images leaves none "
                    + "to train on; add images or set the held-out fraction to 0")
        }
    }
}
