/// One named tensor inside a model's flat parameter buffer.
///
/// Names and shapes follow PyTorch's conventions so a checkpoint reads naturally in Python:
/// a dense layer's weight is `[out, in]`, stored row-major.
public struct ParameterTensor: Equatable, Sendable {
    /// Name, for example `q_z2.layers.0.weight`.
    public let name: String
    /// Shape, outermost dimension first.
    public let shape: [Int]
    /// Offset of the first element in the flat buffer.
    public let offset: Int

    /// Number of elements.
    public var count: Int { shape.reduce(1, *) }
}

/// Collects named tensors and assigns them consecutive offsets in a flat buffer.
struct ParameterLayoutBuilder {
    private(set) var tensors: [ParameterTensor] = []
    private(set) var totalCount = 0

    /// Appends a tensor and returns its offset.
    mutating func add(_ name: String, shape: [Int]) -> Int {
        let tensor = ParameterTensor(name: name, shape: shape, offset: totalCount)
        tensors.append(tensor)
        totalCount += tensor.count
        return tensor.offset
    }
}
