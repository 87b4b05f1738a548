import Foundation
import Numerics

extension GSMModel {
    /// Builds a GSM around a given filter bank, for example the decoder filters of a trained
    /// VAE's first latent layer (PyTorch's `Linear(Dy, Dx).weight` is already Dx x Dy).
    ///
    /// Images enter unchanged (no whitening) and pixels are row-major. Defaults:
    /// - `priorCovariance`: the identity (independent latents).
    /// - `noiseSD`: when nil, estimated from `calibrationImages` as the root of the squared
    ///   least-squares residual `x - A (A^T A)^-1 A^T x` per residual degree of freedom
    ///   (`Dx - Dy` per image). The estimate is at least 10% of the images' root mean
    ///   square pixel, which is also the value for a complete bank (`Dy >= Dx`).
    /// - `contrastShape`: 2, the value of Orbán et al. 2016.
    /// - `contrastScale`: when nil and images are given, the theta for which the model's
    ///   mean pixel power `k (k + 1) theta^2 tr(A C A^T) / Dx + sigmaX^2` equals the
    ///   images' (taken as zero-mean); without images, 2 as in Orbán et al. 2016.
    ///
    /// - Parameter filters: row-major Dx x Dy, filter `j` in column `j`, with
    ///   `Dx = imageWidth * imageHeight`.
    /// - Throws: `GSMError.invalidValue` when neither `noiseSD` nor calibration images are
    ///   given, a calibration image has the wrong size, or the estimate is not positive;
    ///   the errors of `GSMParameters.init` and `GSMModel.init(parameters:)`.
    public convenience init(
        filters: [Double], imageWidth: Int, imageHeight: Int, latentCount: Int,
        priorCovariance: [Double]? = nil, noiseSD: Double? = nil,
        calibrationImages: [[Double]] = [], contrastShape: Double = 2,
        contrastScale: Double? = nil, nonlinearity: RateNonlinearity = .orban2016,
        name: String = "gsm-filters"
    ) throws {
        let dx = imageWidth * imageHeight
        let dy = latentCount
        guard filters.count == dx * dy, dx > 0, dy > 0 else {
            throw GSMError.wrongShape(name: "filters", found: [filters.count], expected: [dx, dy])
        }
        var identity = [Double](repeating: 0, count: dy * dy)
        for i in 0..<dy { identity[i * dy + i] = 1 }
        let covariance = priorCovariance ?? identity

        for (index, image) in calibrationImages.enumerated() where image.count != dx {
            throw GSMError.invalidValue(
                "calibration image \(index) has \(image.count) pixels but the filters have "
                    + "Dx = \(dx)")
        }
        let pixelPower =
            calibrationImages.isEmpty
            ? Double.nan
            : calibrationImages.joined().reduce(0) { $0 + $1 * $1 }
                / Double(dx * calibrationImages.count)

        let sigma: Double
        if let noiseSD {
            sigma = noiseSD
        } else if !calibrationImages.isEmpty {
            let residual = try GSMModel.residualPower(
                filters: filters, dx: dx, dy: dy, images: calibrationImages)
            sigma = max(residual, 0.01 * pixelPower).squareRoot()
        } else {
            throw GSMError.invalidValue(
                "a GSM built from filters needs noiseSD or calibration images to estimate it")
        }

        var theta = contrastScale ?? 2
        if contrastScale == nil, !calibrationImages.isEmpty {
            let signal = try GSMModel.meanFilterPower(
                filters: filters, covariance: covariance, dx: dx, dy: dy)
            let k = contrastShape
            let excess = max(pixelPower - sigma * sigma, 1e-12 * pixelPower)
            theta = (excess / (k * (k + 1) * signal)).squareRoot()
        }

        let parameters = try GSMParameters(
            pixelCount: dx, latentCount: dy, filters: filters, priorCovariance: covariance,
            noiseSD: sigma, contrastShape: contrastShape, contrastScale: theta,
            whitening: nil, nonlinearity: nonlinearity,
            imageWidth: imageWidth, imageHeight: imageHeight, pixelOrder: .rowMajor)
        try self.init(parameters: parameters, name: name)
    }

    /// Returns the squared least-squares residual of the images on the filters per residual
    /// degree of freedom, `sum |x - A y_hat|^2 / (count (Dx - Dy))`, or 0 when `Dy >= Dx`. A ridge
    /// of 1e-10 times the mean diagonal of `A^T A` keeps rank-deficient banks solvable.
    private static func residualPower(
        filters: [Double], dx: Int, dy: Int, images: [[Double]]
    ) throws -> Double {
        var gram = try LinearAlgebra.multiply(
            filters, filters, m: dy, k: dx, n: dy, transposeA: true)
        let ridge = 1e-10 * (0..<dy).reduce(0) { $0 + gram[$1 * dy + $1] } / Double(dy)
        for i in 0..<dy { gram[i * dy + i] += max(ridge, 1e-300) }
        let inverse = try LinearAlgebra.inverseSymmetricPositiveDefinite(gram, n: dy)
        let x = Array(images.joined())
        let count = images.count
        // Columns of X are images: X is Dx x count, stored from row-major count x Dx.
        let projected = try LinearAlgebra.multiply(
            x, filters, m: count, k: dx, n: dy)  // count x Dy = X^T A
        let coefficients = try LinearAlgebra.multiply(
            projected, inverse, m: count, k: dy, n: dy)  // count x Dy
        let reconstruction = try LinearAlgebra.multiply(
            coefficients, filters, m: count, k: dy, n: dx, transposeB: true)  // count x Dx
        let total = zip(x, reconstruction).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
        guard dx > dy else { return 0 }
        return total / Double((dx - dy) * count)
    }

    /// Returns `tr(A C A^T) / Dx`, the mean pixel power the filters give a unit z.
    private static func meanFilterPower(
        filters: [Double], covariance: [Double], dx: Int, dy: Int
    ) throws -> Double {
        let ac = try LinearAlgebra.multiply(filters, covariance, m: dx, k: dy, n: dy)
        let trace = zip(ac, filters).reduce(0) { $0 + $1.0 * $1.1 }
        guard trace > 0 else {
            throw GSMError.invalidValue("the filters are all zero, so the model explains nothing")
        }
        return trace / Double(dx)
    }
}
