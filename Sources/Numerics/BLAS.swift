import COpenBLAS
import Foundation

/// Matrix products and thread control through OpenBLAS's CBLAS interface.
public enum BLAS {
    /// Sets the number of OpenBLAS worker threads for every later call in this process.
    ///
    /// Setting `OPENBLAS_NUM_THREADS` from inside the process is read too late, so this is
    /// the way to change it. Values below 1 become 1.
    public static func setThreadCount(_ count: Int) {
        openblas_set_num_threads(Int32(max(count, 1)))
    }

    /// Number of OpenBLAS worker threads currently in use.
    public static var threadCount: Int {
        Int(openblas_get_num_threads())
    }

    /// Sets the thread count to the number of active processor cores.
    public static func useAllCores() {
        setThreadCount(ProcessInfo.processInfo.activeProcessorCount)
    }

    /// Computes `C = alpha * op(A) * op(B) + beta * C` on row-major storage (`cblas_sgemm`).
    ///
    /// `op(A)` is `m x k`, `op(B)` is `k x n` and `C` is `m x n`. The leading dimensions are
    /// the row strides of the stored (untransposed) arrays, which lets callers pass a block
    /// of columns of a larger matrix. With `beta = 1` the product accumulates into `C`.
    @inlinable
    public static func sgemm(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
        alpha: Float = 1, a: UnsafePointer<Float>, lda: Int,
        b: UnsafePointer<Float>, ldb: Int,
        beta: Float = 0, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        cblas_sgemm(
            CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans,
            transposeB ? CblasTrans : CblasNoTrans,
            Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb),
            beta, c, Int32(ldc))
    }
}

extension Matrix {
    /// Computes `C = alpha * op(A) * op(B) + beta * C` into the preallocated `c`.
    ///
    /// - Throws: `NumericsError.shapeMismatch` when the operand sizes do not agree.
    public static func multiply(
        _ a: Matrix, transposeA: Bool = false, _ b: Matrix, transposeB: Bool = false,
        into c: inout Matrix, alpha: Float = 1, beta: Float = 0
    ) throws {
        let m = transposeA ? a.cols : a.rows
        let k = transposeA ? a.rows : a.cols
        let kB = transposeB ? b.cols : b.rows
        let n = transposeB ? b.rows : b.cols
        guard k == kB, c.rows == m, c.cols == n else {
            throw NumericsError.shapeMismatch(
                "cannot multiply op(A) \(m)x\(k) by op(B) \(kB)x\(n) into C \(c.rows)x\(c.cols)")
        }
        if m == 0 || n == 0 { return }
        if k == 0 {
            for i in c.values.indices { c.values[i] *= beta }
            return
        }
        a.values.withUnsafeBufferPointer { pa in
            b.values.withUnsafeBufferPointer { pb in
                c.values.withUnsafeMutableBufferPointer { pc in
                    BLAS.sgemm(
                        transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k,
                        alpha: alpha, a: pa.baseAddress!, lda: max(a.cols, 1),
                        b: pb.baseAddress!, ldb: max(b.cols, 1),
                        beta: beta, c: pc.baseAddress!, ldc: max(n, 1))
                }
            }
        }
    }

    /// Returns `op(A) * op(B)` as a new matrix.
    public static func product(
        _ a: Matrix, transposeA: Bool = false, _ b: Matrix, transposeB: Bool = false
    ) throws -> Matrix {
        var c = Matrix(rows: transposeA ? a.cols : a.rows, cols: transposeB ? b.rows : b.cols)
        try multiply(a, transposeA: transposeA, b, transposeB: transposeB, into: &c)
        return c
    }
}
