import Foundation
import Synchronization

/// A snapshot of a training run, for progress displays.
public struct TrainingProgress: Equatable, Sendable {
    /// Adam updates made so far.
    public var step: Int = 0
    /// Training throughput, patches per second, averaged over recent steps.
    public var patchesPerSecond: Double = 0
    /// ELBO terms of the latest training batch, nats per patch.
    public var batchTerms: ELBOTerms?
    /// ELBO terms of the latest held-out evaluation, nats per patch.
    public var heldOutTerms: ELBOTerms?
    /// Step at which `heldOutTerms` was computed.
    public var heldOutStep: Int?
    /// Step of the latest checkpoint written.
    public var checkpointStep: Int?

    /// Creates an empty snapshot.
    public init() {}
}

/// The thread-safe link between a training job and its observers: the latest progress
/// snapshot and a cancellation flag checked between steps.
public final class TrainingMonitor: Sendable {
    private let state = Mutex(TrainingProgress())
    private let cancelled = Atomic<Bool>(false)

    /// Creates a monitor with an empty snapshot and no cancellation request.
    public init() {}

    /// The latest snapshot.
    public var progress: TrainingProgress {
        state.withLock { $0 }
    }

    /// Replaces the snapshot.
    func update(_ body: (inout TrainingProgress) -> Void) {
        state.withLock { body(&$0) }
    }

    /// Asks the training loop to stop after the step in progress.
    public func cancel() {
        cancelled.store(true, ordering: .relaxed)
    }

    /// Whether cancellation was requested.
    public var isCancelled: Bool {
        cancelled.load(ordering: .relaxed)
    }
}
