import Data
import Foundation

/// The parameters of the Gaussian scale mixture (GSM) model of V1 simple cells of Orbán,
/// Berkes, Fiser and Lengyel (2016, Neuron 92):
///
///     x = z A y + noise,  y ~ N(0, C),  z ~ Gamma(shape k, scale theta),
///     noise ~ N(0, sigmaX^2 I)
///
/// `x` is an image patch of `pixelCount` (Dx) values in the model's input space and `y` the
/// `latentCount` (Dy) latents, one per model neuron.
public struct GSMParameters: Sendable {
    /// The layout of an image's pixels in the model's input vector.
    public enum PixelOrder: Sendable, Equatable {
        /// Pixel (row, column) at `row * width + column`, as NumPy and PyTorch flatten.
        case rowMajor
        /// Pixel (row, column) at `row + column * height`, as MATLAB's `image(:)` flattens.
        case columnMajor
    }

    /// Dx, the number of pixels of one patch.
    public var pixelCount: Int
    /// Dy, the number of latents (filters, model neurons).
    public var latentCount: Int
    /// The filter bank A, row-major Dx x Dy: filter `j` is column `j`.
    public var filters: [Double]
    /// The prior covariance C of `y`, row-major Dy x Dy (`rho` in the file).
    public var priorCovariance: [Double]
    /// The observation noise standard deviation sigmaX, in input units.
    public var noiseSD: Double
    /// The shape k of the Gamma prior of the contrast variable z (`kGam`).
    public var contrastShape: Double
    /// The scale theta of the Gamma prior of z (`thGam`); the prior mean of z is k theta.
    public var contrastScale: Double
    /// The whitening filter applied to an image before inference, row-major Dx x Dx
    /// (`wnode`), or nil when images enter the model unchanged.
    public var whitening: [Double]?
    /// The latent-to-rate map.
    public var nonlinearity: RateNonlinearity
    /// Patch width and height in pixels; their product is `pixelCount`.
    public var imageWidth: Int
    public var imageHeight: Int
    /// The layout of image pixels in `x`, for the filters and the whitening matrix.
    public var pixelOrder: PixelOrder

    /// Creates parameters and checks their shapes and values.
    ///
    /// - Throws: `GSMError.wrongShape` when a matrix has the wrong number of elements,
    ///   `GSMError.invalidValue` for a NaN, a non-positive noise or Gamma parameter, a
    ///   non-symmetric `priorCovariance` or a patch size that does not match `pixelCount`.
    public init(
        pixelCount: Int, latentCount: Int, filters: [Double], priorCovariance: [Double],
        noiseSD: Double, contrastShape: Double, contrastScale: Double,
        whitening: [Double]? = nil, nonlinearity: RateNonlinearity = .orban2016,
        imageWidth: Int, imageHeight: Int, pixelOrder: PixelOrder = .rowMajor
    ) throws {
        self.pixelCount = pixelCount
        self.latentCount = latentCount
        self.filters = filters
        self.priorCovariance = priorCovariance
        self.noiseSD = noiseSD
        self.contrastShape = contrastShape
        self.contrastScale = contrastScale
        self.whitening = whitening
        self.nonlinearity = nonlinearity
        self.imageWidth = imageWidth
        self.imageHeight = imageHeight
        self.pixelOrder = pixelOrder
        try validate()
    }

