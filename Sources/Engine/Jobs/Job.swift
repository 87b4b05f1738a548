import Dispatch
import Foundation
import Synchronization

/// The last progress report of a running job: how far it is and what it is doing.
public struct JobProgress: Sendable, Equatable {
    /// Completed fraction in 0...1, or nil when the job cannot tell.
    public var fraction: Double?
    /// A short line for the status bar (for example "loading 3 of 5: fov1.mat").
    public var message: String

    public init(fraction: Double? = nil, message: String = "") {
        self.fraction = fraction
        self.message = message
    }
}

/// The life cycle of a job.
public enum JobState: Sendable, Equatable {
    case queued
    case running
    case paused
    case finished
    case failed(String)
    case cancelled

    public var isDone: Bool {
        switch self {
        case .finished, .failed, .cancelled: true
        case .queued, .running, .paused: false
        }
    }
}

/// Thrown by `JobContext.checkCancellation()` when the job was cancelled.
public struct JobCancelled: Error, Sendable {}

/// A job's view of itself while it runs: report progress, honour cancel and pause requests.
public final class JobContext: Sendable {
    private let progress = Mutex(JobProgress())
    private let cancelRequested = Atomic<Bool>(false)
    private let pauseRequested = Atomic<Bool>(false)

    init() {}

    /// Publishes progress; the interface reads the latest value on its next tick.
    public func report(fraction: Double? = nil, _ message: String) {
        progress.withLock { $0 = JobProgress(fraction: fraction, message: message) }
    }

    public var latestProgress: JobProgress { progress.withLock { $0 } }

    public var isCancelled: Bool { cancelRequested.load(ordering: .relaxed) }

    public var isPauseRequested: Bool { pauseRequested.load(ordering: .relaxed) }

    /// Throws `JobCancelled` once cancel was requested, and blocks while paused, polling
    /// every 50 ms. Call it between units of work (a file, a training step).
    public func checkCancellation() throws {
        while isPauseRequested && !isCancelled {
            Thread.sleep(forTimeInterval: 0.05)
        }
        if isCancelled { throw JobCancelled() }
    }

    func requestCancel() { cancelRequested.store(true, ordering: .relaxed) }

    func setPaused(_ paused: Bool) { pauseRequested.store(paused, ordering: .relaxed) }
}

/// A unit of background work with a typed result, polled by the interface each tick.
public protocol JobHandle: AnyObject, Sendable {
    var id: Int { get }
    var name: String { get }
    var state: JobState { get }
    var progress: JobProgress { get }
    func cancel()
    func setPaused(_ paused: Bool)
}

/// A job that produces a `Result` on a Dispatch queue.
public final class Job<Result: Sendable>: JobHandle {
    public let id: Int
    public let name: String
    let context = JobContext()
    private let stored = Mutex<(state: JobState, result: Result?)>((.queued, nil))
    private let done = DispatchSemaphore(value: 0)

    init(id: Int, name: String) {
        self.id = id
        self.name = name
    }

    public var state: JobState { stored.withLock { $0.state } }

    public var progress: JobProgress { context.latestProgress }

    /// The result once the job has finished, else nil.
    public var result: Result? { stored.withLock { $0.result } }

    public func cancel() {
        context.requestCancel()
        context.setPaused(false)
    }

    public func setPaused(_ paused: Bool) {
        context.setPaused(paused)
        stored.withLock { stored in
            if stored.state == .running && paused { stored.state = .paused }
            if stored.state == .paused && !paused { stored.state = .running }
        }
    }

    /// Blocks the calling thread until the job ends, then returns its result or throws its
    /// error. For headless commands and tests; the interface polls instead.
    public func wait() throws -> Result {
        done.wait()
        done.signal()
        return try stored.withLock { stored in
            switch stored.state {
            case .finished:
                guard let result = stored.result else { throw EngineError.noResult(name) }
                return result
            case .failed(let message):
                throw EngineError.jobFailed(job: name, message: message)
            case .cancelled:
                throw JobCancelled()
            case .queued, .running, .paused:
                throw EngineError.noResult(name)
            }
        }
    }

    func run(_ work: (JobContext) throws -> Result, log: EventLog?) {
        stored.withLock { $0.state = context.isCancelled ? .cancelled : .running }
        defer { done.signal() }
        guard !context.isCancelled else { return }
        do {
            let value = try work(context)
            stored.withLock { $0 = (.finished, value) }
        } catch is JobCancelled {
            stored.withLock { $0.state = .cancelled }
            log?.write("job \(id) '\(name)' cancelled")
        } catch {
            let message = String(describing: error)
            stored.withLock { $0.state = .failed(message) }
            log?.write("job \(id) '\(name)' failed: \(message)")
        }
    }
}

/// Errors raised by the engine itself, as opposed to the work it runs.
public enum EngineError: Error, CustomStringConvertible, Sendable {
    case jobFailed(job: String, message: String)
    case noResult(String)

    public var description: String {
        switch self {
        case .jobFailed(let job, let message): "\(job) failed: \(message)"
        case .noResult(let job): "\(job) ended without a result"
        }
    }
}
