import XCTest

@testable import Numerics

final class MatrixMultiplyTests: XCTestCase {
    /// Computes alpha op(A) op(B) + beta C in double precision with a triple loop.
    private func naiveProduct(
        _ a: Matrix, transposeA: Bool, _ b: Matrix, transposeB: Bool, c: Matrix,
        alpha: Double, beta: Double
    ) -> [Double] {
        let m = c.rows
        let n = c.cols
        let k = transposeA ? a.rows : a.cols
        var result = [Double](repeating: 0, count: m * n)
        for i in 0..<m {
            for j in 0..<n {
                var sum = 0.0
                for p in 0..<k {
                    let left = transposeA ? a[p, i] : a[i, p]
                    let right = transposeB ? b[j, p] : b[p, j]
                    sum += Double(left) * Double(right)
                }
                result[i * n + j] = alpha * sum + beta * Double(c[i, j])
            }
        }
        return result
    }

    func testMultiplyMatchesNaiveLoopForAllTransposes() throws {
        var generator = RandomGenerator(seed: 42)
        let (m, n, k) = (7, 5, 9)
        for transposeA in [false, true] {
            for transposeB in [false, true] {
                let a = try Matrix(
                    rows: transposeA ? k : m, cols: transposeA ? m : k,
                    values: generator.normalArray(count: m * k))
                let b = try Matrix(
                    rows: transposeB ? n : k, cols: transposeB ? k : n,
                    values: generator.normalArray(count: k * n))
                let start = try Matrix(
                    rows: m, cols: n, values: generator.normalArray(count: m * n))
                var c = start
                try Matrix.multiply(
                    a, transposeA: transposeA, b, transposeB: transposeB, into: &c,
                    alpha: 0.7, beta: 1.3)
                let expected = naiveProduct(
                    a, transposeA: transposeA, b, transposeB: transposeB, c: start,
                    alpha: 0.7, beta: 1.3)
                for index in 0..<(m * n) {
                    XCTAssertEqual(
                        Double(c.values[index]), expected[index], accuracy: 1e-4,
                        "transposeA \(transposeA), transposeB \(transposeB), element \(index)")
                }
            }
        }
    }

    func testMultiplyRejectsMismatchedShapes() throws {
        let a = Matrix(rows: 2, cols: 3)
        let b = Matrix(rows: 4, cols: 2)
        var c = Matrix(rows: 2, cols: 2)
        XCTAssertThrowsError(try Matrix.multiply(a, b, into: &c))
    }

    func testSgemmOnColumnBlockUsesLeadingDimension() throws {
        // C (2 x 2) = A (2 x 3) times columns 1..<3 of B (3 x 4), with ldb = 4.
        let a: [Float] = [1, 2, 3, 4, 5, 6]
        let b: [Float] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]
        var c = [Float](repeating: 0, count: 4)
        a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                c.withUnsafeMutableBufferPointer { pc in
                    BLAS.sgemm(
                        transposeA: false, transposeB: false, m: 2, n: 2, k: 3,
                        a: pa.baseAddress!, lda: 3, b: pb.baseAddress! + 1, ldb: 4,
                        c: pc.baseAddress!, ldc: 2)
                }
            }
        }
        // Row 0: [1,2,3] . columns [2,6,10] and [3,7,11].
        XCTAssertEqual(c, [44, 50, 98, 113])
    }

    func testThreadCountIsSettable() {
        BLAS.setThreadCount(1)
        XCTAssertEqual(BLAS.threadCount, 1)
        BLAS.setThreadCount(0)
        XCTAssertEqual(BLAS.threadCount, 1, "a count below 1 becomes 1")
        if ProcessInfo.processInfo.activeProcessorCount >= 2 {
            BLAS.setThreadCount(2)
            XCTAssertEqual(BLAS.threadCount, 2)
        }
    }
}
