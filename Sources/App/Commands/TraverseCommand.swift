import Engine
import Foundation
import Models
import Terminal

/// `cortexscope traverse`: decoded images along one latent unit of a checkpoint.
enum TraverseCommand {
    static let help = """
        Usage: cortexscope traverse --model FILE --layer z1|z2 --unit K [--steps 7]
                                    [--patch around-prior|INDEX] [--images DIR]
                                    [--colormap grey|viridis] [--format json|text]

        Decodes images while unit K of layer z1 or z2 moves from -3 to +3 standard
        deviations and the other units stay at the centre. A z2 value is decoded through
        the mean of p(z1 | z2), then the decoder.

          --model FILE     checkpoint written by `cortexscope train`
          --layer          z1 (the layer the decoder reads) or z2 (the top layer)
          --unit K         unit index, from 0
          --steps N        images along the path, default 7
          --patch          around-prior (default): centre at the prior mean, prior s.d.;
                           INDEX: centre at the posterior mean of held-out patch INDEX
                           (from 0), posterior s.d.
          --images DIR     photographs for --patch INDEX, default .build/images/skimage
          --colormap       grey (default) or viridis
          --format         json (default): offsets, centre, s.d. and the images as
                           arrays of side x side values, row-major; text: the images as
                           characters of a density ramp with a colour bar
        """

    /// The largest held-out set `--patch INDEX` draws from (the patches before INDEX are
    /// drawn too, so the index bounds the memory used).
    static let heldOutPatchLimit = 10_000

    static func run(_ arguments: [String]) throws -> Int32 {
        var arguments = try Arguments(arguments)
        let format = try arguments.format([.json, .text], default: .json)
        let layerText = arguments.value("layer") ?? ""
        guard let layer = LatentLayer(rawValue: layerText) else {
            throw UsageError("--layer must be z1 or z2, got '\(layerText)'")
        }
        guard let unitText = arguments.value("unit") else {
            throw UsageError("--unit K is required (a unit index from 0)")
        }
        guard let unit = Int(unitText), unit >= 0 else {
            throw UsageError("--unit must be a whole number >= 0, got '\(unitText)'")
        }
        let steps = try arguments.integer("steps", default: 7, in: 2...101)
        let colorText = arguments.value("colormap") ?? "grey"
        guard let colorMap = ColorMap(rawValue: colorText), colorMap != .diverging else {
            throw UsageError("--colormap must be grey or viridis, got '\(colorText)'")
        }
        let patchText = arguments.value("patch") ?? "around-prior"
        let patchIndex: Int?
        if patchText == "around-prior" {
            patchIndex = nil
        } else if let index = Int(patchText), (0..<heldOutPatchLimit).contains(index) {
            patchIndex = index
        } else {
            throw UsageError(
                "--patch must be around-prior or a held-out patch index from 0 to "
                    + "\(heldOutPatchLimit - 1), got '\(patchText)'")
        }
        let model = try ModelCommandSupport.model(&arguments)
        let imagesOption = arguments.value("images")
        try arguments.rejectUnknown()
        guard arguments.positional.isEmpty else {
            throw UsageError("unexpected argument '\(arguments.positional[0])'")
        }

        var patch: [Float]?
        if let patchIndex {
            let images = try imagesOption ?? PhotographFolder.locate()
            let patches = try HeldOutEvaluation.patches(
                folder: images, configuration: model.configuration, count: patchIndex + 1)
            patch = patches.row(patchIndex)
        }
        let side = try model.patchSide
        let traversal = try model.traverse(layer: layer, unit: unit, patch: patch, steps: steps)
        switch format {
        case .json:
            print(json(traversal, side: side, patchIndex: patchIndex).serialized())
        case .text, .tsv:
            let unicode = TerminalCapabilities.detectForCurrentProcess().unicode
            let around = patchIndex.map { "held-out patch \($0)" } ?? "the prior mean"
            print("unit \(unit) of \(layer.rawValue) around \(around), step \(model.step)")
            print(TraversalPicture(traversal: traversal, side: side, colorMap: colorMap)
                .text(unicode: unicode))
        }
        return 0
    }

    /// The `traverse` JSON layout.
    static func json(_ traversal: LatentTraversal, side: Int, patchIndex: Int?) -> JSONValue {
        let images = (0..<traversal.images.rows).map { row in
            JSONValue.numbers(traversal.images.row(row).map(Double.init))
        }
        return .object([
            ("layer", .string(traversal.layer.rawValue)),
            ("unit", .number(Double(traversal.unit))),
            ("around", patchIndex.map { .number(Double($0)) } ?? .string("prior")),
            ("centre", .optional(Double(traversal.centre))),
            ("standard_deviation", .optional(Double(traversal.standardDeviation))),
            ("side", .number(Double(side))),
            ("offsets", .numbers(traversal.offsets.map(Double.init))),
            ("images", .array(images)),
        ])
    }
}
