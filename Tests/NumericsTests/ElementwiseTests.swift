import XCTest

@testable import Numerics

final class ElementwiseTests: XCTestCase {
    func testRowVectorAndColumnSums() {
        var matrix: [Float] = [1, 2, 3, 4, 5, 6]
        let vector: [Float] = [10, 20, 30]
        Elementwise.addRowVector(vector, to: &matrix, rows: 2, cols: 3)
        XCTAssertEqual(matrix, [11, 22, 33, 14, 25, 36])

        var sums: [Float] = [1, 1, 1]
        Elementwise.accumulateColumnSums(of: matrix, rows: 2, cols: 3, into: &sums)
        XCTAssertEqual(sums, [26, 48, 70])
    }

    func testAxpyAndScale() {
        var y: [Float] = [1, 1, 1, 1, 1]
        Elementwise.axpy(2, [1, 2, 3, 4, 5], &y, count: 5)
        XCTAssertEqual(y, [3, 5, 7, 9, 11])
        Elementwise.scale(&y, by: 0.5, count: 4)
        XCTAssertEqual(y, [1.5, 2.5, 3.5, 4.5, 11])
    }

    func testCopyBlockHonoursStrides() {
        let source: [Float] = [1, 2, 3, 4, 5, 6, 7, 8]
        var destination = [Float](repeating: 0, count: 6)
        // Columns 1..<3 of a 2 x 4 source into the first two columns of a 2 x 3 target.
        source.withUnsafeBufferPointer { from in
            destination.withUnsafeMutableBufferPointer { to in
                Elementwise.copyBlock(
                    from: from.baseAddress! + 1, sourceStride: 4, to: to.baseAddress!,
                    destinationStride: 3, rows: 2, cols: 2)
            }
        }
        XCTAssertEqual(destination, [2, 3, 0, 6, 7, 0])
    }

    func testFloatBufferFillAndCopy() {
        let buffer = FloatBuffer([1, 2, 3])
        XCTAssertEqual(buffer.toArray(), [1, 2, 3])
        buffer.fill(4)
        XCTAssertEqual(buffer.toArray(), [4, 4, 4])
        XCTAssertEqual(Int(bitPattern: buffer.pointer) % 64, 0, "storage is 64-byte aligned")
    }

    func testMatrixInitRejectsWrongCount() {
        XCTAssertThrowsError(try Matrix(rows: 2, cols: 2, values: [1, 2, 3]))
        let matrix = try? Matrix(rows: 2, cols: 3, values: [1, 2, 3, 4, 5, 6])
        XCTAssertEqual(matrix?.transposed().values, [1, 4, 2, 5, 3, 6])
        XCTAssertEqual(matrix?.row(1), [4, 5, 6])
    }
}
