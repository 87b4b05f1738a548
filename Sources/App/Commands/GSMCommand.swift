import Engine
import Foundation
import Models

/// `cortexscope gsm --params FILE`: the GSM's variability and correlations against
/// grating contrast, without a terminal.
enum GSMCommand {
    static let help = """
        Usage: cortexscope gsm --params FILE [--contrast LIST] [--samples N] [--seed S]
                               [--format json|text]

        Shows the Gaussian scale mixture model (Orbán et al. 2016) a static grating at each
        contrast and prints, per contrast, the mean posterior variance of the latents, the
        variance of the membrane potential across posterior samples, the Fano factor of
        Poisson spike counts in 0.1 s, and the correlation between the off-diagonal
        posterior and prior correlations.

          --params    MATLAB file with the GSM variables (Dx, Dy, wnode, A, rho, sigmaX,
                      kGam, thGam, alpha, uTh, m, beta)
          --contrast  grating amplitudes in image units before whitening, separated by
                      commas, default 0,2,8
          --samples   posterior samples (trials) per contrast, 2 to 100000, default 200
          --seed      seed of the random generator, default 1
          --format    json (default) or text
        """

    static func run(_ arguments: [String]) throws -> Int32 {
        var arguments = try Arguments(arguments)
        let format = try arguments.format([.json, .text], default: .json)
        guard let path = arguments.value("params") else {
            throw UsageError("gsm needs --params FILE, a MATLAB file with the GSM parameters")
        }
        let contrasts = try arguments.numbers("contrast") ?? [0, 2, 8]
        let samples = try arguments.integer("samples", default: 200, in: 2...100_000)
        let seed = try ExperimentCommand.seed(&arguments)
        try arguments.rejectUnknown()
        try ExperimentCommand.checkContrasts(contrasts)
        guard FileManager.default.fileExists(atPath: path) else {
            throw UsageError("--params: \(path) not found")
        }

        let results = try ModelVariability.gsmContrastSeries(
            path: path, contrasts: contrasts, samples: samples, seed: seed)
        switch format {
        case .text: print(text(results), terminator: "")
        default: print(json(results, path: path, samples: samples, seed: seed).serialized())
        }
        return 0
    }

    /// `{"model", "samples", "seed", "contrasts": [{"contrast", "mean_posterior_variance",
    /// "membrane_variance", "fano_factor", "prior_correlation_match", "mean_z"}]}`.
    static func json(_ results: [ContrastResult], path: String, samples: Int, seed: UInt64)
        -> JSONValue
    {
        .object([
            ("model", .string(path)),
            ("samples", .number(Double(samples))),
            ("seed", .number(Double(seed))),
            ("contrasts", .array(results.map(resultJSON))),
        ])
    }

    static func resultJSON(_ result: ContrastResult) -> JSONValue {
        .object([
            ("contrast", .optional(result.contrast)),
            ("mean_posterior_variance", .optional(result.meanPosteriorVariance)),
            ("membrane_variance", .optional(result.membraneVariance)),
            ("fano_factor", .optional(result.fanoFactor)),
            ("prior_correlation_match", .optional(result.priorCorrelationMatch)),
            ("mean_z", .optional(result.meanZ)),
        ])
    }

    static func text(_ results: [ContrastResult]) -> String {
        var lines = [
            "contrast  posterior var  membrane var  Fano factor  prior match  E[z|x]"
        ]
        for result in results {
            let cells = [
                pad(JSONValue.format(result.contrast), 8),
                pad(Formatting.response(result.meanPosteriorVariance), 13),
                pad(Formatting.response(result.membraneVariance), 12),
                pad(Formatting.response(result.fanoFactor), 11),
                pad(Formatting.response(result.priorCorrelationMatch), 11),
                pad(Formatting.response(result.meanZ), 6),
            ]
            lines.append(cells.joined(separator: "  "))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }
}
