import Foundation
import Numerics

/// The posterior `p(y | x)` of the GSM: a mixture over a grid of z values of Gaussians
/// `N(mu_z, Sigma_z)`, with `Sigma_z = (C^-1 + z^2 / sigmaX^2 A^T A)^-1` and
/// `mu_z = z / sigmaX^2 Sigma_z A^T x` (Orbán et al. 2016, code sampling_in_gsm,
/// `infer_u_and_z_indivzrange.m`).
///
/// The grid, chosen for each input:
/// 1. `log p(z, x)` is evaluated at 141 geometrically spaced z from `1e-4 k theta` to
///    `1e3 k theta` (neighbours differ by a factor of about 1.12).
/// 2. The range runs from the coarse point below the first to the coarse point above the
///    last of those within `log(1e4)` of the maximum.
/// 3. `gridSize` points (100 by default) are spaced linearly over that range, and the
///    weights are `p(z_n, x)` normalised to sum to 1, so each point carries an equal share
///    of the range.
///
/// The authors' code also spaces 100 points linearly, but bounds the range where
/// `p(z | x)` has fallen to 1/1000 of its maximum found by `fmincon`. The coarse search
/// here gives the same kind of range without an optimiser, and a reference
/// implementation can reproduce it exactly.
public struct GSMPosterior: Sendable {
    /// The default number of z grid points, as in the authors' code.
    public static let defaultGridSize = 100
    /// Bounds of the coarse search, as multiples of the prior mean `k theta`.
    static let coarseRange = (low: 1e-4, high: 1e3)
    static let coarseCount = 141
    /// The range keeps z whose `log p(z, x)` is within `log(rangeRatio)` of the maximum.
    static let rangeRatio = 1e4

    /// The z grid, ascending.
    public let zGrid: [Double]
    /// `p(z_n | x)` on the grid, summing to 1.
    public let zWeights: [Double]
    /// The posterior mean of y (Dy values).
    public let mean: [Double]
    /// The posterior covariance of y, row-major Dy x Dy (the mixture's total covariance).
    public let covariance: [Double]
    /// The posterior mean of z, `sum_n w_n z_n`.
    public var meanZ: Double { zip(zGrid, zWeights).reduce(0) { $0 + $1.0 * $1.1 } }

    private let model: GSMModel
    /// Per grid point n and eigen-direction i: `d_ni = sigmaX^2 / (sigmaX^2 + z_n^2 lambda_i)`.
    private let shrinkage: [Double]
    /// Per grid point n: the component mean in eigen-coordinates, `z_n / sigmaX^2 d_n * b`.
    private let componentMeans: [Double]
    private let cumulativeWeights: [Double]

    init(model: GSMModel, projected b: [Double], squaredNorm: Double, gridSize: Int) throws {
        let dy = model.latentCount
        let grid = try GSMPosterior.grid(
            model: model, projected: b, squaredNorm: squaredNorm, count: gridSize)
        let logJoint = grid.map { model.logJoint(z: $0, projected: b, squaredNorm: squaredNorm) }
        let peak = logJoint.max() ?? 0
        var weights = logJoint.map { exp($0 - peak) }
        let total = weights.reduce(0, +)
        weights = weights.map { $0 / total }

        let noiseVariance = model.parameters.noiseSD * model.parameters.noiseSD
        var shrinkage = [Double](repeating: 0, count: gridSize * dy)
        var means = [Double](repeating: 0, count: gridSize * dy)
        var mixtureMean = [Double](repeating: 0, count: dy)
        var meanShrinkage = [Double](repeating: 0, count: dy)
        for (n, z) in grid.enumerated() {
            for i in 0..<dy {
                let d = noiseVariance / (noiseVariance + z * z * model.eigenvalues[i])
                let componentMean = z / noiseVariance * d * b[i]
                shrinkage[n * dy + i] = d
                means[n * dy + i] = componentMean
                mixtureMean[i] += weights[n] * componentMean
                meanShrinkage[i] += weights[n] * d
            }
        }

        // Mixture covariance in eigen-coordinates: sum_n w_n (diag(d_n) + (m_n - m)(m_n - m)^T),
        // centred to avoid cancellation; then rotated back with G.
        var deviations = [Double](repeating: 0, count: gridSize * dy)
        for n in 0..<gridSize {
            let scale = weights[n].squareRoot()
            for i in 0..<dy {
                deviations[n * dy + i] = scale * (means[n * dy + i] - mixtureMean[i])
            }
        }
        var inner = try LinearAlgebra.multiply(
            deviations, deviations, m: dy, k: gridSize, n: dy, transposeA: true)
        for i in 0..<dy { inner[i * dy + i] += meanShrinkage[i] }
        let rotated = try LinearAlgebra.multiply(model.mixing, inner, m: dy, k: dy, n: dy)

        self.model = model
        self.zGrid = grid
        self.zWeights = weights
        self.shrinkage = shrinkage
        self.componentMeans = means
        self.mean = try LinearAlgebra.multiply(model.mixing, mixtureMean, m: dy, k: dy, n: 1)
        self.covariance = try LinearAlgebra.multiply(
            rotated, model.mixing, m: dy, k: dy, n: dy, transposeB: true)
        var running = 0.0
        self.cumulativeWeights = weights.map {
            running += $0
            return running
        }
    }

