import Foundation

/// Everything one benchmark run measured; printed as a table or as JSON.
struct BenchReport: Encodable {
    /// The machine, as /proc reports it at the start of the run.
    struct Machine: Encodable {
        var processor: String
        var cores: Int
        var loadAverageAtStart: String
    }

    /// sgemm throughput for one size and thread count.
    struct SgemmRow: Encodable {
        var size: Int
        var threads: Int
        var gflops: Double
    }

    /// VAE training and evaluation speed for one thread count (medians; nil when not run).
    struct VAERow: Encodable {
        var threads: Int
        var oursStepsPerSecond: Double?
        var torchStepsPerSecond: Double?
        /// ours / PyTorch training steps per second.
        var stepsRatio: Double?
        var oursGflops: Double?
        var torchGflops: Double?
        /// Our training GFLOP/s over the best sgemm GFLOP/s at this thread count.
        var oursFractionOfSgemmPeak: Double?
        var oursEvalPatchesPerSecond: Double?
        var torchEvalPatchesPerSecond: Double?
    }

    var date: String
    var machine: Machine
    var repetitions: Int
    var stepsPerRepetition: Int
    var evaluationPatches: Int
    var patchSource: String
    var flopsPerStep: Double?
    var torchVersion: String?
    var sgemm: [SgemmRow]
    var vae: [VAERow]
    var notes: [String]

    /// Renders the report as aligned text for a terminal.
    func table() -> String {
        var lines = [
            "cortexscope-bench, started \(date)",
            "machine: \(machine.processor), \(machine.cores) cores, "
                + "load at start \(machine.loadAverageAtStart)",
            "medians of \(repetitions) repetitions; VAE runs interleaved (ours, then PyTorch)",
            "",
            "sgemm (OpenBLAS cblas_sgemm), GFLOP/s",
            pad(["n", "threads", "GFLOP/s"], [6, 8, 9]),
        ]
        for row in sgemm {
            lines.append(pad(["\(row.size)", "\(row.threads)", format(row.gflops, 1)], [6, 8, 9]))
        }
        lines += [
            "",
            "VAE reference (16x16 patches, batch 128), "
                + "\(stepsPerRepetition) training steps a repetition",
            "patches: \(patchSource)",
        ]
        if let flopsPerStep {
            lines.append("estimated work: \(format(flopsPerStep / 1e9, 3)) GFLOP a training step")
        }
        let widths = [8, 12, 14, 11, 12, 14, 12]
        lines.append(
            pad(
                [
                    "threads", "ours step/s", "torch step/s", "ours/torch", "ours GFLOP/s",
                    "torch GFLOP/s", "ours/sgemm",
                ], widths))
        for row in vae {
            lines.append(
                pad(
                    [
                        "\(row.threads)", format(row.oursStepsPerSecond, 1),
                        format(row.torchStepsPerSecond, 1),
                        format(row.stepsRatio, 2), format(row.oursGflops, 1),
                        format(row.torchGflops, 1),
                        format(row.oursFractionOfSgemmPeak, 2),
                    ], widths))
        }
        lines += [
            "",
            "held-out ELBO evaluation, patches/s (\(evaluationPatches) patches a repetition)",
            pad(["threads", "ours", "torch"], [8, 12, 12]),
        ]
        for row in vae {
            lines.append(
                pad(
                    [
                        "\(row.threads)", format(row.oursEvalPatchesPerSecond, 0),
                        format(row.torchEvalPatchesPerSecond, 0),
                    ], [8, 12, 12]))
        }
        if !notes.isEmpty {
            lines += [""] + notes.map { "note: \($0)" }
        }
        return lines.joined(separator: "\n")
    }

    /// Renders the report as one JSON object with sorted keys.
    func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    private func format(_ value: Double?, _ decimals: Int) -> String {
        guard let value else { return "-" }
        return String(format: "%.\(decimals)f", value)
    }

    private func pad(_ cells: [String], _ widths: [Int]) -> String {
        zip(cells, widths).map { cell, width in
            String(repeating: " ", count: max(0, width - cell.count)) + cell
        }.joined(separator: " ")
    }

    /// Reads the processor name, core count and load average from /proc.
    static func currentMachine() -> Machine {
        let cpuInfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let processor =
            cpuInfo.split(separator: "\n")
            .first { $0.hasPrefix("model name") }
            .flatMap { $0.split(separator: ":", maxSplits: 1).last }
            .map { $0.trimmingCharacters(in: .whitespaces) } ?? "unknown processor"
        let load = ((try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? "")
            .split(separator: " ").prefix(3).joined(separator: " ")
        return Machine(
            processor: processor, cores: ProcessInfo.processInfo.activeProcessorCount,
            loadAverageAtStart: load.isEmpty ? "unknown" : load)
    }
}
