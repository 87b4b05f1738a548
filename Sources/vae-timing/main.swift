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

/// Seconds of CPU time used by the process so far, all threads.
func processCPUSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

/// GFLOP/s of a 512 x 512 x 512 sgemm, to show what the machine delivers right now.
func referenceSgemmRate() -> Double {
    let n = 512
    let a = FloatBuffer(count: n * n, repeating: 0.5)
    let b = FloatBuffer(count: n * n, repeating: 0.25)
    let c = FloatBuffer(count: n * n)
    let repeats = 20
    let start = DispatchTime.now().uptimeNanoseconds
    for _ in 0..<repeats {
        BLAS.sgemm(
            transposeA: false, transposeB: false, m: n, n: n, k: n, a: a.pointer, lda: n,
            b: b.pointer, ldb: n, c: c.pointer, ldc: n)
    }
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    return 2 * Double(n * n * n * repeats) / seconds / 1e9
}

var rates: [Double] = []
var sgemmRates: [Double] = []
let cpuStart = processCPUSeconds()
for _ in 0..<5 {
    sgemmRates.append(referenceSgemmRate())
    let start = DispatchTime.now().uptimeNanoseconds
    for _ in 0..<(steps / 5) { try model.trainStep(batch: batch) }
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    rates.append(Double(steps / 5) / seconds)
}
let cpuSecondsPerStep = (processCPUSeconds() - cpuStart) / Double(5 * (steps / 5))
sgemmRates.sort()
rates.sort()

// Multiply-adds per step: forward and weight gradients touch every weight once per patch;
// input gradients skip q(z2|x)'s first layer and the x columns of q(z1|x,z2)'s first layer.
let weights = model.parameterTensors.filter { $0.name.hasSuffix(".weight") }
let weightCount = weights.reduce(0) { $0 + $1.count }
let skipped =
    configuration.inputSize
    * ((configuration.encoderZ2HiddenSizes.first ?? 2 * configuration.z2Size)
        + (configuration.encoderZ1HiddenSizes.first ?? 2 * configuration.z1Size))
let flops = 2.0 * Double(configuration.batchSize) * Double(3 * weightCount - skipped)
let median = rates[2]
print(
    "threads \(threads): steps/s median \(String(format: "%.1f", median)) "
        + "(min \(String(format: "%.1f", rates[0])), max \(String(format: "%.1f", rates[4]))), "
        + "\(String(format: "%.2f", flops / 1e9)) GFLOP a step, "
        + "\(String(format: "%.0f", flops * median / 1e9)) GFLOP/s; "
        + "sgemm 512^3 now \(String(format: "%.0f", sgemmRates[2])) GFLOP/s; "
        + "CPU ms a step (all threads, includes the sgemm probe) "
        + "\(String(format: "%.2f", cpuSecondsPerStep * 1e3))")

// Checkpoint cost: one atomic save and one load of the reference model with Adam state.
let checkpoint = FileManager.default.temporaryDirectory
    .appendingPathComponent("vae-timing-\(getpid()).safetensors")
let saveStart = DispatchTime.now().uptimeNanoseconds
try model.saveCheckpoint(to: checkpoint)
let loadStart = DispatchTime.now().uptimeNanoseconds
let reloaded = try HierarchicalVAE(checkpointAt: checkpoint)
let loadEnd = DispatchTime.now().uptimeNanoseconds
let bytes = (try? FileManager.default.attributesOfItem(atPath: checkpoint.path)[.size] as? Int) ?? 0
try? FileManager.default.removeItem(at: checkpoint)
print(
    "checkpoint \(bytes / 1_000_000) MB: save \((loadStart - saveStart) / 1_000_000) ms, "
        + "load \((loadEnd - loadStart) / 1_000_000) ms, step \(reloaded.step)")
