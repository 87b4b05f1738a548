import Engine
import Foundation
import Models

/// `cortexscope elbo`: the held-out ELBO of a checkpoint.
enum ELBOCommand {
    static let help = """
        Usage: cortexscope elbo --model FILE [--images DIR] [--patches N]
                                [--format json|text]

        Prints the ELBO and its three terms (reconstruction, KL(z2), KL(z1); nats per
        patch) of a checkpoint on held-out patches: the held-out images of the same split
        and the same fixed patches that `cortexscope train` evaluates, for the model's seed.

          --model FILE   checkpoint written by `cortexscope train`
          --images DIR   folder of PNG or JPEG photographs, default the scikit-image
                         photographs (.build/images/skimage)
          --patches N    held-out patches to average over, default 512 (as in training)
          --format       json (default) or text
        """

    static func run(_ arguments: [String]) throws -> Int32 {
        var arguments = try Arguments(arguments)
        let format = try arguments.format([.json, .text], default: .json)
        let count = try arguments.integer("patches", default: 512, in: 1...1_000_000)
        let model = try ModelCommandSupport.model(&arguments)
        let images = try ModelCommandSupport.imagesFolder(&arguments)
        try arguments.rejectUnknown()
        guard arguments.positional.isEmpty else {
            throw UsageError("unexpected argument '\(arguments.positional[0])'")
        }

        let patches = try HeldOutEvaluation.patches(
            folder: images, configuration: model.configuration, count: count)
        let breakdown = try HeldOutEvaluation.breakdown(model: model, patches: patches)
        switch format {
        case .json:
            let members = ModelCommandSupport.termsJSON(step: breakdown.step, terms: breakdown.mean)
                + [("held_out_patches", .number(Double(count)))]
            print(JSONValue.object(members).serialized())
        case .text, .tsv:
            print(ModelCommandSupport.termsText(
                step: breakdown.step, terms: breakdown.mean, patches: count))
        }
        return 0
    }
}
