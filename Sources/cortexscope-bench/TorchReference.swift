import Foundation

/// One run of scripts/vae_reference_torch.py, as printed in its JSON line.
struct TorchResult: Decodable {
    let stepsPerSecond: Double
    let evalPatchesPerSecond: Double?
    let threads: Int
    let gflopsEstimate: Double
    let flopsPerStep: Double
    let torchVersion: String

    enum CodingKeys: String, CodingKey {
        case stepsPerSecond = "steps_per_second"
        case evalPatchesPerSecond = "eval_patches_per_second"
        case threads
        case gflopsEstimate = "gflops_estimate"
        case flopsPerStep = "flops_per_step"
        case torchVersion = "torch_version"
    }
}

/// Runs the PyTorch reference in `.venv-bench`, installing the CPU-only torch wheel there
/// first (scripts/setup_bench_venv.sh) when asked to.
struct TorchReference {
    let python = ".venv-bench/bin/python"
    let script = "scripts/vae_reference_torch.py"

    /// Prepares the environment. Returns nil when it is ready, else why the reference is
    /// unavailable.
    func prepare(install: Bool) -> String? {
        guard FileManager.default.fileExists(atPath: script) else {
            return "\(script) not found; run cortexscope-bench from the repository root"
        }
        if install {
            let status = run(["/bin/sh", "scripts/setup_bench_venv.sh", ".venv-bench"]).status
            if status != 0 {
                return "PyTorch reference unavailable: scripts/setup_bench_venv.sh exited with "
                    + "status \(status) (no CPU-only torch wheel; see its message above)"
            }
        }
        guard FileManager.default.isExecutableFile(atPath: python) else {
            return "PyTorch reference unavailable: \(python) not found; run `make bench` "
                + "or scripts/setup_bench_venv.sh"
        }
        return nil
    }

    /// Runs the script once and decodes its JSON line.
    func measure(threads: Int, steps: Int, evaluationPatches: Int, patchesPath: String) throws
        -> TorchResult
    {
        let arguments = [
            python, script, "--threads", "\(threads)", "--steps", "\(steps)",
            "--eval-patches", "\(evaluationPatches)", "--patches", patchesPath,
        ]
        let (status, output) = run(arguments)
        guard status == 0, let line = output.split(separator: "\n").last else {
            throw BenchError.failed(
                "\(script) exited with status \(status); run `\(arguments.joined(separator: " "))`"
                    + " to see its error")
        }
        return try JSONDecoder().decode(TorchResult.self, from: Data(line.utf8))
    }

    /// Runs a command, passing its standard error through, and returns its status and
    /// standard output.
    private func run(_ arguments: [String]) -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(
            fileURLWithPath: arguments[0].hasPrefix("/")
                ? arguments[0]
                : FileManager.default.currentDirectoryPath + "/" + arguments[0])
        process.arguments = Array(arguments.dropFirst())
        let pipe = Pipe()
        process.standardOutput = pipe
        do {
            try process.run()
        } catch {
            return (127, "")
        }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
