import XCTest

@testable import Numerics

final class AdamTests: XCTestCase {
    func testTwoStepsOnQuadraticMatchHandComputation() {
        // Loss 0.5 * (p - 3)^2, gradient p - 3, from p = 1 with lr 0.1.
        let adam = Adam(
            parameterCount: 1, learningRate: 0.1, beta1: 0.9, beta2: 0.999, epsilon: 1e-8)
        var parameter: [Float] = [1]
        var gradient: [Float] = [parameter[0] - 3]
        adam.update(parameters: &parameter, gradients: gradient)
        // Step 1: m = 0.1 * -2 = -0.2, v = 0.001 * 4 = 0.004; m_hat = -2, v_hat = 4;
        // p = 1 - 0.1 * (-2) / (2 + 1e-8) = 1.1.
        XCTAssertEqual(parameter[0], 1.1, accuracy: 1e-6)

        gradient = [parameter[0] - 3]
        adam.update(parameters: &parameter, gradients: gradient)
        // Step 2: g = -1.9; m = 0.9 * -0.2 + 0.1 * -1.9 = -0.37; v = 0.999 * 0.004 + 0.001 * 3.61
        // = 0.007606; m_hat = -0.37 / 0.19 = -1.947368; v_hat = 0.007606 / 0.001999 = 3.804902;
        // p = 1.1 + 0.1 * 1.947368 / 1.950616 = 1.199833.
        XCTAssertEqual(parameter[0], 1.199833, accuracy: 1e-5)
        XCTAssertEqual(adam.step, 2)
        XCTAssertEqual(adam.firstMoment.pointer[0], -0.37, accuracy: 1e-6)
        XCTAssertEqual(adam.secondMoment.pointer[0], 0.007606, accuracy: 1e-7)
    }

    func testUpdatesEveryElementOfLongBuffer() {
        // 37 elements cover both the vectorised body and the remainder of the loop.
        let count = 37
        let adam = Adam(parameterCount: count, learningRate: 0.01)
        var parameters = (0..<count).map { Float($0) }
        let gradients = (0..<count).map { Float($0 % 2 == 0 ? 1 : -1) }
        adam.update(parameters: &parameters, gradients: gradients)
        for index in 0..<count {
            // The first step moves each parameter by lr * sign(g).
            XCTAssertEqual(
                parameters[index], Float(index) - 0.01 * gradients[index], accuracy: 1e-6,
                "element \(index)")
        }
    }

    func testRestoreRejectsWrongLength() {
        let adam = Adam(parameterCount: 3)
        XCTAssertThrowsError(
            try adam.restore(step: 1, firstMoment: [0, 0], secondMoment: [0, 0, 0]))
    }
}
