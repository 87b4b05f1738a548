import Foundation
import Numerics

/// The Gaussian scale mixture model of V1 of Orbán, Berkes, Fiser and Lengyel (2016), with
/// exact inference on a grid over the contrast variable z.
///
/// Building the model factors it once, so every posterior costs two Dy x Dy matrix
/// products. With `C = L L^T` (Cholesky) and `B = A L`, the symmetric eigendecomposition
/// `B^T B = V diag(lambda) V^T` gives, for every z and with `G = L V`:
///
///     Sigma_z = (C^-1 + z^2 / sigmaX^2 A^T A)^-1 = G diag(sigmaX^2 / (sigmaX^2 + z^2 lambda)) G^T
///     mu_z = z / sigmaX^2 Sigma_z A^T x,  and  G^T A^T x = V^T B^T x
///     log det(z^2 A C A^T + sigmaX^2 I) = Dx log sigmaX^2 + sum_i log(1 + z^2 lambda_i / sigmaX^2)
///
/// The last line is the matrix determinant lemma and the quadratic form of the likelihood
/// follows from the Woodbury identity, so the Dx x Dx covariance of x is never formed.
public final class GSMModel: Sendable {
    /// The parameters the model was built from.
    public let parameters: GSMParameters
    /// A short label for datasets and messages.
    public let name: String
    /// `G = L V`, row-major Dy x Dy.
    let mixing: [Double]
    /// `V^T B^T = V^T L^T A^T`, row-major Dy x Dx: maps an input x to `b = G^T A^T x`.
    let projection: [Double]
    /// Eigenvalues `lambda` of `B^T B`, ascending, clamped at zero.
    let eigenvalues: [Double]

    /// Builds the model and factors the prior covariance and the filter bank.
    ///
    /// - Parameter name: a label for the simulated datasets' origin.
    /// - Throws: `GSMError.invalidValue` when the prior covariance `rho` is not positive
    ///   definite or the factorisation fails.
    public init(parameters: GSMParameters, name: String = "gsm") throws {
        let dx = parameters.pixelCount
        let dy = parameters.latentCount
        let cholesky: [Double]
        do {
            cholesky = try LinearAlgebra.choleskyLower(parameters.priorCovariance, n: dy)
        } catch let error as LinearAlgebraError {
            throw GSMError.invalidValue(
                "the prior covariance 'rho' (\(dy)x\(dy)) cannot be factored: \(error)")
        }
        let b = try LinearAlgebra.multiply(
            parameters.filters, cholesky, m: dx, k: dy, n: dy)
        let gram = try LinearAlgebra.multiply(b, b, m: dy, k: dx, n: dy, transposeA: true)
        let eigen: (values: [Double], vectors: [Double])
        do {
            eigen = try LinearAlgebra.symmetricEigen(gram, n: dy)
        } catch let error as LinearAlgebraError {
            throw GSMError.invalidValue("the filter bank 'A' cannot be factored: \(error)")
        }
        self.parameters = parameters
        self.name = name
        self.eigenvalues = eigen.values.map { max($0, 0) }
        self.mixing = try LinearAlgebra.multiply(cholesky, eigen.vectors, m: dy, k: dy, n: dy)
        self.projection = try LinearAlgebra.multiply(
            eigen.vectors, b, m: dy, k: dy, n: dx, transposeA: true, transposeB: true)
    }

    /// Loads the parameters from a MATLAB file (see `GSMParameters.load(path:)`) and builds
    /// the model, named "gsm".
    public convenience init(contentsOf path: String, name: String = "gsm") throws {
        try self.init(parameters: try GSMParameters.load(path: path), name: name)
    }

    /// Dx, the number of pixels of one input patch.
    public var pixelCount: Int { parameters.pixelCount }
    /// Dy, the number of latents (model neurons).
    public var latentCount: Int { parameters.latentCount }

    /// The prior correlation matrix of `y`, row-major Dy x Dy: `C_ij / sqrt(C_ii C_jj)`.
    public var priorCorrelation: [Double] {
        GSMStatistics.correlation(fromCovariance: parameters.priorCovariance, n: latentCount)
    }

