import XCTest

@testable import Numerics

final class LinearAlgebraTests: XCTestCase {
    func testMultiplyByHand() throws {
        let a: [Double] = [1, 2, 3, 4, 5, 6]  // 2 x 3
        let b: [Double] = [7, 8, 9, 10, 11, 12]  // 3 x 2
        XCTAssertEqual(try LinearAlgebra.multiply(a, b, m: 2, k: 3, n: 2), [58, 64, 139, 154])
        // a^T a is 3 x 3.
        XCTAssertEqual(
            try LinearAlgebra.multiply(a, a, m: 3, k: 2, n: 3, transposeA: true),
            [17, 22, 27, 22, 29, 36, 27, 36, 45])
        XCTAssertEqual(
            try LinearAlgebra.multiply(a, a, m: 2, k: 3, n: 2, transposeB: true), [14, 32, 32, 77])
        XCTAssertThrowsError(try LinearAlgebra.multiply(a, b, m: 2, k: 2, n: 2))
    }

    func testCholeskyAndInverseByHand() throws {
        let a: [Double] = [4, 2, 2, 3]
        let factor = try LinearAlgebra.choleskyLower(a, n: 2)
        XCTAssertEqual(factor[0], 2, accuracy: 1e-15)
        XCTAssertEqual(factor[1], 0)
        XCTAssertEqual(factor[2], 1, accuracy: 1e-15)
        XCTAssertEqual(factor[3], 2.0.squareRoot(), accuracy: 1e-15)
        let inverse = try LinearAlgebra.inverseSymmetricPositiveDefinite(a, n: 2)
        for (actual, expected) in zip(inverse, [3.0 / 8, -2.0 / 8, -2.0 / 8, 4.0 / 8]) {
            XCTAssertEqual(actual, expected, accuracy: 1e-15)
        }
        XCTAssertThrowsError(try LinearAlgebra.choleskyLower([1, 2, 2, 1], n: 2)) { error in
            XCTAssertEqual(error as? LinearAlgebraError, .notPositiveDefinite(order: 2))
        }
    }

    func testSymmetricEigenByHand() throws {
        let eigen = try LinearAlgebra.symmetricEigen([2, 1, 1, 2], n: 2)
        XCTAssertEqual(eigen.values[0], 1, accuracy: 1e-14)
        XCTAssertEqual(eigen.values[1], 3, accuracy: 1e-14)
        // Column 1 is (1, 1) / sqrt(2) up to sign.
        XCTAssertEqual(abs(eigen.vectors[1]), 0.5.squareRoot(), accuracy: 1e-14)
        XCTAssertEqual(eigen.vectors[1], eigen.vectors[3], accuracy: 1e-14)
        XCTAssertEqual(eigen.vectors[0], -eigen.vectors[2], accuracy: 1e-14)
    }
}
