import Data
import Engine
import Foundation
import Models

/// `cortexscope experiment gratings --model FILE`: the in-silico direction-tuning
/// experiment on the GSM or a VAE, analysed like a recording.
enum ExperimentCommand {
    static let help = """
        Usage: cortexscope experiment gratings --model FILE [--contrast LIST] [--trials N]
                                      [--seed S] [--readout sample|mean]
                                      [--format json|text]

        Shows a model drifting gratings in 8 directions (0.125 cycles per pixel, 2 Hz,
        0.2 s of blank screen, then 0.5 s of grating sampled every 0.05 s) and prints each
        unit's tuning and selectivity indices in the layout of 'cortexscope tuning', one
        dataset per contrast.

          --model     a GSM parameter file (.mat) or a VAE checkpoint (.safetensors)
          --contrast  grating amplitudes in the model's input units, separated by
                      commas, default 8
          --trials    trials per direction, 2 to 10000, default 16
          --seed      seed of the random generator, default 1
          --readout   sample (default): each trial is a posterior sample (for the GSM
                      its membrane potential); mean: the posterior mean on every trial
          --format    json (default) or text
        """

    static func run(_ arguments: [String]) throws -> Int32 {
        guard arguments.first == "gratings" else {
            throw UsageError(
                "experiment needs the protocol name 'gratings', got "
                    + (arguments.first.map { "'\($0)'" } ?? "none"))
        }
        var arguments = try Arguments(Array(arguments.dropFirst()))
        let format = try arguments.format([.json, .text], default: .json)
        guard let path = arguments.value("model") else {
            throw UsageError("experiment gratings needs --model FILE (.mat or .safetensors)")
        }
        let contrasts = try arguments.numbers("contrast") ?? [GratingExperiment.defaultContrast]
        let trials = try arguments.integer("trials", default: 16, in: 2...10_000)
        let seed = try seed(&arguments)
        let readoutName = arguments.value("readout") ?? "sample"
        let settings = try TuningOptions.settings(from: &arguments)
        try arguments.rejectUnknown()
        guard arguments.positional.isEmpty else {
            throw UsageError("unexpected argument '\(arguments.positional[0])'")
        }
        try checkContrasts(contrasts)
        guard FileManager.default.fileExists(atPath: path) else {
            throw UsageError("--model: \(path) not found")
        }
        guard let source = try SourceFile.recognise(path: path), source.isModel else {
            throw UsageError(
                "--model: \(path) is not a model file; give GSM parameters (.mat) or a VAE "
                    + "checkpoint (.safetensors)")
        }
        let readout = try readout(readoutName, for: source)

        let sessions = try gratingSessions(
            source: source, contrasts: contrasts, trials: trials, seed: seed, readout: readout,
            settings: settings)
        switch format {
        case .text: print(TuningText.table(sessions), terminator: "")
        default: print(TuningCommand.json(sessions).serialized())
        }
        return TuningCommand.reportAnalysisProblems(sessions, format: format) ? 1 : 0
    }

    /// Runs the grating experiment at each contrast; each session's name ends with its
    /// contrast, for example "GSM (Orbán 2016): gratings, contrast 8".
    static func gratingSessions(
        source: SourceFile, contrasts: [Double], trials: Int, seed: UInt64,
        readout: ResponseReadout, settings: TuningSettings
    ) throws -> [Session] {
        try contrasts.map { contrast in
            var experiment = GratingExperiment(contrast: contrast)
            experiment.trialsPerDirection = trials
            experiment.seed = seed
            experiment.readout = readout
            var session = try SimulatedSessions.gratings(
                source: source, experiment: experiment, settings: settings)
            session.dataset.name += ", contrast \(JSONValue.format(contrast))"
            return session
        }
    }

    /// Maps `--readout` to a readout: a posterior sample (the GSM's membrane potential) or
    /// the posterior mean.
    static func readout(_ name: String, for source: SourceFile) throws -> ResponseReadout {
        switch (name, source) {
        case ("mean", _): return .posteriorMean
        case ("sample", .gsmParameters): return .membranePotential
        case ("sample", _): return .latent
        default:
            throw UsageError("--readout must be sample or mean, got '\(name)'")
        }
    }

    static func seed(_ arguments: inout Arguments) throws -> UInt64 {
        guard let text = arguments.value("seed") else { return 1 }
        guard let seed = UInt64(text) else {
            throw UsageError("--seed must be a whole number of 0 or more, got '\(text)'")
        }
        return seed
    }

    static func checkContrasts(_ contrasts: [Double]) throws {
        if let bad = contrasts.first(where: { $0 < 0 }) {
            throw UsageError("--contrast values must be 0 or more, got \(bad)")
        }
    }
}
