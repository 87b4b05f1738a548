import Data
import Foundation
import Models
import Numerics
import Synchronization

/// The images, model, step count and checkpoint file of a training session.
public struct TrainingRequest: Sendable {
    /// When a session starts from an existing checkpoint.
    public enum Resume: Sendable, Equatable {
        /// Always start a new model, overwriting the checkpoint at the end.
        case never
        /// Continue from the checkpoint when the file exists, else start a new model.
        case ifPresent
        /// Continue from the checkpoint, and fail when it does not exist.
        case required
    }

    /// Folder of PNG or JPEG photographs.
    public var imagesFolder: String
    /// Architecture of a new model; a resumed model keeps its checkpoint's.
    public var configuration: VAEConfiguration
    /// Adam updates the model has made when training stops (a resumed model counts the
    /// updates it had already made).
    public var totalSteps: Int
    /// Checkpoint file, or nil for none.
    public var checkpointPath: String?
    /// Whether to continue from `checkpointPath`.
    public var resume: Resume
    /// Steps between checkpoints; 0 writes only the final one.
    public var checkpointInterval: Int
    /// Steps between held-out evaluations; 0 evaluates only at the end.
    public var evaluationInterval: Int
    /// Held-out patches per evaluation.
    public var heldOutPatchCount: Int

    /// Creates a request. By default checkpoints are written every 500 steps and the
    /// held-out ELBO of 512 patches is measured every 250 steps.
    public init(
        imagesFolder: String, configuration: VAEConfiguration = .reference, totalSteps: Int,
        checkpointPath: String?, resume: Resume = .never, checkpointInterval: Int = 500,
        evaluationInterval: Int = 250, heldOutPatchCount: Int = 512
    ) {
        self.imagesFolder = imagesFolder
        self.configuration = configuration
        self.totalSteps = totalSteps
        self.checkpointPath = checkpointPath
        self.resume = resume
        self.checkpointInterval = checkpointInterval
        self.evaluationInterval = evaluationInterval
        self.heldOutPatchCount = heldOutPatchCount
    }
}

/// The phase of a training session.
public enum TrainingStatus: Equatable, Sendable {
    /// Reading images or the checkpoint.
    case preparing
    case running
    case paused
    /// Writing the final checkpoint and evaluating the held-out patches.
    case finishing
    case completed
    case cancelled
    case failed(String)

    /// Whether the session has ended.
    public var isDone: Bool {
        switch self {
        case .completed, .cancelled, .failed: true
        case .preparing, .running, .paused, .finishing: false
        }
    }
}

/// A copy of a session's state for a progress display.
public struct TrainingSnapshot: Sendable {
    public var status: TrainingStatus = .preparing
    /// Step, throughput, latest batch and held-out terms, latest checkpoint step.
    public var progress = TrainingProgress()
    /// The step training stops at.
    public var totalSteps: Int
    /// Training-batch terms over the run.
    public var history = TrainingHistory()
    /// Held-out terms at each evaluation.
    public var heldOutHistory: [TrainingHistoryPoint] = []
    /// The checkpoint file, or nil when the session writes none.
    public var checkpointPath: String?

    /// Creates the snapshot of a session that has not started.
    public init(totalSteps: Int, checkpointPath: String? = nil) {
        self.totalSteps = totalSteps
        self.checkpointPath = checkpointPath
    }
}

/// The result of a finished session.
public struct TrainingOutcome: Sendable {
    /// Whether the session reached its step count or was cancelled.
    public var reason: TrainingStopReason
    /// The held-out ELBO terms at the final step, nats per patch.
    public var heldOut: ELBOTerms
    /// The held-out patches, for a breakdown without drawing them again.
    public var heldOutPatches: Matrix
    /// The trained model.
    public var model: LoadedModel
}

/// One run of `VAETrainer` on photograph patches, with progress, pause, cancellation,
/// periodic checkpoints and a history of the ELBO terms.
///
/// `start(on:)` runs it on the engine's exclusive lane. The headless `train` command and the
/// model screen both start sessions this way and read `snapshot` while it runs.
public final class TrainingSession: Sendable {
    public let request: TrainingRequest
    private let monitor = TrainingMonitor()
    private let state: Mutex<TrainingSnapshot>

    /// Creates a session that has not started.
    public init(request: TrainingRequest) {
        self.request = request
        self.state = Mutex(
            TrainingSnapshot(
                totalSteps: request.totalSteps, checkpointPath: request.checkpointPath))
    }

    /// The latest state.
    public var snapshot: TrainingSnapshot {
        var copy = state.withLock { $0 }
        let progress = monitor.progress
        if progress.step >= copy.progress.step { copy.progress = progress }
        return copy
    }

    /// Asks the session to stop after the current step; it still writes its checkpoint.
    public func cancel() {
        monitor.cancel()
    }

    /// Submits the session to `engine`'s exclusive lane and returns its job.
    public func start(on engine: Engine) -> Job<TrainingOutcome> {
        engine.submit("training", lane: .exclusive) { [self] context in
            try run(context: context)
        }
    }

