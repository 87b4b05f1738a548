import Data
import Engine
import Foundation

/// The sessions of one explorer run, added as their loading jobs finish.
///
/// Owned by the main thread: `poll()` moves finished jobs' results in, so screens read
/// plain values and never wait on a job.
@MainActor
final class SessionStore {
    /// One row of the sessions list.
    enum Entry {
        case loading(path: String, job: Job<[Session]>)
        case loaded(Session)
        case failed(path: String, message: String)

        var name: String {
            switch self {
            case .loading(let path, _), .failed(let path, _):
                (path as NSString).lastPathComponent
            case .loaded(let session):
                session.dataset.name
            }
        }
    }

    private(set) var entries: [Entry] = []
    /// Folders and files the explorer was asked to open, for the empty-state message.
    let searchedPaths: [String]
    /// Bumped whenever `entries` changes, so screens can tell their cached rows are stale.
    private(set) var revision = 0

    init(searchedPaths: [String]) {
        self.searchedPaths = searchedPaths
    }

    /// Starts loading each path on the engine.
    func startLoading(_ paths: [String], engine: Engine, settings: TuningSettings) {
        let jobs = engine.loadSessions(paths: paths, settings: settings)
        for (path, job) in zip(paths, jobs) {
            entries.append(.loading(path: path, job: job))
        }
        revision += 1
    }

    /// Adds a session that is already computed (an in-silico experiment's result).
    func add(_ session: Session) {
        entries.append(.loaded(session))
        revision += 1
    }

    /// Moves finished jobs' results into `entries`. Returns the failures that are new, for
    /// the message line and the log.
    func poll() -> [String] {
        var failures: [String] = []
        var changed = false
        var updated: [Entry] = []
        for entry in entries {
            guard case .loading(let path, let job) = entry, job.state.isDone else {
                updated.append(entry)
                continue
            }
            changed = true
            do {
                let sessions = try job.wait()
                if sessions.isEmpty {
                    updated.append(.failed(path: path, message: "no session in the file"))
                }
                updated += sessions.map { .loaded($0) }
            } catch {
                let message = "\(error)"
                updated.append(.failed(path: path, message: message))
                failures.append(message)
            }
        }
        if changed {
            entries = updated
            revision += 1
        }
        return failures
    }

    var loadedSessions: [Session] {
        entries.compactMap { entry in
            if case .loaded(let session) = entry { return session }
            return nil
        }
    }

    /// Loading progress as (finished, total) files, or nil when nothing is loading.
    var loadingProgress: (done: Int, total: Int)? {
        let loading = entries.filter {
            if case .loading = $0 { return true }
            return false
        }.count
        guard loading > 0 else { return nil }
        return (entries.count - loading, entries.count)
    }
}
