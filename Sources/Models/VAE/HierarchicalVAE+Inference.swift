import Foundation
import Numerics

/// Posterior summaries of a batch of patches, one row per patch.
public struct PosteriorSummary: Equatable, Sendable {
    /// Mean of q(z2 | x), `patches x z2Size`.
    public var z2Mean: Matrix
    /// Variance of q(z2 | x), `patches x z2Size`.
    public var z2Variance: Matrix
    /// Mean of q(z1 | x, z2) at z2 = the mean of q(z2 | x), `patches x z1Size`.
    public var z1Mean: Matrix
    /// Variance of q(z1 | x, z2) at z2 = the mean of q(z2 | x), `patches x z1Size`.
    public var z1Variance: Matrix
}

extension HierarchicalVAE {
    /// Estimates the ELBO terms averaged over `patches`, nats per patch.
    ///
    /// The reconstruction and KL1 terms average `samples` draws of (z2, z1) per patch; KL2 is
    /// analytic. The noise comes from a generator seeded with `seed`, so the estimate is
    /// repeatable and the training noise stream is untouched.
    ///
    /// - Throws: `VAEError.shapeMismatch` or `.nonFinite` for bad patches, and
    ///   `VAEError.invalidConfiguration` when `samples < 1`.
    public func evaluate(patches: Matrix, samples: Int = 1, seed: UInt64 = 0) throws -> ELBOTerms {
        let rows = try evaluatePerPatch(patches: patches, samples: samples, seed: seed)
        var total = ELBOTerms(reconstruction: 0, klZ2: 0, klZ1: 0)
        for terms in rows {
            total.reconstruction += terms.reconstruction
            total.klZ2 += terms.klZ2
            total.klZ1 += terms.klZ1
        }
        let n = Double(rows.count)
        return ELBOTerms(
            reconstruction: total.reconstruction / n, klZ2: total.klZ2 / n, klZ1: total.klZ1 / n)
    }

    /// Estimates the ELBO terms of each patch separately, nats; see `evaluate`.
    public func evaluatePerPatch(patches: Matrix, samples: Int = 1, seed: UInt64 = 0) throws
        -> [ELBOTerms]
    {
        try checkPatches(patches)
        guard samples >= 1 else {
            throw VAEError.invalidConfiguration("samples must be at least 1, got \(samples)")
        }
        var generator = RandomGenerator(seed: seed)
        var result: [ELBOTerms] = []
        result.reserveCapacity(patches.rows)
        for start in stride(from: 0, to: patches.rows, by: capacity) {
            let rows = min(capacity, patches.rows - start)
            var sums = [ELBOTerms](
                repeating: ELBOTerms(reconstruction: 0, klZ2: 0, klZ1: 0), count: rows)
            for _ in 0..<samples {
                generator.fillNormal(
                    UnsafeMutableBufferPointer(
                        start: noiseZ2.pointer, count: rows * configuration.z2Size))
                generator.fillNormal(
                    UnsafeMutableBufferPointer(
                        start: noiseZ1.pointer, count: rows * configuration.z1Size))
                patches.values.withUnsafeBufferPointer { x in
                    runPass(
                        x: x.baseAddress! + start * configuration.inputSize, rows: rows,
                        computeGradients: false)
                }
                for row in 0..<rows {
                    sums[row].reconstruction += Double(rowReconstruction.pointer[row])
                    sums[row].klZ2 += Double(rowKLZ2.pointer[row])
                    sums[row].klZ1 += Double(rowKLZ1.pointer[row])
                }
            }
            let n = Double(samples)
            for terms in sums {
                result.append(
                    ELBOTerms(
                        reconstruction: terms.reconstruction / n, klZ2: terms.klZ2 / n,
                        klZ1: terms.klZ1 / n))
            }
        }
        return result
    }

