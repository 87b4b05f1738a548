import Engine
import Foundation
import Models

/// `cortexscope context --model FILE`: the contextual-prior test of Bányai et al. (2019)
/// on a VAE checkpoint, without a terminal.
enum ContextCommand {
    static let help = """
        Usage: cortexscope context --model FILE [--samples N] [--seed S]
                                   [--format json|text]

        Finds two static gratings whose z1 posterior means nearly match but whose z2
        posterior means differ the most (largest |dz2| / |dz1| over 4 orientations, 4
        phases and contrasts 0.5, 1, 2), then compares the noise correlations of z1
        across posterior samples under each. Correlations that differ although the z1
        means agree show z2 acting as a contextual prior on z1 (Bányai et al. 2019).

          --model    a VAE checkpoint (.safetensors)
          --samples  posterior samples per stimulus, 3 to 100000, default 500
          --seed     seed of the random generator, default 1
          --format   json (default) or text
        """

    static func run(_ arguments: [String]) throws -> Int32 {
        var arguments = try Arguments(arguments)
        let format = try arguments.format([.json, .text], default: .json)
        guard let path = arguments.value("model") else {
            throw UsageError("context needs --model FILE, a VAE checkpoint (.safetensors)")
        }
        let samples = try arguments.integer("samples", default: 500, in: 3...100_000)
        let seed = try ExperimentCommand.seed(&arguments)
        try arguments.rejectUnknown()
        guard FileManager.default.fileExists(atPath: path) else {
            throw UsageError("--model: \(path) not found")
        }
        guard case .vaeCheckpoint = try SourceFile.recognise(path: path) else {
            throw UsageError("--model: \(path) is not a VAE checkpoint (.safetensors)")
        }

        let result = try ContextExperiment.run(checkpoint: path, samples: samples, seed: seed)
        switch format {
        case .text: print(text(result), terminator: "")
        default: print(json(result).serialized())
        }
        return 0
    }

    /// `{"samples", "z1_mean_distance", "z2_mean_distance", "correlation_similarity",
    /// "correlation_difference_rms", "stimuli": [{"direction", "phase", "contrast",
    /// "mean_correlation"}]}`.
    static func json(_ result: ContextExperiment) -> JSONValue {
        .object([
            ("samples", .number(Double(result.samples))),
            ("z1_mean_distance", .optional(result.z1MeanDistance)),
            ("z2_mean_distance", .optional(result.z2MeanDistance)),
            ("correlation_similarity", .optional(result.correlationSimilarity)),
            ("correlation_difference_rms", .optional(result.correlationDifferenceRMS)),
            ("stimuli", .array([result.first, result.second].map(conditionJSON))),
        ])
    }

    static func conditionJSON(_ condition: ContextExperiment.Condition) -> JSONValue {
        .object([
            ("direction", .optional(condition.directionDegrees)),
            ("phase", .optional(condition.phaseDegrees)),
            ("contrast", .optional(condition.contrast)),
            ("mean_correlation", .optional(condition.meanCorrelation)),
        ])
    }

    static func text(_ result: ContextExperiment) -> String {
        var lines: [String] = []
        for (label, condition) in [("A", result.first), ("B", result.second)] {
            lines.append(
                "stimulus \(label): direction \(Formatting.degrees(condition.directionDegrees))"
                    + " deg, phase \(Formatting.degrees(condition.phaseDegrees)) deg, contrast "
                    + "\(JSONValue.format(condition.contrast)), mean z1 correlation "
                    + Formatting.response(condition.meanCorrelation))
        }
        lines.append("|dz1| = \(Formatting.response(result.z1MeanDistance)), "
                     + "|dz2| = \(Formatting.response(result.z2MeanDistance))")
        lines.append("similarity of the z1 correlations (Pearson r): "
                     + Formatting.response(result.correlationSimilarity))
        lines.append("RMS difference of the z1 correlations: "
                     + Formatting.response(result.correlationDifferenceRMS))
        lines.append("\(result.samples) posterior samples per stimulus")
        return lines.joined(separator: "\n") + "\n"
    }
}
