import Numerics

/// A supplier of training batches of image patches.
///
/// A batch is a `size x pixels` matrix, one flattened patch a row. Batches are numbered so a
/// source that derives batch `index` from its own seed and the index gives the same batch
/// again after a resume from a checkpoint, which makes resumed training identical to an
/// uninterrupted run.
public protocol PatchSource {
    /// Returns batch number `index` (0 for the first training step) of `size` patches.
    ///
    /// - Throws: an error naming the image or setting that failed; training stops with it.
    mutating func batch(index: Int, size: Int) throws -> Matrix
}
