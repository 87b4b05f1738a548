import Foundation

/// A patch model whose training and held-out evaluation speed the benchmark measures.
///
/// The reference hierarchical VAE conforms in `ReferenceVAE.swift`. Batches are row-major
/// `[Float]`, one patch a row.
protocol BenchmarkedModel: AnyObject {
    /// Patches per training step.
    var batchSize: Int { get }
    /// Pixels per patch.
    var patchSize: Int { get }
    /// (inputs, outputs) of every dense layer, for the FLOP estimate.
    var denseLayerShapes: [(inputs: Int, outputs: Int)] { get }
    /// Runs one training step (forward, backward, Adam update) on `batchSize` patches.
    func trainStep(batch: [Float]) throws
    /// Returns the mean ELBO of `count` patches, nats per patch, without gradients.
    func evaluateELBO(patches: [Float], count: Int) throws -> Double
}

extension BenchmarkedModel {
    /// Estimated floating-point operations of one training step: 2 * batch * sum(in * out)
    /// for the forward products and twice that for the backward ones. The same estimate is
    /// printed by scripts/vae_reference_torch.py; it leaves out element-wise work.
    var flopsPerStep: Double {
        6 * Double(batchSize) * Double(denseLayerShapes.reduce(0) { $0 + $1.inputs * $1.outputs })
    }

    /// Returns training steps per second over `steps` steps, cycling through `batches`.
    func trainingStepsPerSecond(batches: [[Float]], steps: Int) throws -> Double {
        let seconds = try measureSeconds {
            for step in 0..<steps {
                try trainStep(batch: batches[step % batches.count])
            }
        }
        return Double(steps) / seconds
    }

    /// Returns held-out ELBO evaluation throughput in patches per second.
    func evaluationPatchesPerSecond(patches: [Float], count: Int) throws -> Double {
        let seconds = try measureSeconds {
            _ = try evaluateELBO(patches: patches, count: count)
        }
        return Double(count) / seconds
    }
}
