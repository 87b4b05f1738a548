import Foundation
import Numerics

/// Correlation helpers shared by the GSM and its experiments.
public enum GSMStatistics {
    /// Returns the correlation matrix `S_ij / sqrt(S_ii S_jj)` of a row-major n x n covariance.
    /// A zero variance gives NaN in that row and column.
    public static func correlation(fromCovariance covariance: [Double], n: Int) -> [Double] {
        let scale = (0..<n).map { covariance[$0 * n + $0].squareRoot() }
        var result = covariance
        for row in 0..<n {
            for column in 0..<n {
                result[row * n + column] =
                    covariance[row * n + column] / (scale[row] * scale[column])
            }
        }
        return result
    }

    /// Returns the off-diagonal elements above the diagonal of a row-major n x n matrix, row by row.
    public static func upperTriangle(_ matrix: [Double], n: Int) -> [Double] {
        var result: [Double] = []
        result.reserveCapacity(n * (n - 1) / 2)
        for row in 0..<n {
            for column in (row + 1)..<max(n, row + 1) { result.append(matrix[row * n + column]) }
        }
        return result
    }

    /// Returns the Pearson correlation of two equally long series, skipping pairs with a NaN.
    /// Returns NaN for fewer than 2 pairs or a series without variance.
    public static func pearson(_ a: [Double], _ b: [Double]) -> Double {
        var pairs: [(Double, Double)] = []
        for (x, y) in zip(a, b) where !x.isNaN && !y.isNaN { pairs.append((x, y)) }
        guard pairs.count >= 2 else { return .nan }
        let count = Double(pairs.count)
        let meanA = pairs.reduce(0) { $0 + $1.0 } / count
        let meanB = pairs.reduce(0) { $0 + $1.1 } / count
        var covariance = 0.0
        var varianceA = 0.0
        var varianceB = 0.0
        for (x, y) in pairs {
            covariance += (x - meanA) * (y - meanB)
            varianceA += (x - meanA) * (x - meanA)
            varianceB += (y - meanB) * (y - meanB)
        }
        guard varianceA > 0, varianceB > 0 else { return .nan }
        return covariance / (varianceA * varianceB).squareRoot()
    }

    /// Returns the sample covariance (divisor count - 1) of row-major `count` x n samples, NaN for
    /// fewer than 2 samples.
    public static func sampleCovariance(_ samples: [Double], count: Int, n: Int) -> [Double] {
        guard count >= 2, samples.count == count * n else {
            return [Double](repeating: .nan, count: n * n)
        }
        var mean = [Double](repeating: 0, count: n)
        for s in 0..<count {
            for i in 0..<n { mean[i] += samples[s * n + i] }
        }
        mean = mean.map { $0 / Double(count) }
        var centred = samples
        for s in 0..<count {
            for i in 0..<n { centred[s * n + i] -= mean[i] }
        }
        // Shapes agree by construction, so the product cannot throw.
        let scatter =
            (try? LinearAlgebra.multiply(centred, centred, m: n, k: count, n: n, transposeA: true))
            ?? [Double](repeating: .nan, count: n * n)
        return scatter.map { $0 / Double(count - 1) }
    }
}