    /// Converts an image to the model's input x: reorders its pixels into
    /// `parameters.pixelOrder` and applies the whitening filter when the model has one.
    ///
    /// The authors' inference (Orbán et al. 2016, code sampling_in_gsm,
    /// `infer_u_and_z_indivzrange.m`) takes x as given and never uses `wnode`. Their README
    /// describes `wnode` as the whitening filter for preprocessing images, and the filters
    /// A are localised features of whitened patches. So every image passes through `wnode`
    /// here before inference.
    ///
    /// - Parameter image: `imageHeight x imageWidth` pixels, row-major, row 0 at the top.
    /// - Throws: `GSMError.wrongShape` for a wrong pixel count, `GSMError.invalidValue` for NaN.
    public func observation(forImage image: [Double]) throws -> [Double] {
        let width = parameters.imageWidth
        let height = parameters.imageHeight
        guard image.count == pixelCount else {
            throw GSMError.wrongShape(
                name: "image", found: [image.count], expected: [height, width])
        }
        if let index = image.firstIndex(where: { !$0.isFinite }) {
            throw GSMError.invalidValue("the image has \(image[index]) at pixel \(index)")
        }
        var ordered = image
        if parameters.pixelOrder == .columnMajor {
            for row in 0..<height {
                for column in 0..<width {
                    ordered[row + column * height] = image[row * width + column]
                }
            }
        }
        guard let whitening = parameters.whitening else { return ordered }
        return try LinearAlgebra.multiply(whitening, ordered, m: pixelCount, k: pixelCount, n: 1)
    }

    /// Computes the posterior over `y` for an image (see `observation(forImage:)`).
    public func posterior(forImage image: [Double], gridSize: Int = GSMPosterior.defaultGridSize)
        throws -> GSMPosterior
    {
        try posterior(observation: try observation(forImage: image), gridSize: gridSize)
    }

    /// Computes the posterior over `y` given an input x in the model's input space.
    ///
    /// `p(y | x) = sum_n w_n N(y; mu_n, Sigma_n)` over the z grid of `GSMPosterior`.
    /// - Throws: `GSMError.wrongShape` when x does not have Dx values,
    ///   `GSMError.invalidValue` for NaN in x, a grid of fewer than 2 points, or an x so
    ///   strong that p(z | x) peaks beyond the largest z searched.
    public func posterior(observation x: [Double], gridSize: Int = GSMPosterior.defaultGridSize)
        throws -> GSMPosterior
    {
        guard x.count == pixelCount else {
            throw GSMError.wrongShape(name: "x", found: [x.count], expected: [pixelCount, 1])
        }
        if let index = x.firstIndex(where: { !$0.isFinite }) {
            throw GSMError.invalidValue("the input x has \(x[index]) at element \(index)")
        }
        guard gridSize >= 2 else {
            throw GSMError.invalidValue("the z grid needs at least 2 points, got \(gridSize)")
        }
        let projected = try LinearAlgebra.multiply(
            projection, x, m: latentCount, k: pixelCount, n: 1)
        let squaredNorm = x.reduce(0) { $0 + $1 * $1 }
        return try GSMPosterior(
            model: self, projected: projected, squaredNorm: squaredNorm, gridSize: gridSize)
    }

    /// Evaluates the log joint density `log p(z) + log N(x; 0, z^2 A C A^T + sigmaX^2 I)`
    /// from `b = G^T A^T x` and `|x|^2`.
    func logJoint(z: Double, projected b: [Double], squaredNorm: Double) -> Double {
        let k = parameters.contrastShape
        let theta = parameters.contrastScale
        let noiseVariance = parameters.noiseSD * parameters.noiseSD
        let logPrior = (k - 1) * log(z) - z / theta - lgamma(k) - k * log(theta)

        let z2 = z * z
        var logDeterminant = Double(pixelCount) * log(noiseVariance)
        var explained = 0.0
        for i in 0..<latentCount {
            let lambda = eigenvalues[i]
            logDeterminant += log1p(z2 * lambda / noiseVariance)
            explained += b[i] * b[i] / (noiseVariance + z2 * lambda)
        }
        let quadratic = (squaredNorm - z2 * explained) / noiseVariance
        let logLikelihood =
            -0.5 * (Double(pixelCount) * log(2 * Double.pi) + logDeterminant + quadratic)
        return logPrior + logLikelihood
    }
}
