import Numerics

extension HierarchicalVAE {
    /// Runs one training step on `batch` (rows are patches, `inputSize` columns): draws the
    /// noise, computes the loss and its gradients, and applies one Adam update.
    ///
    /// - Returns: the batch-mean ELBO terms before the update, nats per patch.
    /// - Throws: `VAEError.shapeMismatch` when the batch has the wrong width or more than
    ///   `batchSize` rows. `VAEError.nonFinite` when the batch or the loss is NaN or
    ///   infinite; the parameters then stay unchanged.
    @discardableResult
    public func trainStep(batch: Matrix) throws -> ELBOTerms {
        try checkPatches(batch, maximumRows: capacity)
        random.fillNormal(
            UnsafeMutableBufferPointer(
                start: noiseZ2.pointer, count: batch.rows * configuration.z2Size))
        random.fillNormal(
            UnsafeMutableBufferPointer(
                start: noiseZ1.pointer, count: batch.rows * configuration.z1Size))
        let weight = klWeight(atStep: step)
        let terms = batch.values.withUnsafeBufferPointer { x in
            runPass(x: x.baseAddress!, rows: batch.rows, computeGradients: true, klWeight: weight)
            return meanTerms(rows: batch.rows)
        }
        guard terms.elbo.isFinite else {
            gradients.fill(0)
            throw VAEError.nonFinite(
                "the training loss became \(terms.loss(beta: Double(weight))) at "
                    + "step \(step + 1); lower the learning rate or check the patches")
        }
        optimizer.updateAndZeroGradients(
            parameters: parameters.pointer, gradients: gradients.pointer)
        return terms
    }

    /// Returns the KL weight of the training step after `completedSteps` updates: beta, or
    /// during warm-up beta * (completedSteps + 1) / klWarmupSteps.
    public func klWeight(atStep completedSteps: Int) -> Float {
        let c = configuration
        guard c.klWarmupSteps > 0, completedSteps < c.klWarmupSteps else { return c.beta }
        return c.beta * Float(completedSteps + 1) / Float(c.klWarmupSteps)
    }

    /// Checks that `patches` has `inputSize` columns, between 1 and `maximumRows` rows (when
    /// given) and only finite values.
    func checkPatches(_ patches: Matrix, maximumRows: Int? = nil) throws {
        let d = configuration.inputSize
        guard patches.cols == d else {
            throw VAEError.shapeMismatch(
                "patches have \(patches.cols) pixels, the model expects \(d) "
                    + "(patch side \(Int(Double(d).squareRoot())))")
        }
        guard patches.rows >= 1 else {
            throw VAEError.shapeMismatch("no patches given; pass at least one row")
        }
        if let maximum = maximumRows, patches.rows > maximum {
            throw VAEError.shapeMismatch(
                "a batch has \(patches.rows) patches, more than the batch size \(maximum)")
        }
        if let index = patches.values.firstIndex(where: { !$0.isFinite }) {
            throw VAEError.nonFinite(
                "patch \(index / d), pixel \(index % d) is \(patches.values[index])")
        }
    }

    /// Computes the training loss and every parameter gradient with the given noise, without
    /// updating; for gradient checks. `noiseZ2` is `rows x z2Size`, `noiseZ1` is
    /// `rows x z1Size`.
    func lossAndGradients(batch: Matrix, noiseZ2 e2: [Float], noiseZ1 e1: [Float]) -> Double {
        for (index, value) in e2.enumerated() { noiseZ2.pointer[index] = value }
        for (index, value) in e1.enumerated() { noiseZ1.pointer[index] = value }
        gradients.fill(0)
        let terms = batch.values.withUnsafeBufferPointer { x in
            runPass(
                x: x.baseAddress!, rows: batch.rows, computeGradients: true,
                klWeight: configuration.beta)
            return meanTerms(rows: batch.rows)
        }
        return terms.loss(beta: Double(configuration.beta))
    }
}
