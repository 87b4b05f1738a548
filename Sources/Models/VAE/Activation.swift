import Foundation

/// The nonlinearity applied after every hidden dense layer of the VAE's networks.
///
/// Each derivative is written in terms of the activation's output y, so a backward pass
/// only needs the cached outputs: relu' = 1 when y > 0, tanh' = 1 - y^2 and
/// softplus'(a) = sigmoid(a) = 1 - exp(-y).
public enum Activation: String, Codable, Sendable, CaseIterable {
    /// max(0, a).
    case relu
    /// tanh(a).
    case tanh
    /// log(1 + exp(a)).
    case softplus
    /// a, for linear networks.
    case identity

    /// Applies the activation in place to `count` values.
    func apply(_ values: UnsafeMutablePointer<Float>, count: Int) {
        switch self {
        case .relu:
            for i in 0..<count {
                let a = values[i]
                values[i] = a > 0 ? a : 0
            }
        case .tanh:
            for i in 0..<count { values[i] = Foundation.tanh(values[i]) }
        case .softplus:
            for i in 0..<count {
                let a = values[i]
                values[i] = max(a, 0) + Foundation.log1p(Foundation.exp(-abs(a)))
            }
        case .identity:
            break
        }
    }

    /// Multiplies the gradient `gradient` by the derivative at the cached `output`, in place.
    func backpropagate(
        _ gradient: UnsafeMutablePointer<Float>, output: UnsafePointer<Float>, count: Int
    ) {
        switch self {
        case .relu:
            // Both loads happen unconditionally so the loop vectorises to a select.
            for i in 0..<count {
                let g = gradient[i]
                gradient[i] = output[i] > 0 ? g : 0
            }
        case .tanh:
            for i in 0..<count { gradient[i] *= 1 - output[i] * output[i] }
        case .softplus:
            for i in 0..<count { gradient[i] *= -Foundation.expm1(-output[i]) }
        case .identity:
            break
        }
    }
}
