import Foundation
import Numerics

/// Settings of a training run beyond the model's configuration.
public struct VAETrainingSettings: Sendable {
    /// Steps between held-out evaluations; 0 turns them off.
    public var evaluationInterval: Int
    /// Samples of (z2, z1) per held-out patch in each evaluation.
    public var evaluationSamples: Int
    /// Steps between checkpoints; 0 turns them off.
    public var checkpointInterval: Int
    /// Destination of checkpoints; nil turns them off.
    public var checkpointURL: URL?
    /// OpenBLAS worker threads, set process-wide when the trainer is created.
    public var blasThreadCount: Int

    /// Creates settings. By default evaluation runs every 500 steps with 1 sample,
    /// checkpoints are off and OpenBLAS uses one thread per active processor core.
    public init(
        evaluationInterval: Int = 500, evaluationSamples: Int = 1, checkpointInterval: Int = 0,
        checkpointURL: URL? = nil,
        blasThreadCount: Int = ProcessInfo.processInfo.activeProcessorCount
    ) {
        self.evaluationInterval = evaluationInterval
        self.evaluationSamples = evaluationSamples
        self.checkpointInterval = checkpointInterval
        self.checkpointURL = checkpointURL
        self.blasThreadCount = blasThreadCount
    }
}

/// The reason a training run returned.
public enum TrainingStopReason: Equatable, Sendable {
    /// The requested number of steps was reached.
    case completed
    /// `TrainingMonitor.cancel()` was called.
    case cancelled
}

/// Runs training steps of a `HierarchicalVAE` on batches from a `PatchSource`, with held-out
/// evaluation and checkpoints at fixed step intervals.
///
/// The trainer and its model belong to one thread or serial queue; other threads read
/// progress and request cancellation through `monitor`.
public final class VAETrainer {
    /// The model being trained.
    public let model: HierarchicalVAE
    /// Progress snapshot and cancellation flag shared with observers.
    public let monitor: TrainingMonitor
    /// Settings of the run.
    public let settings: VAETrainingSettings
    /// Patches for held-out evaluation, `patches x inputSize`.
    public let heldOutPatches: Matrix?
    private var source: any PatchSource
    private var secondsPerPatch: Double?

    /// Creates a trainer and sets the OpenBLAS thread count from `settings`. The model may
    /// be fresh or loaded from a checkpoint, and training continues from `model.step`.
    public init(
        model: HierarchicalVAE, source: any PatchSource, heldOutPatches: Matrix? = nil,
        settings: VAETrainingSettings = VAETrainingSettings(),
        monitor: TrainingMonitor = TrainingMonitor()
    ) {
        self.model = model
        self.source = source
        self.heldOutPatches = heldOutPatches
        self.settings = settings
        self.monitor = monitor
        BLAS.setThreadCount(settings.blasThreadCount)
        monitor.update { $0.step = model.step }
    }

    /// Runs one step on the next batch, then evaluates and checkpoints when their interval
    /// divides the new step count.
    ///
    /// - Returns: the batch's ELBO terms, nats per patch.
    /// - Throws: the patch source's errors, `VAEError` for bad batches or a non-finite loss,
    ///   `SafetensorsError` when a checkpoint cannot be written.
    @discardableResult
    public func step() throws -> ELBOTerms {
        let start = DispatchTime.now().uptimeNanoseconds
        let batch = try source.batch(index: model.step, size: model.configuration.batchSize)
        let terms = try model.trainStep(batch: batch)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let perPatch = seconds / Double(batch.rows)
        secondsPerPatch = secondsPerPatch.map { 0.9 * $0 + 0.1 * perPatch } ?? perPatch
        let rate = secondsPerPatch.map { $0 > 0 ? 1 / $0 : 0 } ?? 0
        let step = model.step
        monitor.update {
            $0.step = step
            $0.batchTerms = terms
            $0.patchesPerSecond = rate
        }

        if settings.evaluationInterval > 0, step % settings.evaluationInterval == 0 {
            _ = try evaluateHeldOut()
        }
        if settings.checkpointInterval > 0, step % settings.checkpointInterval == 0 {
            try saveCheckpoint()
        }
        return terms
    }

    /// Runs steps until the model has made `totalSteps` updates or cancellation is requested,
    /// checking the flag before each step.
    public func run(untilStep totalSteps: Int) throws -> TrainingStopReason {
        while model.step < totalSteps {
            if monitor.isCancelled { return .cancelled }
            try step()
        }
        return .completed
    }

    /// Evaluates the held-out patches with a fixed noise seed and records the result.
    ///
    /// - Returns: the mean ELBO terms, or nil when there are no held-out patches.
    @discardableResult
    public func evaluateHeldOut() throws -> ELBOTerms? {
        guard let patches = heldOutPatches else { return nil }
        let terms = try model.evaluate(
            patches: patches, samples: settings.evaluationSamples, seed: 0)
        let step = model.step
        monitor.update {
            $0.heldOutTerms = terms
            $0.heldOutStep = step
        }
        return terms
    }

    /// Writes a checkpoint to `settings.checkpointURL` when one is set.
    public func saveCheckpoint() throws {
        guard let url = settings.checkpointURL else { return }
        try model.saveCheckpoint(to: url)
        let step = model.step
        monitor.update { $0.checkpointStep = step }
    }
}
