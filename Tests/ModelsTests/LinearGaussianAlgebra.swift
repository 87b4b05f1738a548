import Foundation

/// Small dense double-precision matrices for the exact linear-Gaussian references.
struct DenseMatrix {
    var rows: Int
    var cols: Int
    var values: [Double]

    init(rows: Int, cols: Int, values: [Double]? = nil) {
        self.rows = rows
        self.cols = cols
        self.values = values ?? [Double](repeating: 0, count: rows * cols)
    }

    static func identity(_ n: Int) -> DenseMatrix {
        var result = DenseMatrix(rows: n, cols: n)
        for i in 0..<n { result[i, i] = 1 }
        return result
    }

    subscript(i: Int, j: Int) -> Double {
        get { values[i * cols + j] }
        set { values[i * cols + j] = newValue }
    }

    var transposed: DenseMatrix {
        var result = DenseMatrix(rows: cols, cols: rows)
        for i in 0..<rows { for j in 0..<cols { result[j, i] = self[i, j] } }
        return result
    }

    static func * (lhs: DenseMatrix, rhs: DenseMatrix) -> DenseMatrix {
        var result = DenseMatrix(rows: lhs.rows, cols: rhs.cols)
        for i in 0..<lhs.rows {
            for j in 0..<rhs.cols {
                var sum = 0.0
                for k in 0..<lhs.cols { sum += lhs[i, k] * rhs[k, j] }
                result[i, j] = sum
            }
        }
        return result
    }

    static func + (lhs: DenseMatrix, rhs: DenseMatrix) -> DenseMatrix {
        DenseMatrix(rows: lhs.rows, cols: lhs.cols, values: zip(lhs.values, rhs.values).map(+))
    }

    static func * (scale: Double, matrix: DenseMatrix) -> DenseMatrix {
        DenseMatrix(rows: matrix.rows, cols: matrix.cols, values: matrix.values.map { scale * $0 })
    }

    func block(_ rowRange: Range<Int>, _ colRange: Range<Int>) -> DenseMatrix {
        var result = DenseMatrix(rows: rowRange.count, cols: colRange.count)
        for (i, row) in rowRange.enumerated() {
            for (j, col) in colRange.enumerated() { result[i, j] = self[row, col] }
        }
        return result
    }

    /// Inverse by Gauss-Jordan elimination with partial pivoting.
    var inverse: DenseMatrix {
        let n = rows
        var a = self
        var result = DenseMatrix.identity(n)
        for column in 0..<n {
            var pivot = column
            for row in column..<n where abs(a[row, column]) > abs(a[pivot, column]) { pivot = row }
            for j in 0..<n {
                a.values.swapAt(column * n + j, pivot * n + j)
                result.values.swapAt(column * n + j, pivot * n + j)
            }
            let scale = 1 / a[column, column]
            for j in 0..<n {
                a[column, j] *= scale
                result[column, j] *= scale
            }
            for row in 0..<n where row != column {
                let factor = a[row, column]
                for j in 0..<n {
                    a[row, j] -= factor * a[column, j]
                    result[row, j] -= factor * result[column, j]
                }
            }
        }
        return result
    }

    /// Log-determinant of a symmetric positive-definite matrix from its Cholesky factor.
    var logDeterminant: Double {
        let n = rows
        var l = DenseMatrix(rows: n, cols: n)
        for i in 0..<n {
            for j in 0...i {
                var sum = self[i, j]
                for k in 0..<j { sum -= l[i, k] * l[j, k] }
                l[i, j] = i == j ? sum.squareRoot() : sum / l[j, j]
            }
        }
        return (0..<n).reduce(0.0) { $0 + 2 * log(l[$1, $1]) }
    }

    /// Column vector from values.
    static func column(_ values: [Double]) -> DenseMatrix {
        DenseMatrix(rows: values.count, cols: 1, values: values)
    }
}

/// Log-density of x under N(mean, covariance), nats.
func gaussianLogDensity(x: [Double], mean: [Double], covariance: DenseMatrix) -> Double {
    let residual = DenseMatrix.column(zip(x, mean).map(-))
    let quadratic = (residual.transposed * covariance.inverse * residual)[0, 0]
    let n = Double(x.count)
    return -0.5 * (n * log(2 * Double.pi) + covariance.logDeterminant + quadratic)
}
