/// Fixed-size float32 storage that owns its memory and never copies on write.
///
/// Training allocates every activation, gradient and optimiser buffer once as a
/// `FloatBuffer`, then works on `pointer` so the hot path neither allocates nor triggers
/// Swift's copy-on-write. A buffer is confined to the thread that uses it.
public final class FloatBuffer {
    /// Number of elements.
    public let count: Int
    /// Start of the storage, valid for the buffer's lifetime; 64-byte aligned.
    public let pointer: UnsafeMutablePointer<Float>

    /// Allocates `count` elements set to `value`.
    public init(count: Int, repeating value: Float = 0) {
        self.count = max(count, 0)
        let raw = UnsafeMutableRawPointer.allocate(
            byteCount: max(self.count, 1) * MemoryLayout<Float>.stride, alignment: 64)
        pointer = raw.bindMemory(to: Float.self, capacity: max(self.count, 1))
        pointer.initialize(repeating: value, count: max(self.count, 1))
    }

    /// Allocates a buffer holding a copy of `values`.
    public convenience init(_ values: [Float]) {
        self.init(count: values.count)
        values.withUnsafeBufferPointer { source in
            if let base = source.baseAddress { pointer.update(from: base, count: values.count) }
        }
    }

    deinit {
        UnsafeMutableRawPointer(pointer).deallocate()
    }

    /// The storage as a buffer pointer.
    public var buffer: UnsafeMutableBufferPointer<Float> {
        UnsafeMutableBufferPointer(start: pointer, count: count)
    }

    /// Returns a copy of the elements as an array.
    public func toArray() -> [Float] {
        Array(buffer)
    }

    /// Sets every element to `value`.
    public func fill(_ value: Float) {
        pointer.update(repeating: value, count: count)
    }
}
