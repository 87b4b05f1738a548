/// Elementwise and row-broadcast loops over raw float32 storage.
///
/// Each helper is a single pass the compiler vectorises in release builds; they take
/// pointers so callers can run them on preallocated buffers without allocating.
public enum Elementwise {
    /// Adds `vector` (length `cols`) to every row of the `rows x cols` row-major `matrix`.
    @inlinable
    public static func addRowVector(
        _ vector: UnsafePointer<Float>, to matrix: UnsafeMutablePointer<Float>,
        rows: Int, cols: Int
    ) {
        for i in 0..<rows {
            let row = matrix + i * cols
            for j in 0..<cols { row[j] += vector[j] }
        }
    }

    /// Adds the column sums of the `rows x cols` row-major `matrix` into `sums` (length
    /// `cols`), the bias gradient of a dense layer.
    @inlinable
    public static func accumulateColumnSums(
        of matrix: UnsafePointer<Float>, rows: Int, cols: Int,
        into sums: UnsafeMutablePointer<Float>
    ) {
        for i in 0..<rows {
            let row = matrix + i * cols
            for j in 0..<cols { sums[j] += row[j] }
        }
    }

    /// Computes `y += alpha * x` over `count` elements.
    @inlinable
    public static func axpy(
        _ alpha: Float, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int
    ) {
        for i in 0..<count { y[i] += alpha * x[i] }
    }

    /// Multiplies `count` elements of `x` by `alpha` in place.
    @inlinable
    public static func scale(_ x: UnsafeMutablePointer<Float>, by alpha: Float, count: Int) {
        for i in 0..<count { x[i] *= alpha }
    }

    /// Copies a `rows x cols` block between row-major arrays with the given row strides.
    @inlinable
    public static func copyBlock(
        from source: UnsafePointer<Float>, sourceStride: Int,
        to destination: UnsafeMutablePointer<Float>, destinationStride: Int,
        rows: Int, cols: Int
    ) {
        for i in 0..<rows {
            (destination + i * destinationStride).update(
                from: source + i * sourceStride, count: cols)
        }
    }
}
