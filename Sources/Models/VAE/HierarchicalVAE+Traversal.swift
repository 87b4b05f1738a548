import Foundation
import Numerics

/// A latent layer of the hierarchical VAE.
public enum LatentLayer: String, Codable, Sendable {
    /// The lower layer, read by the decoder (the V1 stand-in).
    case z1
    /// The top layer, with the standard normal prior (the V2 stand-in).
    case z2
}

/// Decoded images along one latent unit, for a traversal view.
public struct LatentTraversal: Equatable, Sendable {
    /// The layer of the traversed unit.
    public var layer: LatentLayer
    /// Index of the traversed unit in its layer.
    public var unit: Int
    /// Offsets from the centre in standard deviations, one per image.
    public var offsets: [Float]
    /// The unit's value at the centre.
    public var centre: Float
    /// The standard deviation the offsets are measured in.
    public var standardDeviation: Float
    /// Decoded mean images, one row per offset, `offsets.count x inputSize`.
    public var images: Matrix
}

extension HierarchicalVAE {
    /// Decodes images along one latent unit from -3 to +3 standard deviations around a centre.
    ///
    /// With a `patch`, the centre is the patch's posterior mean and the standard deviation
    /// the posterior one (for z1, at z2 = the posterior mean of z2). Without one, the centre
    /// is the prior mean: z2 = 0 with s.d. 1, or for z1 the mean and s.d. of p(z1 | z2 = 0).
    /// The other units stay at the centre. A z2 value is decoded through the mean of
    /// p(z1 | z2), then the decoder.
    ///
    /// - Throws: `VAEError.shapeMismatch` for a bad unit index or patch size, and
    ///   `VAEError.invalidConfiguration` when `steps < 2`.
    public func traverse(
        layer: LatentLayer, unit: Int, patch: [Float]? = nil, steps: Int = 7
    ) throws -> LatentTraversal {
        let c = configuration
        let size = layer == .z1 ? c.z1Size : c.z2Size
        guard (0..<size).contains(unit) else {
            throw VAEError.shapeMismatch(
                "unit \(unit) is outside layer \(layer.rawValue), which has units 0..<\(size)")
        }
        guard steps >= 2 else {
            throw VAEError.invalidConfiguration("a traversal needs at least 2 steps, got \(steps)")
        }

        var centre: [Float]
        var deviation: [Float]
        if let patch {
            let summary = try encode(patches: Matrix(rows: 1, cols: patch.count, values: patch))
            centre = layer == .z1 ? summary.z1Mean.values : summary.z2Mean.values
            deviation = (layer == .z1 ? summary.z1Variance.values : summary.z2Variance.values)
                .map { $0.squareRoot() }
        } else if layer == .z2 {
            centre = [Float](repeating: 0, count: c.z2Size)
            deviation = [Float](repeating: 1, count: c.z2Size)
        } else {
            let prior = try conditionalPrior(z2: Matrix(rows: 1, cols: c.z2Size))
            centre = prior.mean.values
            deviation = prior.variance.values.map { $0.squareRoot() }
        }

        let offsets = (0..<steps).map { -3 + 6 * Float($0) / Float(steps - 1) }
        var latents = Matrix(rows: steps, cols: size)
        for (row, offset) in offsets.enumerated() {
            for j in 0..<size { latents[row, j] = centre[j] }
            latents[row, unit] = centre[unit] + offset * deviation[unit]
        }
        let z1 = layer == .z1 ? latents : try conditionalPrior(z2: latents).mean
        return LatentTraversal(
            layer: layer, unit: unit, offsets: offsets, centre: centre[unit],
            standardDeviation: deviation[unit], images: try decode(z1: z1))
    }

    /// Returns the decoder's receptive field of every z1 unit, `z1Size x inputSize`.
    ///
    /// For the linear decoder x = A z1 + a, row j is column j of A. For the MLP decoder,
    /// which has no single field per unit, row j is decode(m + e_j) - decode(m) with m the
    /// mean of p(z1 | z2 = 0) and e_j a unit step in z1_j: the change of the decoded image
    /// for one unit of z1_j around the prior mean.
    public func receptiveFields() throws -> Matrix {
        let c = configuration
        var fields = Matrix(rows: c.z1Size, cols: c.inputSize)
        if c.decoderForm == .linear {
            let weight = try tensor(named: "decoder.layers.0.weight")
            for j in 0..<c.z1Size {
                for pixel in 0..<c.inputSize { fields[j, pixel] = weight[pixel * c.z1Size + j] }
            }
            return fields
        }
        let base = try conditionalPrior(z2: Matrix(rows: 1, cols: c.z2Size)).mean
        var latents = Matrix(rows: c.z1Size + 1, cols: c.z1Size)
        for row in 0...c.z1Size {
            for j in 0..<c.z1Size { latents[row, j] = base[0, j] }
            if row < c.z1Size { latents[row, row] += 1 }
        }
        let images = try decode(z1: latents)
        for j in 0..<c.z1Size {
            for pixel in 0..<c.inputSize {
                fields[j, pixel] = images[j, pixel] - images[c.z1Size, pixel]
            }
        }
        return fields
    }
}
