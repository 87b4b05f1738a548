import Engine
import Foundation
import Models

/// The hierarchical VAE of one explorer run, shared by the model and traversal screens:
/// the training session, the current model and its held-out breakdown, each produced by an
/// Engine job that the screens poll on draw.
@MainActor
final class ModelState {
    /// The explorer's checkpoint file, `STATE/models/hierarchical-vae.safetensors`.
    let checkpointPath: String
    /// Environment read for the training configuration, steps and photographs.
    let environment: [String: String]

    private(set) var session: TrainingSession?
    private(set) var trainingJob: Job<TrainingOutcome>?
    private(set) var model: LoadedModel?
    private(set) var breakdown: HeldOutBreakdown?
    /// The error message of the latest failed job, for the screens' status line.
    private(set) var failure: String?
    private var loadJob: Job<LoadedModel>?
    private var breakdownJob: Job<HeldOutBreakdown>?
    private var triedLoading = false

    /// Steps the `t` key trains to unless `CORTEXSCOPE_TRAIN_STEPS` sets another count.
    static let defaultTrainingSteps = 20_000

    init(stateFolder: String,
         environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.checkpointPath = (stateFolder as NSString)
            .appendingPathComponent("models/hierarchical-vae.safetensors")
        self.environment = environment
    }

    /// Whether a training job is queued, running or paused.
    var isTraining: Bool { trainingJob.map { !$0.state.isDone } ?? false }

    /// Whether a checkpoint or breakdown is being read or computed.
    var isLoading: Bool {
        (loadJob.map { !$0.state.isDone } ?? false)
            || (breakdownJob.map { !$0.state.isDone } ?? false)
    }

    /// Starts loading the explorer's checkpoint once, when it exists and no model is loaded.
    func loadIfPresent(engine: Engine) {
        guard !triedLoading, model == nil, !isTraining else { return }
        triedLoading = true
        guard FileManager.default.fileExists(atPath: checkpointPath) else { return }
        let path = checkpointPath
        loadJob = engine.submit("loading the model") { _ in
            try LoadedModel(checkpointAt: path)
        }
    }

    /// Starts training (resuming from the explorer's checkpoint when it exists) on the
    /// photographs. Returns a message when training cannot start.
    func startTraining(engine: Engine) -> String? {
        guard !isTraining else { return "training is already running" }
        let images: String
        var configuration = VAEConfiguration.reference
        do {
            images = try PhotographFolder.locate(environment: environment)
            if let path = environment["CORTEXSCOPE_TRAIN_CONFIG"], !path.isEmpty {
                configuration = try ConfigurationFile.read(path: path)
            }
        } catch {
            failure = "\(error)"
            return "\(error)"
        }
        let steps = environment["CORTEXSCOPE_TRAIN_STEPS"].flatMap { Int($0) }
            .map { max(1, $0) } ?? Self.defaultTrainingSteps
        let session = TrainingSession(
            request: TrainingRequest(
                imagesFolder: images, configuration: configuration, totalSteps: steps,
                checkpointPath: checkpointPath, resume: .ifPresent))
        self.session = session
        failure = nil
        trainingJob = session.start(on: engine)
        return nil
    }

    /// Pauses or resumes the training job; returns false when none is active.
    func togglePause() -> Bool {
        guard let job = trainingJob, !job.state.isDone else { return false }
        job.setPaused(job.state != .paused)
        return true
    }

    /// Cancels the training job, which still writes its checkpoint; returns false when none
    /// is active.
    func cancelTraining() -> Bool {
        guard let job = trainingJob, !job.state.isDone else { return false }
        session?.cancel()
        job.setPaused(false)
        return true
    }

    /// Shows `model` and its held-out `breakdown` as if a job had produced them.
    func adopt(model: LoadedModel, breakdown: HeldOutBreakdown?) {
        self.model = model
        self.breakdown = breakdown
    }

    /// Collects finished jobs: a trained or loaded model starts its held-out breakdown.
    func poll(engine: Engine) {
        if let job = trainingJob, job.state.isDone {
            trainingJob = nil
            collectTraining(job, engine: engine)
        }
        if let job = loadJob, job.state.isDone {
            loadJob = nil
            switch job.state {
            case .finished:
                if let loaded = job.result, model == nil {
                    model = loaded
                    startBreakdown(model: loaded, outcome: nil, engine: engine)
                }
            case .failed(let message):
                failure = message
            default:
                break
            }
        }
        if let job = breakdownJob, job.state.isDone {
            if case .failed(let message) = job.state { failure = message }
            if let result = job.result { breakdown = result }
        }
    }

    private func collectTraining(_ job: Job<TrainingOutcome>, engine: Engine) {
        switch job.state {
        case .finished:
            guard let outcome = job.result else { return }
            model = outcome.model
            breakdown = nil
            startBreakdown(model: outcome.model, outcome: outcome, engine: engine)
        case .failed(let message):
            failure = message
        case .cancelled where session?.snapshot.status == .preparing:
            // Cancelled while queued: nothing was trained, so there is nothing to show.
            session = nil
        default:
            break
        }
    }

    /// Evaluates `model` on the held-out patches of `outcome`, or on newly drawn ones.
    private func startBreakdown(model: LoadedModel, outcome: TrainingOutcome?, engine: Engine) {
        let environment = self.environment
        breakdownJob = engine.submit("held-out ELBO") { _ in
            let heldOut = try outcome?.heldOutPatches ?? HeldOutEvaluation.patches(
                folder: PhotographFolder.locate(environment: environment),
                configuration: model.configuration, count: 512)
            return try HeldOutEvaluation.breakdown(model: model, patches: heldOut)
        }
    }
}
