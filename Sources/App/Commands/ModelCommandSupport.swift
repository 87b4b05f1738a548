import Engine
import Foundation
import Models

/// Pieces shared by the `train`, `elbo` and `traverse` commands.
enum ModelCommandSupport {
    /// The JSON fields of held-out ELBO terms, nats per patch.
    static func termsJSON(step: Int, terms: ELBOTerms) -> [(String, JSONValue)] {
        [
            ("step", .number(Double(step))),
            ("elbo", .optional(terms.elbo)),
            ("reconstruction", .optional(terms.reconstruction)),
            ("kl_z2", .optional(terms.klZ2)),
            ("kl_z1", .optional(terms.klZ1)),
        ]
    }

    /// The terms as aligned text lines.
    static func termsText(step: Int, terms: ELBOTerms, patches: Int) -> String {
        """
        held-out ELBO at step \(step), mean over \(patches) patches (nats per patch):
          ELBO            \(number(terms.elbo))
          reconstruction  \(number(terms.reconstruction))
          KL(z2)          \(number(terms.klZ2))
          KL(z1)          \(number(terms.klZ1))
        """
    }

    static func number(_ value: Double) -> String {
        value.isFinite ? String(format: "%.3f", value) : "n/a"
    }

    /// The `--images` folder, or the photographs that `make images` fetches.
    static func imagesFolder(_ arguments: inout Arguments) throws -> String {
        if let folder = arguments.value("images") { return folder }
        return try PhotographFolder.locate()
    }

    /// The `--model` checkpoint, loaded.
    static func model(_ arguments: inout Arguments) throws -> LoadedModel {
        guard let path = arguments.value("model") else {
            throw UsageError("--model FILE is required (a checkpoint from `cortexscope train`)")
        }
        return try LoadedModel(checkpointAt: path)
    }
}
