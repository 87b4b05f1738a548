// Measures training steps per second of the reference VAE on random patches.
// Usage: vae-timing [threads] [steps]
import Foundation
import Models
import Numerics

let arguments = CommandLine.arguments
let threads = arguments.count > 1 ? Int(arguments[1]) ?? 2 : 2
let steps = arguments.count > 2 ? Int(arguments[2]) ?? 300 : 300
BLAS.setThreadCount(threads)

let configuration = VAEConfiguration.reference
let model = try HierarchicalVAE(configuration: configuration)
var generator = RandomGenerator(seed: 3)
let batch = try Matrix(
    rows: configuration.batchSize, cols: configuration.inputSize,
    values: generator.normalArray(count: configuration.batchSize * configuration.inputSize))
for _ in 0..<20 { try model.trainStep(batch: batch) }
var rates: [Double] = []
for _ in 0..<5 {
    let start = DispatchTime.now().uptimeNanoseconds
    for _ in 0..<(steps / 5) { try model.trainStep(batch: batch) }
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    rates.append(Double(steps / 5) / seconds)
}
rates.sort()
print("threads \(threads): steps/s median \(rates[2]) min \(rates[0]) max \(rates[4])")
