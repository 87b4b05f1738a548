import COpenBLAS

/// Errors from the double-precision LAPACK helpers.
public enum LinearAlgebraError: Error, Equatable, CustomStringConvertible, Sendable {
    /// An argument has the wrong number of elements for the stated shape.
    case shapeMismatch(String)
    /// The matrix is not positive definite: LAPACK's `dpotrf` stopped at this leading minor.
    case notPositiveDefinite(order: Int)
    /// A LAPACK routine returned a nonzero `info`.
    case lapackFailure(routine: String, info: Int)

    public var description: String {
        switch self {
        case .shapeMismatch(let message):
            return message
        case .notPositiveDefinite(let order):
            return "the matrix is not positive definite (its leading minor of order \(order) "
                + "is not positive); check that it is a covariance matrix"
        case .lapackFailure(let routine, let info):
            return "LAPACK \(routine) failed with info = \(info)"
        }
    }
}

/// Double-precision dense linear algebra on row-major `[Double]` matrices through OpenBLAS
/// and its LAPACK (`cblas_dgemm`, `dpotrf_`, `dpotri_`, `dsyev_`).
///
/// A row-major n x n buffer read by column-major LAPACK is the transpose, so symmetric
/// inputs pass unchanged and the helpers transpose results where the layout matters.
public enum LinearAlgebra {
    /// Multiplies `op(a) * op(b)` where `op(a)` is m x k and `op(b)` is k x n, all row-major.
    ///
    /// - Parameters:
    ///   - transposeA: use `a` transposed (`a` is then stored k x m).
    ///   - transposeB: use `b` transposed (`b` is then stored n x k).
    /// - Throws: `LinearAlgebraError.shapeMismatch` when a buffer has the wrong length.
    public static func multiply(
        _ a: [Double], _ b: [Double], m: Int, k: Int, n: Int,
        transposeA: Bool = false, transposeB: Bool = false
    ) throws -> [Double] {
        guard a.count == m * k, b.count == k * n, m >= 0, k >= 0, n >= 0 else {
            throw LinearAlgebraError.shapeMismatch(
                "matrix product needs \(m * k) and \(k * n) elements for (\(m)x\(k))(\(k)x\(n)), "
                    + "got \(a.count) and \(b.count)")
        }
        var c = [Double](repeating: 0, count: m * n)
        guard m > 0, n > 0, k > 0 else { return c }
        cblas_dgemm(
            CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans,
            transposeB ? CblasTrans : CblasNoTrans,
            Int32(m), Int32(n), Int32(k), 1.0, a, Int32(transposeA ? m : k),
            b, Int32(transposeB ? k : n), 0.0, &c, Int32(n))
        return c
    }

    /// Returns the lower-triangular Cholesky factor `L` (row-major) with `a = L L^T`.
    ///
    /// Reads only the symmetric matrix `a` (n x n). The strict upper part of `L` is zero.
    /// - Throws: `notPositiveDefinite` when `a` is not positive definite, `shapeMismatch` for
    ///   a buffer that is not n x n.
    public static func choleskyLower(_ a: [Double], n: Int) throws -> [Double] {
        try checkSquare(a, n: n, name: "Cholesky factorisation")
        var factor = a
        var order = Int32(n)
        var leading = Int32(max(n, 1))
        var info: Int32 = 0
        // Column-major 'U' on the row-major buffer is the row-major lower factor.
        var uplo = CChar(UInt8(ascii: "U"))
        dpotrf_(&uplo, &order, &factor, &leading, &info)
        if info > 0 { throw LinearAlgebraError.notPositiveDefinite(order: Int(info)) }
        if info < 0 { throw LinearAlgebraError.lapackFailure(routine: "dpotrf", info: Int(info)) }
        for row in 0..<n {
            for column in (row + 1)..<max(n, row + 1) { factor[row * n + column] = 0 }
        }
        return factor
    }

    /// Returns the inverse of a symmetric positive definite matrix (row-major, n x n).
    ///
    /// Factors with `dpotrf` and inverts with `dpotri`, then mirrors the computed triangle.
    /// - Throws: `notPositiveDefinite`, `lapackFailure` or `shapeMismatch`.
    public static func inverseSymmetricPositiveDefinite(_ a: [Double], n: Int) throws
        -> [Double]
    {
        try checkSquare(a, n: n, name: "inverse")
        var inverse = a
        var order = Int32(n)
        var leading = Int32(max(n, 1))
        var info: Int32 = 0
        var uplo = CChar(UInt8(ascii: "U"))
        dpotrf_(&uplo, &order, &inverse, &leading, &info)
        if info > 0 { throw LinearAlgebraError.notPositiveDefinite(order: Int(info)) }
        if info < 0 { throw LinearAlgebraError.lapackFailure(routine: "dpotrf", info: Int(info)) }
        dpotri_(&uplo, &order, &inverse, &leading, &info)
        if info != 0 { throw LinearAlgebraError.lapackFailure(routine: "dpotri", info: Int(info)) }
        // The column-major upper triangle is the row-major lower one: mirror it upwards.
        for row in 0..<n {
            for column in (row + 1)..<max(n, row + 1) {
                inverse[row * n + column] = inverse[column * n + row]
            }
        }
        return inverse
    }

    /// Returns the eigenvalues (ascending) and eigenvectors of a symmetric matrix through
    /// `dsyev`. `vectors` is row-major n x n with eigenvector `j` in column `j`.
    /// - Throws: `lapackFailure` when `dsyev` does not converge, `shapeMismatch`.
    public static func symmetricEigen(_ a: [Double], n: Int) throws
        -> (values: [Double], vectors: [Double])
    {
        try checkSquare(a, n: n, name: "eigendecomposition")
        guard n > 0 else { return ([], []) }
        var matrix = a
        var values = [Double](repeating: 0, count: n)
        var order = Int32(n)
        var leading = Int32(n)
        var info: Int32 = 0
        var jobz = CChar(UInt8(ascii: "V"))
        var uplo = CChar(UInt8(ascii: "U"))
        var query: Double = 0
        var lwork: Int32 = -1
        dsyev_(&jobz, &uplo, &order, &matrix, &leading, &values, &query, &lwork, &info)
        lwork = Int32(max(query, Double(3 * n)))
        var work = [Double](repeating: 0, count: Int(lwork))
        dsyev_(&jobz, &uplo, &order, &matrix, &leading, &values, &work, &lwork, &info)
        if info != 0 { throw LinearAlgebraError.lapackFailure(routine: "dsyev", info: Int(info)) }
        // dsyev leaves eigenvector j in column-major column j, which is row-major row j.
        var vectors = [Double](repeating: 0, count: n * n)
        for row in 0..<n {
            for column in 0..<n { vectors[row * n + column] = matrix[column * n + row] }
        }
        return (values, vectors)
    }

    /// Returns the transpose of a row-major rows x columns matrix.
    public static func transpose(_ a: [Double], rows: Int, columns: Int) -> [Double] {
        var result = [Double](repeating: 0, count: a.count)
        for row in 0..<rows {
            for column in 0..<columns { result[column * rows + row] = a[row * columns + column] }
        }
        return result
    }

    private static func checkSquare(_ a: [Double], n: Int, name: String) throws {
        guard n >= 0, a.count == n * n else {
            throw LinearAlgebraError.shapeMismatch(
                "\(name) needs a \(n)x\(n) matrix (\(n * n) elements), got \(a.count) elements")
        }
    }
}
