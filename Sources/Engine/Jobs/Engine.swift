import Dispatch
import Foundation
import Synchronization

/// Runs jobs on Dispatch queues and keeps the list of jobs the interface shows.
///
/// Loading and analysis jobs share a concurrent queue whose width is the core count;
/// training runs on its own serial queue because it already uses every core through BLAS.
public final class Engine: Sendable {
    public let log: EventLog?
    private let workers: DispatchQueue
    private let training = DispatchQueue(label: "cortexscope.training", qos: .userInitiated)
    private let jobs = Mutex<[any JobHandle]>([])
    private let nextID = Atomic<Int>(1)

    public init(log: EventLog? = EventLog.standard()) {
        self.log = log
        self.workers = DispatchQueue(
            label: "cortexscope.workers", qos: .userInitiated, attributes: .concurrent)
    }

    /// Which queue a job runs on.
    public enum Lane: Sendable {
        /// Concurrent work that uses one core per job (loading files, analyses).
        case workers
        /// One job at a time, for work that uses every core itself (training, sampling).
        case exclusive
    }

    /// Starts `work` in the background and returns its handle at once.
    @discardableResult
    public func submit<Result: Sendable>(
        _ name: String, lane: Lane = .workers,
        _ work: @escaping @Sendable (JobContext) throws -> Result
    ) -> Job<Result> {
        let job = Job<Result>(id: nextID.wrappingAdd(1, ordering: .relaxed).oldValue, name: name)
        jobs.withLock { $0.append(job) }
        let log = self.log
        let queue = lane == .workers ? workers : training
        queue.async { job.run(work, log: log) }
        return job
    }

    /// Number of jobs submitted so far. When it changes, a job may have started and ended
    /// between two polls of the interface, which must then redraw.
    public var submittedJobCount: Int {
        nextID.load(ordering: .relaxed) - 1
    }

    /// The jobs still queued or running, oldest first.
    public var activeJobs: [any JobHandle] {
        jobs.withLock { list in
            list.removeAll { $0.state.isDone }
            return list
        }
    }

    /// Runs `body` for every index in `0..<count` on all cores and waits for all of them.
    public static func concurrentMap<T: Sendable>(
        _ count: Int, _ body: @Sendable (Int) -> T
    ) -> [T] {
        let results = Mutex<[T?]>(Array(repeating: nil, count: count))
        DispatchQueue.concurrentPerform(iterations: count) { index in
            let value = body(index)
            results.withLock { $0[index] = value }
        }
        return results.withLock { $0.map { $0! } }
    }
}