    /// The posterior variances of y, the diagonal of `covariance`.
    public var variance: [Double] {
        let dy = mean.count
        return (0..<dy).map { covariance[$0 * dy + $0] }
    }

    /// The posterior correlation matrix of y, row-major Dy x Dy.
    public var correlation: [Double] {
        GSMStatistics.correlation(fromCovariance: covariance, n: mean.count)
    }

    /// Draws `count` samples of y: z from the grid weights, then
    /// `y = G (m_z + sqrt(d_z) * epsilon)` with standard normal epsilon, which is
    /// `N(mu_z, Sigma_z)` because `Sigma_z = G diag(d_z) G^T`.
    ///
    /// - Returns: `count` x Dy values, row-major (sample `s` in row `s`).
    public func samples<R: RandomNumberGenerator>(count: Int, using rng: inout R) -> [Double] {
        let dy = mean.count
        guard count > 0 else { return [] }
        var coordinates = [Double](repeating: 0, count: count * dy)
        for s in 0..<count {
            let n = GSMSampling.categorical(cumulativeWeights, using: &rng)
            for i in 0..<dy {
                let noise = GSMSampling.standardNormal(using: &rng)
                coordinates[s * dy + i] =
                    componentMeans[n * dy + i] + shrinkage[n * dy + i].squareRoot() * noise
            }
        }
        // Shapes agree by construction, so the product cannot throw.
        return
            (try? LinearAlgebra.multiply(
                coordinates, model.mixing, m: count, k: dy, n: dy, transposeB: true)) ?? []
    }

    /// Builds the z grid for one input by the rule in the type's documentation.
    static func grid(model: GSMModel, projected b: [Double], squaredNorm: Double, count: Int)
        throws -> [Double]
    {
        let priorMean = model.parameters.contrastShape * model.parameters.contrastScale
        let low = log(coarseRange.low * priorMean)
        let high = log(coarseRange.high * priorMean)
        let coarse = (0..<coarseCount).map {
            exp(low + (high - low) * Double($0) / Double(coarseCount - 1))
        }
        let values = coarse.map { model.logJoint(z: $0, projected: b, squaredNorm: squaredNorm) }
        guard let peak = values.max(), peak.isFinite else {
            throw GSMError.invalidValue("p(z | x) could not be evaluated on the z grid")
        }
        guard let peakIndex = values.firstIndex(of: peak), peakIndex < coarseCount - 1 else {
            throw GSMError.invalidValue(
                "p(z | x) peaks above z = \(coarse[coarseCount - 1]); the input is too strong "
                    + "for this model: scale it down")
        }
        let floor = peak - log(rangeRatio)
        let first = values.firstIndex { $0 >= floor } ?? peakIndex
        let last = values.lastIndex { $0 >= floor } ?? peakIndex
        let zMin = coarse[max(first - 1, 0)]
        let zMax = coarse[min(last + 1, coarseCount - 1)]
        return (0..<count).map { zMin + (zMax - zMin) * Double($0) / Double(count - 1) }
    }
}