    /// Returns the posterior means and variances of z2 and z1 for `patches`.
    ///
    /// z1's posterior depends on z2; it is reported at z2 = the posterior mean of z2.
    ///
    /// - Throws: `VAEError.shapeMismatch` or `.nonFinite` for bad patches.
    public func encode(patches: Matrix) throws -> PosteriorSummary {
        try checkPatches(patches)
        let c = configuration
        var summary = PosteriorSummary(
            z2Mean: Matrix(rows: patches.rows, cols: c.z2Size),
            z2Variance: Matrix(rows: patches.rows, cols: c.z2Size),
            z1Mean: Matrix(rows: patches.rows, cols: c.z1Size),
            z1Variance: Matrix(rows: patches.rows, cols: c.z1Size))
        for start in stride(from: 0, to: patches.rows, by: capacity) {
            let rows = min(capacity, patches.rows - start)
            noiseZ2.fill(0)
            noiseZ1.fill(0)
            patches.values.withUnsafeBufferPointer { x in
                runPass(
                    x: x.baseAddress! + start * c.inputSize, rows: rows, computeGradients: false)
            }
            for row in 0..<rows {
                for j in 0..<c.z2Size {
                    let base = row * 2 * c.z2Size
                    summary.z2Mean[start + row, j] = encoderZ2.output[base + j]
                    summary.z2Variance[start + row, j] =
                        Foundation.exp(encoderZ2.output[base + c.z2Size + j])
                }
                for j in 0..<c.z1Size {
                    let base = row * 2 * c.z1Size
                    summary.z1Mean[start + row, j] = encoderZ1.output[base + j]
                    summary.z1Variance[start + row, j] =
                        Foundation.exp(encoderZ1.output[base + c.z1Size + j])
                }
            }
        }
        return summary
    }

    /// Returns the decoder mean E[x | z1] for each row of `z1` (`rows x z1Size`), as
    /// `rows x inputSize` pixels.
    ///
    /// - Throws: `VAEError.shapeMismatch` when `z1` has the wrong width.
    public func decode(z1 latents: Matrix) throws -> Matrix {
        guard latents.cols == configuration.z1Size else {
            throw VAEError.shapeMismatch(
                "z1 has \(latents.cols) units, the model has \(configuration.z1Size)")
        }
        return runNetwork(decoder, on: latents)
    }

    /// Returns the mean and variance of p(z1 | z2) for each row of `z2` (`rows x z2Size`).
    ///
    /// - Throws: `VAEError.shapeMismatch` when `z2` has the wrong width.
    public func conditionalPrior(z2 latents: Matrix) throws -> (mean: Matrix, variance: Matrix) {
        let z1Size = configuration.z1Size
        guard latents.cols == configuration.z2Size else {
            throw VAEError.shapeMismatch(
                "z2 has \(latents.cols) units, the model has \(configuration.z2Size)")
        }
        let output = runNetwork(priorZ1, on: latents)
        var mean = Matrix(rows: latents.rows, cols: z1Size)
        var variance = Matrix(rows: latents.rows, cols: z1Size)
        for row in 0..<latents.rows {
            for j in 0..<z1Size {
                mean[row, j] = output[row, j]
                variance[row, j] = Foundation.exp(output[row, z1Size + j])
            }
        }
        return (mean, variance)
    }

    /// Runs one network on every row of `input`, in chunks of the workspace size.
    private func runNetwork(_ network: MultilayerPerceptron, on input: Matrix) -> Matrix {
        var result = Matrix(rows: input.rows, cols: network.outputSize)
        for start in stride(from: 0, to: input.rows, by: capacity) {
            let rows = min(capacity, input.rows - start)
            input.values.withUnsafeBufferPointer { source in
                network.forward(
                    input: source.baseAddress! + start * input.cols, inputStride: input.cols,
                    rows: rows)
            }
            for index in 0..<(rows * network.outputSize) {
                result.values[start * network.outputSize + index] = network.output[index]
            }
        }
        return result
    }
}
