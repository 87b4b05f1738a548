import Foundation
import Models
import Numerics

/// Patches of random oriented sinusoidal gratings plus white noise. Batch `index` depends
/// only on the seed and the index, so a resumed run gets the same batches.
struct SyntheticGratingSource: PatchSource {
    let side: Int
    let seed: UInt64
    var noiseStandardDeviation: Float = 0.1

    func batch(index: Int, size: Int) throws -> Matrix {
        var generator = RandomGenerator(seed: seed &* 1_000_003 &+ UInt64(index))
        var patches = Matrix(rows: size, cols: side * side)
        for row in 0..<size {
            let orientation = Float.pi * generator.nextUniform()
            let frequency = 0.15 + 0.25 * generator.nextUniform()
            let phase = 2 * Float.pi * generator.nextUniform()
            let contrast = 0.5 + generator.nextUniform()
            for y in 0..<side {
                for x in 0..<side {
                    let position = Float(x) * cos(orientation) + Float(y) * sin(orientation)
                    patches[row, y * side + x] =
                        contrast * sin(2 * Float.pi * frequency * position + phase)
                }
            }
        }
        var noise = generator.normalArray(count: size * side * side)
        for index in noise.indices { noise[index] *= noiseStandardDeviation }
        for index in patches.values.indices { patches.values[index] += noise[index] }
        return patches
    }
}
