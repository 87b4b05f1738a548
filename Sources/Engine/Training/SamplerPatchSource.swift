import Data
import Foundation
import Models
import Numerics

/// A `PatchSource` that draws training batches of natural-image patches from a
/// `PatchSampler`.
///
/// Batch `index` is the `index`-th batch of the sampler's seeded training stream, so a
/// resumed run draws the same batches as an uninterrupted one: a request ahead of the
/// stream discards the batches in between, and a request behind it restarts the stream
/// from the sampler's initial state.
public struct SamplerPatchSource: PatchSource {
    private let initialSampler: PatchSampler
    private var sampler: PatchSampler
    private var nextIndex = 0

    /// Creates a source whose batch 0 is the sampler's next training batch.
    public init(sampler: PatchSampler) {
        self.initialSampler = sampler
        self.sampler = sampler
    }

    /// Returns batch `index` as a `size x patchSize` matrix.
    ///
    /// - Throws: `DataError` from the sampler when `size` is not positive.
    public mutating func batch(index: Int, size: Int) throws -> Matrix {
        if index < nextIndex {
            sampler = initialSampler
            nextIndex = 0
        }
        while nextIndex < index {
            _ = try sampler.nextBatch(count: size)
            nextIndex += 1
        }
        let values = try sampler.nextBatch(count: size)
        nextIndex += 1
        return try Matrix(rows: size, cols: sampler.patchSize, values: values)
    }
}