    /// Runs the session on the calling thread until it completes or is cancelled.
    ///
    /// A cancel request (from `cancel()` or the job) stops training after the step in
    /// progress. The checkpoint is still written and the held-out ELBO still measured, so a
    /// cancelled session returns an outcome with reason `.cancelled`. A pause request from
    /// the job blocks between steps.
    ///
    /// - Throws: `TrainingError`, the `DataError` of reading the images, the `VAEError` or
    ///   `SafetensorsError` of a bad checkpoint, a non-finite loss or a failed write.
    public func run(context: JobContext? = nil) throws -> TrainingOutcome {
        do {
            let outcome = try train(context: context)
            setStatus(outcome.reason == .completed ? .completed : .cancelled)
            return outcome
        } catch {
            setStatus(.failed(String(describing: error)))
            throw error
        }
    }

    private func train(context: JobContext?) throws -> TrainingOutcome {
        context?.report("training: reading photographs")
        let model = try makeModel()
        let sampler = try HeldOutEvaluation.sampler(
            folder: request.imagesFolder, configuration: model.configuration)
        let heldOut = try Matrix(
            rows: request.heldOutPatchCount, cols: sampler.patchSize,
            values: try sampler.fixedHeldOutPatches(count: request.heldOutPatchCount))
        let checkpointURL = request.checkpointPath.map { URL(fileURLWithPath: $0) }
        if let checkpointURL {
            try FileManager.default.createDirectory(
                at: checkpointURL.deletingLastPathComponent(), withIntermediateDirectories: true)
        }
        let trainer = VAETrainer(
            model: model, source: SamplerPatchSource(sampler: sampler), heldOutPatches: heldOut,
            settings: VAETrainingSettings(
                evaluationInterval: request.evaluationInterval,
                checkpointInterval: request.checkpointInterval, checkpointURL: checkpointURL),
            monitor: monitor)
        setStatus(.running)

        var reason = TrainingStopReason.completed
        while model.step < request.totalSteps {
            if waitWhilePaused(context) {
                reason = .cancelled
                break
            }
            let terms = try trainer.step()
            record(step: model.step, terms: terms, progress: monitor.progress, context: context)
        }

        setStatus(.finishing)
        context?.report(fraction: 1, "training: saving the checkpoint")
        try trainer.saveCheckpoint()
        let final = try trainer.evaluateHeldOut() ?? ELBOTerms(
            reconstruction: .nan, klZ2: .nan, klZ1: .nan)
        recordHeldOut(step: model.step, terms: final)
        return TrainingOutcome(
            reason: reason, heldOut: final, heldOutPatches: heldOut,
            model: LoadedModel(model: model, checkpointPath: request.checkpointPath))
    }

    private func makeModel() throws -> HierarchicalVAE {
        let path = request.checkpointPath
        let exists = path.map { FileManager.default.fileExists(atPath: $0) } ?? false
        switch (request.resume, exists) {
        case (.required, false):
            throw TrainingError.invalidRequest(
                "\(path ?? "no checkpoint given"): no checkpoint to resume from; "
                    + "drop --resume to train a new model")
        case (.required, true), (.ifPresent, true):
            return try HierarchicalVAE(checkpointAt: URL(fileURLWithPath: path ?? ""))
        case (.never, _), (.ifPresent, false):
            try request.configuration.validate()
            return try HierarchicalVAE(configuration: request.configuration)
        }
    }

    /// Blocks while the job is paused; returns true when cancellation was requested.
    private func waitWhilePaused(_ context: JobContext?) -> Bool {
        var paused = false
        while context?.isPauseRequested == true && !isCancelled(context) {
            if !paused {
                setStatus(.paused)
                paused = true
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        if paused { setStatus(.running) }
        return isCancelled(context)
    }

    private func isCancelled(_ context: JobContext?) -> Bool {
        monitor.isCancelled || context?.isCancelled == true
    }

    private func record(
        step: Int, terms: ELBOTerms, progress: TrainingProgress, context: JobContext?
    ) {
        state.withLock { snapshot in
            snapshot.history.append(TrainingHistoryPoint(step: step, terms: terms))
            if let heldOut = progress.heldOutTerms, let heldOutStep = progress.heldOutStep,
                heldOutStep == step
            {
                snapshot.heldOutHistory.append(TrainingHistoryPoint(step: step, terms: heldOut))
            }
        }
        let total = max(1, request.totalSteps)
        context?.report(
            fraction: min(1, Double(step) / Double(total)),
            "training step \(step)/\(request.totalSteps)")
    }

    private func recordHeldOut(step: Int, terms: ELBOTerms) {
        state.withLock { snapshot in
            if snapshot.heldOutHistory.last?.step != step {
                snapshot.heldOutHistory.append(TrainingHistoryPoint(step: step, terms: terms))
            }
        }
    }

    private func setStatus(_ status: TrainingStatus) {
        state.withLock { $0.status = status }
    }
}
