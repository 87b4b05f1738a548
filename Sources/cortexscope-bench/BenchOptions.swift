import Foundation

/// Command-line settings of `cortexscope-bench`.
struct BenchOptions {
    /// Output form: a table for people or one JSON object.
    enum Format: String {
        case table
        case json
    }

    var format = Format.table
    /// Repetitions of each measurement; the median is reported.
    var repetitions = 7
    /// OpenBLAS and torch thread counts to measure.
    var threadCounts = [1, 2]
    /// Timed training steps in each repetition, for both implementations.
    var steps = 100
    /// Held-out patches scored in each evaluation repetition.
    var evaluationPatches = 4096
    /// Folder of photographs for the patches; noise patches when it does not exist.
    var imageFolder = ".build/images/skimage"
    /// Whether to run the PyTorch reference.
    var runTorch = true
    /// Whether to install torch into `.venv-bench` when it is missing.
    var installTorch = true

    static let usage = """
        usage: cortexscope-bench [--format table|json] [--repetitions N] [--threads 1,2]
                                 [--steps N] [--eval-patches N] [--images FOLDER]
                                 [--no-torch] [--no-install]
        Run from the repository root (it reads scripts/ and .venv-bench/).
          --format        table (default) or json
          --repetitions   repetitions per measurement, median reported (default 7)
          --threads       comma-separated thread counts for OpenBLAS and torch (default 1,2)
          --steps         timed training steps per repetition (default 100)
          --eval-patches  held-out patches per evaluation repetition (default 4096)
          --images        photograph folder for patches (default .build/images/skimage);
                          N(0, 1) noise patches when it does not exist
          --no-torch      skip the PyTorch reference
          --no-install    do not install torch into .venv-bench when it is missing
        """

    /// Parses `arguments` (without the program name). Throws `BenchError.usage` with the
    /// offending argument.
    init(arguments: [String]) throws {
        var remaining = arguments[...]
        func value(for flag: String) throws -> String {
            guard let next = remaining.popFirst() else {
                throw BenchError.usage("\(flag) needs a value")
            }
            return next
        }
        func positive(_ text: String, flag: String) throws -> Int {
            guard let number = Int(text), number > 0 else {
                throw BenchError.usage("\(flag) must be a positive integer, got '\(text)'")
            }
            return number
        }
        while let flag = remaining.popFirst() {
            switch flag {
            case "--format":
                let text = try value(for: flag)
                guard let format = Format(rawValue: text) else {
                    throw BenchError.usage("--format must be table or json, got '\(text)'")
                }
                self.format = format
            case "--repetitions":
                repetitions = try positive(value(for: flag), flag: flag)
            case "--threads":
                threadCounts = try value(for: flag).split(separator: ",").map {
                    try positive(String($0), flag: flag)
                }
            case "--steps":
                steps = try positive(value(for: flag), flag: flag)
            case "--eval-patches":
                evaluationPatches = try positive(value(for: flag), flag: flag)
            case "--images":
                imageFolder = try value(for: flag)
            case "--no-torch":
                runTorch = false
            case "--no-install":
                installTorch = false
            case "--help", "-h":
                throw BenchError.help
            default:
                throw BenchError.usage("unknown argument '\(flag)'")
            }
        }
    }
}

/// Errors that stop the benchmark before it measures anything.
enum BenchError: Error, CustomStringConvertible {
    case help
    case usage(String)
    case failed(String)

    var description: String {
        switch self {
        case .help: return BenchOptions.usage
        case .usage(let message): return "cortexscope-bench: \(message)\n\(BenchOptions.usage)"
        case .failed(let message): return "cortexscope-bench: \(message)"
        }
    }
}
