// cortexscope-bench: measures OpenBLAS sgemm, the reference VAE's training and held-out
// evaluation speed, and the same VAE in PyTorch, interleaved in one run. See
// docs/benchmarks.md for recorded results and how to reproduce them.
import COpenBLAS
import Foundation

/// Measurements of every repetition for one implementation at one thread count.
struct Samples {
    var stepsPerSecond: [Double] = []
    var evalPatchesPerSecond: [Double] = []
    var gflops: [Double] = []
}

/// Applies `operation` when both values exist.
func combine(_ a: Double?, _ b: Double?, _ operation: (Double, Double) -> Double) -> Double? {
    guard let a, let b else { return nil }
    return operation(a, b)
}

func log(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

func measureSgemm(_ options: BenchOptions) -> [BenchReport.SgemmRow] {
    var rows: [BenchReport.SgemmRow] = []
    for size in [512, 1024] {
        for threads in options.threadCounts {
            log("sgemm n=\(size), \(threads) thread(s) ...")
            let rate = SgemmBenchmark.gigaflops(
                size: size, threads: threads, repetitions: options.repetitions)
            rows.append(.init(size: size, threads: threads, gflops: rate))
        }
    }
    return rows
}

func runBenchmark(_ options: BenchOptions) throws -> BenchReport {
    let machine = BenchReport.currentMachine()
    let startDate = ISO8601DateFormatter().string(from: Date())
    var notes: [String] = []
    let sgemm = measureSgemm(options)

    let model = try makeReferenceModel()
    if model == nil {
        notes.append(referenceModelMissingReason)
    }
    var torch: TorchReference?
    if options.runTorch {
        let candidate = TorchReference()
        if let reason = candidate.prepare(install: options.installTorch) {
            notes.append(reason)
        } else {
            torch = candidate
        }
    }

    let patchSize = model?.patchSize ?? 256
    let patches = try BenchPatches(
        folder: options.imageFolder, batchSize: model?.batchSize ?? 128, patchSize: patchSize,
        evaluationCount: options.evaluationPatches)
    let patchesPath = try patches.writeTrainingNPY(patchSize: patchSize)
    defer { try? FileManager.default.removeItem(atPath: patchesPath) }

    if let model {
        log("VAE warm-up ...")
        _ = try model.trainingStepsPerSecond(batches: patches.trainingBatches, steps: 20)
    }
    var ours: [Int: Samples] = [:]
    var reference: [Int: Samples] = [:]
    var torchVersion: String?
    var flopsPerStep = model?.flopsPerStep
    for repetition in 1...options.repetitions {
        for threads in options.threadCounts {
            log("repetition \(repetition)/\(options.repetitions), \(threads) thread(s) ...")
            if let model {
                openblas_set_num_threads(Int32(threads))
                let steps = try model.trainingStepsPerSecond(
                    batches: patches.trainingBatches, steps: options.steps)
                let eval = try model.evaluationPatchesPerSecond(
                    patches: patches.heldOut, count: patches.evaluationCount)
                ours[threads, default: Samples()].stepsPerSecond.append(steps)
                ours[threads, default: Samples()].evalPatchesPerSecond.append(eval)
                ours[threads, default: Samples()].gflops.append(steps * model.flopsPerStep / 1e9)
                // OpenBLAS's threads spin for a while after a call; let them sleep before torch.
                Thread.sleep(forTimeInterval: 0.2)
            }
            if let torch {
                let result = try torch.measure(
                    threads: threads, steps: options.steps,
                    evaluationPatches: options.evaluationPatches, patchesPath: patchesPath)
                reference[threads, default: Samples()].stepsPerSecond.append(result.stepsPerSecond)
                reference[threads, default: Samples()].gflops.append(result.gflopsEstimate)
                if let eval = result.evalPatchesPerSecond {
                    reference[threads, default: Samples()].evalPatchesPerSecond.append(eval)
                }
                torchVersion = result.torchVersion
                flopsPerStep = flopsPerStep ?? result.flopsPerStep
            }
        }
    }

    let rows = options.threadCounts.map { threads -> BenchReport.VAERow in
        let oursSteps = ours[threads].flatMap { median($0.stepsPerSecond) }
        let torchSteps = reference[threads].flatMap { median($0.stepsPerSecond) }
        let oursGflops = ours[threads].flatMap { median($0.gflops) }
        let peak = sgemm.filter { $0.threads == threads }.map(\.gflops).max()
        return BenchReport.VAERow(
            threads: threads, oursStepsPerSecond: oursSteps, torchStepsPerSecond: torchSteps,
            stepsRatio: combine(oursSteps, torchSteps, /),
            oursGflops: oursGflops,
            torchGflops: reference[threads].flatMap { median($0.gflops) },
            oursFractionOfSgemmPeak: combine(oursGflops, peak, /),
            oursEvalPatchesPerSecond: ours[threads].flatMap { median($0.evalPatchesPerSecond) },
            torchEvalPatchesPerSecond: reference[threads].flatMap {
                median($0.evalPatchesPerSecond)
            })
    }

    return BenchReport(
        date: startDate, machine: machine,
        repetitions: options.repetitions, stepsPerRepetition: options.steps,
        evaluationPatches: options.evaluationPatches, patchSource: patches.source,
        flopsPerStep: flopsPerStep, torchVersion: torchVersion, sgemm: sgemm, vae: rows,
        notes: notes)
}

let commandArguments = Array(CommandLine.arguments.dropFirst())
if commandArguments.first == "nwb-load" {
    guard commandArguments.count == 2 else {
        log("usage: cortexscope-bench nwb-load FILE.nwb")
        exit(2)
    }
    exit(runNWBLoadBenchmark(path: commandArguments[1]))
}

do {
    let options = try BenchOptions(arguments: commandArguments)
    let report = try runBenchmark(options)
    switch options.format {
    case .table: print(report.table())
    case .json: print(try report.json())
    }
} catch BenchError.help {
    print(BenchOptions.usage)
} catch {
    log("\(error)")
    exit(1)
}
