import Data
import Foundation
import Models
import Numerics

/// The ELBO of a model on held-out patches, in total and patch by patch, with each patch's
/// reconstruction.
public struct HeldOutBreakdown: Sendable {
    /// Side of the patches, pixels.
    public var patchSide: Int
    /// The held-out patches, one flattened patch a row.
    public var patches: Matrix
    /// Decoder means at the posterior means, decode(E[z1 | x, E[z2 | x]]), one per patch.
    public var reconstructions: Matrix
    /// Each patch's ELBO terms, nats.
    public var perPatch: [ELBOTerms]
    /// The mean of `perPatch`, nats per patch.
    public var mean: ELBOTerms
    /// Adam updates the model had made.
    public var step: Int
}

/// Held-out patches and their ELBO, shared by `cortexscope elbo`, `cortexscope train` and
/// the model screen so that all three report the same numbers.
public enum HeldOutEvaluation {
    /// Held-out patches drawn for `configuration`: 16 x 16 (or the configuration's side)
    /// whitened, contrast-normalised patches of the held-out quarter of the images in
    /// `folder`, chosen by the sampler seeded with `configuration.seed`.
    ///
    /// - Throws: the `DataError` of reading the images or of a folder with one image, and
    ///   `TrainingError.invalidRequest` for a non-square input size.
    public static func patches(folder: String, configuration: VAEConfiguration, count: Int)
        throws -> Matrix
    {
        let sampler = try sampler(folder: folder, configuration: configuration)
        let values = try sampler.fixedHeldOutPatches(count: count)
        return try Matrix(rows: count, cols: sampler.patchSize, values: values)
    }

    /// The patch sampler a model of `configuration` trains on.
    public static func sampler(folder: String, configuration: VAEConfiguration) throws
        -> PatchSampler
    {
        let side = try LoadedModel.patchSide(of: configuration)
        return try PatchSampler(
            folder: folder,
            configuration: PatchSampler.Configuration(patchSide: side, seed: configuration.seed))
    }

    /// Evaluates `model` on `patches` with one noise sample per patch and noise seed 0, the
    /// estimate `VAETrainer.evaluateHeldOut` makes.
    public static func breakdown(model: LoadedModel, patches: Matrix) throws -> HeldOutBreakdown {
        try model.withModel { vae in
            let perPatch = try vae.evaluatePerPatch(patches: patches, samples: 1, seed: 0)
            let posterior = try vae.encode(patches: patches)
            let reconstructions = try vae.decode(z1: posterior.z1Mean)
            var sum = ELBOTerms(reconstruction: 0, klZ2: 0, klZ1: 0)
            for terms in perPatch {
                sum.reconstruction += terms.reconstruction
                sum.klZ2 += terms.klZ2
                sum.klZ1 += terms.klZ1
            }
            let n = Double(max(1, perPatch.count))
            return HeldOutBreakdown(
                patchSide: try LoadedModel.patchSide(of: vae.configuration),
                patches: patches, reconstructions: reconstructions, perPatch: perPatch,
                mean: ELBOTerms(
                    reconstruction: sum.reconstruction / n, klZ2: sum.klZ2 / n,
                    klZ1: sum.klZ1 / n),
                step: vae.step)
        }
    }
}
