/// A dense float32 matrix stored row-major: element (i, j) is at `values[i * cols + j]`.
///
/// `Matrix` is the value type that crosses API boundaries (patch batches, decoded images,
/// posterior summaries). Hot loops work on preallocated `FloatBuffer` storage instead, so
/// that no array is copied on write.
public struct Matrix: Equatable, Sendable {
    /// Number of rows.
    public let rows: Int
    /// Number of columns.
    public let cols: Int
    /// Elements in row-major order; `values.count == rows * cols`.
    public var values: [Float]

    /// Creates a matrix with every element set to `value`.
    public init(rows: Int, cols: Int, repeating value: Float = 0) {
        self.rows = max(rows, 0)
        self.cols = max(cols, 0)
        self.values = [Float](repeating: value, count: self.rows * self.cols)
    }

    /// Creates a matrix from row-major values.
    ///
    /// - Throws: `NumericsError.shapeMismatch` when `values.count != rows * cols`.
    public init(rows: Int, cols: Int, values: [Float]) throws {
        guard rows >= 0, cols >= 0, values.count == rows * cols else {
            throw NumericsError.shapeMismatch(
                "matrix of \(rows)x\(cols) needs \(max(rows, 0) * max(cols, 0)) values, "
                    + "got \(values.count)")
        }
        self.rows = rows
        self.cols = cols
        self.values = values
    }

    /// Element (row, column).
    @inlinable
    public subscript(row: Int, column: Int) -> Float {
        get { values[row * cols + column] }
        set { values[row * cols + column] = newValue }
    }

    /// Returns the values of one row.
    public func row(_ index: Int) -> [Float] {
        Array(values[(index * cols)..<((index + 1) * cols)])
    }

    /// Returns the rows in `range` as a new matrix.
    public func rows(_ range: Range<Int>) -> Matrix {
        var result = Matrix(rows: range.count, cols: cols)
        result.values = Array(values[(range.lowerBound * cols)..<(range.upperBound * cols)])
        return result
    }

    /// Returns the transpose.
    public func transposed() -> Matrix {
        var result = Matrix(rows: cols, cols: rows)
        for i in 0..<rows {
            for j in 0..<cols {
                result.values[j * rows + i] = values[i * cols + j]
            }
        }
        return result
    }
}
