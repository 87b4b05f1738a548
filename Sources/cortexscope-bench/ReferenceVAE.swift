// The VAE part of the benchmark compiles only with -D CORTEXSCOPE_BENCH_VAE, set in
// Package.swift once Models provides HierarchicalVAE; without it the benchmark reports the
// VAE as not built and still measures sgemm and the PyTorch reference.
#if CORTEXSCOPE_BENCH_VAE
    import Models
    import Numerics

    /// The reference hierarchical VAE (`VAEConfiguration.reference`) under the benchmark.
    final class ReferenceVAE: BenchmarkedModel {
        private let model: HierarchicalVAE

        init() throws {
            model = try HierarchicalVAE(configuration: .reference)
        }

        var batchSize: Int { model.configuration.batchSize }
        var patchSize: Int { model.configuration.inputSize }

        var denseLayerShapes: [(inputs: Int, outputs: Int)] {
            let c = model.configuration
            let chains = [
                [c.inputSize] + c.encoderZ2HiddenSizes + [2 * c.z2Size],
                [c.inputSize + c.z2Size] + c.encoderZ1HiddenSizes + [2 * c.z1Size],
                [c.z2Size] + c.priorZ1HiddenSizes + [2 * c.z1Size],
                [c.z1Size] + c.decoderHiddenSizes + [c.inputSize],
            ]
            return chains.flatMap { widths in zip(widths, widths.dropFirst()).map { ($0, $1) } }
        }

        func trainStep(batch: [Float]) throws {
            try model.trainStep(batch: Matrix(rows: batchSize, cols: patchSize, values: batch))
        }

        func evaluateELBO(patches: [Float], count: Int) throws -> Double {
            try model.evaluate(patches: Matrix(rows: count, cols: patchSize, values: patches)).elbo
        }
    }

    /// Builds the reference VAE.
    func makeReferenceModel() throws -> (any BenchmarkedModel)? {
        try ReferenceVAE()
    }

    /// Empty: the VAE is built.
    let referenceModelMissingReason = ""
#else
    /// Returns nil: this build has no VAE (see the top of this file).
    func makeReferenceModel() throws -> (any BenchmarkedModel)? {
        nil
    }

    /// Reason the VAE rows of the report are empty.
    let referenceModelMissingReason =
        "VAE not built into this benchmark (Package.swift does not define CORTEXSCOPE_BENCH_VAE)"
#endif