    /// Loads the parameters from a MATLAB file with the variables of Orbán et al. 2016's
    /// `model_parameters.mat`: `Dx, Dy, wnode, A, rho, sigmaX, kGam, thGam, alpha, uTh, m,
    /// beta`. Patches are square (`Dx` must be a square number) and flattened column-major,
    /// as MATLAB's `image(:)` does.
    ///
    /// - Throws: `GSMError.missingParameter` naming an absent variable,
    ///   `GSMError.wrongShape` naming a variable, its shape and the expected one, the
    ///   errors of `init`, and `DataError.unreadable` for a file that cannot be read.
    public static func load(path: String) throws -> GSMParameters {
        let file = try MATFile(path: path)
        let names = Set(file.variableNames())

        func variable(_ name: String) throws -> MATValue {
            guard names.contains(name) else {
                throw GSMError.missingParameter(name: name, path: path)
            }
            return try file.read(name)
        }
        func scalar(_ name: String) throws -> Double {
            let value = try variable(name)
            guard let number = value.scalar else {
                throw GSMError.wrongShape(name: name, found: value.dims, expected: [1, 1])
            }
            guard number.isFinite else {
                throw GSMError.invalidValue(
                    "GSM parameter '\(name)' is \(number) but must be a finite number")
            }
            return number
        }
        func count(_ name: String) throws -> Int {
            let number = try scalar(name)
            guard number >= 1, number == number.rounded(), number < 1e7 else {
                throw GSMError.invalidValue(
                    "GSM parameter '\(name)' is \(number) but must be a positive whole number")
            }
            return Int(number)
        }
        func matrix(_ name: String, rows: Int, columns: Int) throws -> [Double] {
            let value = try variable(name)
            guard let numbers = value.numbers, value.dims == [rows, columns] else {
                throw GSMError.wrongShape(name: name, found: value.dims, expected: [rows, columns])
            }
            // MATLAB stores (i, j) at i + j * rows; the model keeps matrices row-major.
            var result = [Double](repeating: 0, count: rows * columns)
            for row in 0..<rows {
                for column in 0..<columns {
                    result[row * columns + column] = numbers[row + column * rows]
                }
            }
            return result
        }

        let dx = try count("Dx")
        let dy = try count("Dy")
        let side = Int(Double(dx).squareRoot().rounded())
        guard side * side == dx else {
            throw GSMError.invalidValue(
                "\(path): Dx = \(dx) is not a square number, so the patches are not square")
        }
        let nonlinearity = RateNonlinearity(
            alpha: try scalar("alpha"), threshold: try scalar("uTh"), gain: try scalar("m"),
            exponent: try scalar("beta"))
        return try GSMParameters(
            pixelCount: dx, latentCount: dy,
            filters: try matrix("A", rows: dx, columns: dy),
            priorCovariance: try matrix("rho", rows: dy, columns: dy),
            noiseSD: try scalar("sigmaX"),
            contrastShape: try scalar("kGam"), contrastScale: try scalar("thGam"),
            whitening: try matrix("wnode", rows: dx, columns: dx),
            nonlinearity: nonlinearity,
            imageWidth: side, imageHeight: side, pixelOrder: .columnMajor)
    }

    private func validate() throws {
        guard pixelCount > 0, latentCount > 0 else {
            throw GSMError.invalidValue(
                "the GSM needs at least one pixel and one latent, got Dx = \(pixelCount) and "
                    + "Dy = \(latentCount)")
        }
        try checkMatrix("A", filters, rows: pixelCount, columns: latentCount)
        try checkMatrix("rho", priorCovariance, rows: latentCount, columns: latentCount)
        if let whitening {
            try checkMatrix("wnode", whitening, rows: pixelCount, columns: pixelCount)
        }
        for (name, value) in [
            ("sigmaX", noiseSD), ("kGam", contrastShape), ("thGam", contrastScale),
        ] where !(value > 0 && value.isFinite) {
            throw GSMError.invalidValue(
                "GSM parameter '\(name)' is \(value) but must be a positive number")
        }
        let rates = [
            nonlinearity.alpha, nonlinearity.threshold, nonlinearity.gain, nonlinearity.exponent,
        ]
        guard rates.allSatisfy(\.isFinite) else {
            throw GSMError.invalidValue(
                "the rate nonlinearity (alpha, uTh, m, beta) = \(rates) contains a NaN or "
                    + "infinity")
        }
        guard imageWidth > 0, imageHeight > 0, imageWidth * imageHeight == pixelCount else {
            throw GSMError.invalidValue(
                "a \(imageWidth)x\(imageHeight) patch does not have Dx = \(pixelCount) pixels")
        }
        try checkSymmetric(priorCovariance, n: latentCount)
    }

    private func checkMatrix(_ name: String, _ values: [Double], rows: Int, columns: Int) throws {
        guard values.count == rows * columns else {
            throw GSMError.wrongShape(
                name: name, found: [values.count], expected: [rows, columns])
        }
        if let index = values.firstIndex(where: { !$0.isFinite }) {
            throw GSMError.invalidValue(
                "GSM parameter '\(name)' has \(values[index]) at row \(index / columns + 1), "
                    + "column \(index % columns + 1)")
        }
    }

    private func checkSymmetric(_ c: [Double], n: Int) throws {
        let scale = c.reduce(0) { max($0, abs($1)) }
        for row in 0..<n {
            for column in (row + 1)..<max(n, row + 1) {
                let difference = abs(c[row * n + column] - c[column * n + row])
                if difference > 1e-8 * max(scale, 1e-300) {
                    throw GSMError.invalidValue(
                        "the prior covariance 'rho' is not symmetric: elements (\(row + 1), "
                            + "\(column + 1)) and (\(column + 1), \(row + 1)) differ by "
                            + "\(difference)")
                }
            }
        }
    }
}
