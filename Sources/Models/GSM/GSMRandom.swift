import Foundation

/// A seeded pseudo-random generator for the GSM and the in-silico experiments:
/// xoshiro256** (Blackman and Vigna 2018) with its state filled by SplitMix64 from the seed.
///
/// The same seed gives the same stream on every machine, so simulated datasets and the
/// contrast series are reproducible.
public struct GSMRandom: RandomNumberGenerator, Sendable {
    private var state: (UInt64, UInt64, UInt64, UInt64)

    /// Creates a generator whose stream depends only on `seed`.
    public init(seed: UInt64) {
        var mixer = seed
        func splitMix() -> UInt64 {
            mixer &+= 0x9E37_79B9_7F4A_7C15
            var z = mixer
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        state = (splitMix(), splitMix(), splitMix(), splitMix())
    }

    public mutating func next() -> UInt64 {
        let result = rotate(state.1 &* 5, 7) &* 9
        let shifted = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= shifted
        state.3 = rotate(state.3, 45)
        return result
    }

    private func rotate(_ value: UInt64, _ bits: UInt64) -> UInt64 {
        (value << bits) | (value >> (64 - bits))
    }
}

/// Draws from the distributions the GSM experiments need, with any `RandomNumberGenerator`.
public enum GSMSampling {
    /// Draws a uniform number in the open interval (0, 1), from the top 53 bits of one draw.
    public static func uniformOpen<R: RandomNumberGenerator>(using rng: inout R) -> Double {
        (Double(rng.next() >> 11) + 0.5) * 0x1.0p-53
    }

    /// Draws a standard normal number by the Box-Muller transform (one draw per call).
    public static func standardNormal<R: RandomNumberGenerator>(using rng: inout R) -> Double {
        let u1 = uniformOpen(using: &rng)
        let u2 = uniformOpen(using: &rng)
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    /// Draws a Poisson count with the given mean, by inversion for means below 30 and by
    /// Hörmann's PTRS transformed rejection (1993) above. A mean of 0 or less, or NaN,
    /// returns 0.
    public static func poisson<R: RandomNumberGenerator>(mean: Double, using rng: inout R)
        -> Int
    {
        guard mean > 0, mean.isFinite else { return 0 }
        if mean < 30 {
            var count = 0
            var probability = exp(-mean)
            var cumulative = probability
            let u = uniformOpen(using: &rng)
            while u > cumulative && count < 10_000 {
                count += 1
                probability *= mean / Double(count)
                cumulative += probability
            }
            return count
        }
        let logMean = log(mean)
        let b = 0.931 + 2.53 * mean.squareRoot()
        let a = -0.059 + 0.02483 * b
        let inverseAlpha = 1.1239 + 1.1328 / (b - 3.4)
        let vr = 0.9277 - 3.6224 / (b - 2)
        while true {
            let u = uniformOpen(using: &rng) - 0.5
            let v = uniformOpen(using: &rng)
            let us = 0.5 - abs(u)
            let k = floor((2 * a / us + b) * u + mean + 0.43)
            if us >= 0.07 && v <= vr { return Int(k) }
            if k < 0 || (us < 0.013 && v > us) { continue }
            let lhs = log(v * inverseAlpha / (a / (us * us) + b))
            let rhs = -mean + k * logMean - lgamma(k + 1)
            if lhs <= rhs { return Int(k) }
        }
    }

    /// Draws an index from cumulative weights (non-decreasing, the last one the total).
    /// Index `i` has probability `(cumulativeWeights[i] - cumulativeWeights[i - 1]) / total`.
    public static func categorical<R: RandomNumberGenerator>(
        _ cumulativeWeights: [Double], using rng: inout R
    ) -> Int {
        let total = cumulativeWeights.last ?? 0
        let u = uniformOpen(using: &rng) * total
        var low = 0
        var high = cumulativeWeights.count - 1
        while low < high {
            let middle = (low + high) / 2
            if cumulativeWeights[middle] < u { low = middle + 1 } else { high = middle }
        }
        return max(low, 0)
    }
}
