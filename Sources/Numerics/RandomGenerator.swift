import Foundation

/// A seeded xoshiro256** pseudo-random generator with uniform and standard normal fills.
///
/// The algorithm and the SplitMix64 seeding follow Blackman and Vigna, "Scrambled linear
/// pseudorandom number generators" (2021). The state is four 64-bit words, exposed so a
/// checkpoint can store it and training can resume on the same stream.
public struct RandomGenerator: RandomNumberGenerator, Equatable, Codable, Sendable {
    private var s0: UInt64
    private var s1: UInt64
    private var s2: UInt64
    private var s3: UInt64

    /// The four state words; never all zero.
    public var state: [UInt64] { [s0, s1, s2, s3] }

    /// Creates a generator whose state is four SplitMix64 outputs of `seed`.
    public init(seed: UInt64) {
        var mix = seed
        var words = [UInt64]()
        for _ in 0..<4 {
            mix &+= 0x9E37_79B9_7F4A_7C15
            var z = mix
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            words.append(z ^ (z >> 31))
        }
        (s0, s1, s2, s3) = (words[0], words[1], words[2], words[3])
    }

    /// Restores a generator from a stored state.
    ///
    /// - Throws: `NumericsError.invalidValue` unless `state` has four words, not all zero.
    public init(state: [UInt64]) throws {
        guard state.count == 4, state.contains(where: { $0 != 0 }) else {
            throw NumericsError.invalidValue(
                "random generator state must be four words, not all zero; got \(state)")
        }
        (s0, s1, s2, s3) = (state[0], state[1], state[2], state[3])
    }

    /// Returns the next 64 random bits.
    public mutating func next() -> UInt64 {
        let result = rotateLeft(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotateLeft(s3, 45)
        return result
    }

    private func rotateLeft(_ x: UInt64, _ k: UInt64) -> UInt64 {
        (x << k) | (x >> (64 - k))
    }

    /// Returns a uniform float in [0, 1) with 24 random bits.
    public mutating func nextUniform() -> Float {
        Float(next() >> 40) * 0x1p-24
    }

    /// Fills `buffer` with uniform values in [`lower`, `upper`).
    public mutating func fillUniform(
        _ buffer: UnsafeMutableBufferPointer<Float>, lower: Float = 0, upper: Float = 1
    ) {
        let width = upper - lower
        for i in buffer.indices {
            buffer[i] = lower + width * nextUniform()
        }
    }

    /// Fills `buffer` with standard normal values by the Box-Muller transform.
    ///
    /// Each pair of 32-bit uniforms u1 in (0, 1] and u2 in [0, 1) gives two values
    /// `sqrt(-2 ln u1) * (cos 2 pi u2, sin 2 pi u2)`.
    public mutating func fillNormal(
        _ buffer: UnsafeMutableBufferPointer<Float>, mean: Float = 0, standardDeviation: Float = 1
    ) {
        var i = 0
        let count = buffer.count
        while i < count {
            let bits = next()
            let u1 = (Double(bits >> 32) + 1) * 0x1p-32
            let u2 = Double(bits & 0xFFFF_FFFF) * 0x1p-32
            let radius = (-2 * Foundation.log(u1)).squareRoot()
            let angle = 2 * Double.pi * u2
            buffer[i] = mean + standardDeviation * Float(radius * Foundation.cos(angle))
            if i + 1 < count {
                buffer[i + 1] = mean + standardDeviation * Float(radius * Foundation.sin(angle))
            }
            i += 2
        }
    }

    /// Returns an array of `count` standard normal values.
    public mutating func normalArray(count: Int) -> [Float] {
        var values = [Float](repeating: 0, count: max(count, 0))
        values.withUnsafeMutableBufferPointer { fillNormal($0) }
        return values
    }
}
