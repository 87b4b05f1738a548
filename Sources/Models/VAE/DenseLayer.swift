import Numerics

/// A fully connected layer y = x W^T + b over a batch of rows, with its backward pass.
///
/// The weight `W` is `[outputSize, inputSize]` row-major and the bias `b` has `outputSize`
/// elements, both inside the model's flat parameter buffer; the gradients sit at the same
/// offsets in the gradient buffer.
struct DenseLayer {
    let inputSize: Int
    let outputSize: Int
    let weight: UnsafeMutablePointer<Float>
    let bias: UnsafeMutablePointer<Float>
    let weightGradient: UnsafeMutablePointer<Float>
    let biasGradient: UnsafeMutablePointer<Float>

    /// Computes `output = input W^T + b` for `rows` rows; `input` has row stride
    /// `inputStride`, `output` is contiguous.
    func forward(
        input: UnsafePointer<Float>, inputStride: Int, rows: Int,
        output: UnsafeMutablePointer<Float>
    ) {
        for i in 0..<rows {
            (output + i * outputSize).update(from: bias, count: outputSize)
        }
        BLAS.sgemm(
            transposeA: false, transposeB: true, m: rows, n: outputSize, k: inputSize,
            a: input, lda: inputStride, b: weight, ldb: inputSize,
            beta: 1, c: output, ldc: outputSize)
    }

    /// Writes (or with `accumulate` adds) the weight and bias gradients for the output
    /// gradient `outputGradient` (`rows x outputSize`): dW = dY^T X and db = column sums of dY.
    func accumulateParameterGradients(
        outputGradient: UnsafePointer<Float>, input: UnsafePointer<Float>, inputStride: Int,
        rows: Int, accumulate: Bool
    ) {
        BLAS.sgemm(
            transposeA: true, transposeB: false, m: outputSize, n: inputSize, k: rows,
            a: outputGradient, lda: outputSize, b: input, ldb: inputStride,
            beta: accumulate ? 1 : 0, c: weightGradient, ldc: inputSize)
        if !accumulate { biasGradient.update(repeating: 0, count: outputSize) }
        Elementwise.accumulateColumnSums(
            of: outputGradient, rows: rows, cols: outputSize, into: biasGradient)
    }

    /// Computes the gradient of the input columns `columns` as dX[:, columns] = dY W[:, columns]
    /// into `destination` (row stride `destinationStride`), adding when `accumulate` is set.
    func inputGradient(
        outputGradient: UnsafePointer<Float>, rows: Int, columns: Range<Int>,
        destination: UnsafeMutablePointer<Float>, destinationStride: Int, accumulate: Bool
    ) {
        BLAS.sgemm(
            transposeA: false, transposeB: false, m: rows, n: columns.count, k: outputSize,
            a: outputGradient, lda: outputSize, b: weight + columns.lowerBound, ldb: inputSize,
            beta: accumulate ? 1 : 0, c: destination, ldc: destinationStride)
    }
}
