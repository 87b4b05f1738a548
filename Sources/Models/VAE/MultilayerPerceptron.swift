import Numerics

/// A stack of dense layers with an activation after every layer but the last, caching its
/// activations for a batch in preallocated buffers.
///
/// The buffers hold up to `capacity` rows, and `forward` stores each layer's output.
/// `backward` reads the gradient the caller wrote into `outputGradient`. It adds the
/// parameter gradients and, when asked, writes the gradient of a block of input columns.
final class MultilayerPerceptron {
    let layers: [DenseLayer]
    let activation: Activation
    let capacity: Int
    private let outputs: [FloatBuffer]
    private let gradients: [FloatBuffer]

    /// Width of the input.
    var inputSize: Int { layers[0].inputSize }
    /// Width of the output.
    var outputSize: Int { layers[layers.count - 1].outputSize }
    /// The last layer's output for the latest `forward` call (`rows x outputSize`).
    var output: UnsafeMutablePointer<Float> { outputs[outputs.count - 1].pointer }
    /// Gradient of the loss with respect to `output`, written by the caller before `backward`.
    var outputGradient: UnsafeMutablePointer<Float> { gradients[gradients.count - 1].pointer }

    /// Creates the network over weights and biases already placed in the flat buffers.
    init(layers: [DenseLayer], activation: Activation, capacity: Int) {
        self.layers = layers
        self.activation = activation
        self.capacity = capacity
        outputs = layers.map { FloatBuffer(count: capacity * $0.outputSize) }
        gradients = layers.map { FloatBuffer(count: capacity * $0.outputSize) }
    }

    /// Runs the network on `rows` rows of `input` (row stride `inputStride`).
    func forward(input: UnsafePointer<Float>, inputStride: Int, rows: Int) {
        var current = input
        var stride = inputStride
        for (index, layer) in layers.enumerated() {
            let out = outputs[index].pointer
            layer.forward(input: current, inputStride: stride, rows: rows, output: out)
            if index < layers.count - 1 {
                activation.apply(out, count: rows * layer.outputSize)
            }
            current = UnsafePointer(out)
            stride = layer.outputSize
        }
    }

    /// Backpropagates `outputGradient` through the network for the `rows` rows of the last
    /// `forward` call, adding every parameter gradient to the gradient buffer.
    ///
    /// When `inputColumns` is given, the gradient of those input columns is written to
    /// `inputGradient` (row stride `inputGradientStride`), or added to it when
    /// `accumulateInputGradient` is set.
    func backward(
        input: UnsafePointer<Float>, inputStride: Int, rows: Int,
        inputColumns: Range<Int>? = nil, inputGradient: UnsafeMutablePointer<Float>? = nil,
        inputGradientStride: Int = 0, accumulateInputGradient: Bool = false
    ) {
        for index in stride(from: layers.count - 1, through: 0, by: -1) {
            let layer = layers[index]
            let gradient = UnsafePointer(gradients[index].pointer)
            let layerInput = index == 0 ? input : UnsafePointer(outputs[index - 1].pointer)
            let layerInputStride = index == 0 ? inputStride : layer.inputSize
            layer.accumulateParameterGradients(
                outputGradient: gradient, input: layerInput, inputStride: layerInputStride,
                rows: rows, accumulate: true)
            if index > 0 {
                let previous = gradients[index - 1].pointer
                layer.inputGradient(
                    outputGradient: gradient, rows: rows, columns: 0..<layer.inputSize,
                    destination: previous, destinationStride: layer.inputSize, accumulate: false)
                activation.backpropagate(
                    previous, output: outputs[index - 1].pointer, count: rows * layer.inputSize)
            } else if let columns = inputColumns, let destination = inputGradient {
                layer.inputGradient(
                    outputGradient: gradient, rows: rows, columns: columns,
                    destination: destination, destinationStride: inputGradientStride,
                    accumulate: accumulateInputGradient)
            }
        }
    }
}
