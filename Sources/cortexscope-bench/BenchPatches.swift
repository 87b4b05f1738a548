import Data
import Foundation

/// The patches both implementations train and evaluate on: whitened 16 x 16 photograph
/// patches from `PatchSampler` when the image folder exists, else N(0, 1) noise.
struct BenchPatches {
    /// Training batches, `batchSize * patchSize` floats each.
    let trainingBatches: [[Float]]
    /// Held-out patches, `evaluationCount * patchSize` floats.
    let heldOut: [Float]
    /// Number of held-out patches.
    let evaluationCount: Int
    /// Description of the patch source, for the report.
    let source: String

    /// Draws 16 training batches and `evaluationCount` held-out patches.
    init(folder: String, batchSize: Int, patchSize: Int, evaluationCount: Int) throws {
        let batchCount = 16
        self.evaluationCount = evaluationCount
        if FileManager.default.fileExists(atPath: folder), patchSize == 256 {
            var sampler = try PatchSampler(
                folder: folder, configuration: .init(patchSide: 16, seed: 1))
            trainingBatches = try (0..<batchCount).map { _ in
                try sampler.nextBatch(count: batchSize)
            }
            heldOut = try sampler.nextBatch(count: evaluationCount, split: .heldOut)
            source = "whitened 16x16 patches of the photographs in \(folder)"
        } else {
            var generator = SystemRandomNumberGenerator()
            func noise(_ count: Int) -> [Float] {
                (0..<count).map { _ in
                    // Box-Muller transform of two uniform numbers.
                    let u = Float.random(in: Float.leastNormalMagnitude..<1, using: &generator)
                    let v = Float.random(in: 0..<1, using: &generator)
                    return (-2 * log(u)).squareRoot() * cos(2 * .pi * v)
                }
            }
            trainingBatches = (0..<batchCount).map { _ in noise(batchSize * patchSize) }
            heldOut = noise(evaluationCount * patchSize)
            source = "N(0, 1) noise patches (\(folder) not found; run `make images`)"
        }
    }

    /// Writes the training patches as a float32 NumPy .npy file (format version 1.0) for
    /// the PyTorch reference, and returns its path.
    func writeTrainingNPY(patchSize: Int) throws -> String {
        let rows = trainingBatches.reduce(0) { $0 + $1.count } / patchSize
        var header = "{'descr': '<f4', 'fortran_order': False, 'shape': (\(rows), \(patchSize)), }"
        // The magic (6), version (2) and length (2) bytes plus the header end on a multiple
        // of 64 bytes, with a newline last.
        let padding = (64 - (10 + header.utf8.count + 1) % 64) % 64
        header += String(repeating: " ", count: padding) + "\n"
        var bytes: [UInt8] = [0x93] + Array("NUMPY".utf8) + [1, 0]
        bytes += [UInt8(header.utf8.count & 0xFF), UInt8(header.utf8.count >> 8)]
        bytes += Array(header.utf8)
        for batch in trainingBatches {
            batch.withUnsafeBytes { bytes += $0 }
        }
        let path = (NSTemporaryDirectory() as NSString)
            .appendingPathComponent(
                "cortexscope-bench-\(ProcessInfo.processInfo.processIdentifier).npy")
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }
}
