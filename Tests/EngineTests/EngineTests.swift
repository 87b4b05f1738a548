import Foundation
import XCTest

@testable import Engine

final class JobTests: XCTestCase {
    private func temporaryFolder() throws -> String {
        let path = NSTemporaryDirectory() + "engine-tests-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
        return path
    }

    func testJobReturnsResultAndProgress() throws {
        let engine = Engine(log: nil)
        let job = engine.submit("sum") { context in
            var total = 0
            for value in 1...100 {
                total += value
                context.report(fraction: Double(value) / 100, "adding \(value)")
            }
            return total
        }
        XCTAssertEqual(try job.wait(), 5050)
        XCTAssertEqual(job.state, .finished)
        XCTAssertEqual(job.progress.fraction, 1)
        XCTAssertEqual(job.progress.message, "adding 100")
    }

    func testCancelStopsJobBetweenSteps() throws {
        let engine = Engine(log: nil)
        let started = DispatchSemaphore(value: 0)
        let job = engine.submit("endless") { context -> Int in
            started.signal()
            var steps = 0
            while true {
                try context.checkCancellation()
                steps += 1
                Thread.sleep(forTimeInterval: 0.001)
            }
        }
        started.wait()
        job.cancel()
        XCTAssertThrowsError(try job.wait()) { error in
            XCTAssertTrue(error is JobCancelled, "got \(error)")
        }
        XCTAssertEqual(job.state, .cancelled)
        XCTAssertTrue(engine.activeJobs.isEmpty)
    }

    func testPausedJobWaitsUntilResumed() throws {
        let engine = Engine(log: nil)
        let counter = Counter()
        let started = DispatchSemaphore(value: 0)
        let job = engine.submit("count") { context -> Int in
            started.signal()
            for _ in 0..<2000 {
                try context.checkCancellation()
                counter.increment()
                Thread.sleep(forTimeInterval: 0.0005)
            }
            return counter.value
        }
        started.wait()
        job.setPaused(true)
        Thread.sleep(forTimeInterval: 0.1)
        let whilePaused = counter.value
        Thread.sleep(forTimeInterval: 0.2)
        XCTAssertLessThanOrEqual(counter.value - whilePaused, 1, "job advanced while paused")
        XCTAssertEqual(job.state, .paused)
        job.setPaused(false)
        XCTAssertEqual(try job.wait(), 2000)
    }

    func testFailedJobIsLogged() throws {
        let folder = try temporaryFolder()
        let log = EventLog(path: folder + "/state/cortexscope.log")
        let engine = Engine(log: log)
        struct Broken: Error, CustomStringConvertible {
            var description: String { "fov9.mat: truncated" }
        }
        let job = engine.submit("load fov9.mat") { _ -> Int in throw Broken() }
        XCTAssertThrowsError(try job.wait())
        XCTAssertEqual(job.state, .failed("fov9.mat: truncated"))
        let text = try String(contentsOfFile: log.path, encoding: .utf8)
        XCTAssertTrue(text.contains("'load fov9.mat' failed: fov9.mat: truncated"), text)
    }

    func testConcurrentMapKeepsOrder() {
        let squares = Engine.concurrentMap(200) { $0 * $0 }
        XCTAssertEqual(squares, (0..<200).map { $0 * $0 })
    }
}

final class StorageTests: XCTestCase {
    func testStateDirectoryFollowsXDG() {
        XCTAssertEqual(
            EventLog.stateDirectory(environment: ["XDG_STATE_HOME": "/x/state", "HOME": "/h"]),
            "/x/state/cortexscope")
        XCTAssertEqual(
            EventLog.stateDirectory(environment: ["HOME": "/h"]), "/h/.local/state/cortexscope")
        XCTAssertEqual(
            EventLog.stateDirectory(environment: ["XDG_STATE_HOME": "relative", "HOME": "/h"]),
            "/h/.local/state/cortexscope", "a relative XDG path must be ignored")
    }

    func testAtomicWriteReplacesAndLeavesNoTemporary() throws {
        let folder = NSTemporaryDirectory() + "atomic-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/model.safetensors"

        try AtomicFile.write(Data("old".utf8), to: path)
        try AtomicFile.write(Data("new content".utf8), to: path)

        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "new content")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder),
                       ["model.safetensors"])
    }

    func testAtomicWriteIntoMissingFolderThrows() {
        XCTAssertThrowsError(
            try AtomicFile.write(Data("x".utf8), to: "/nonexistent-folder-\(UUID())/file"))
    }

    func testResultCacheComputesOnce() throws {
        let cache = ResultCache<Int>()
        var calls = 0
        let first = cache.value(for: "model-a/seed-1") { calls += 1; return 7 }
        let second = cache.value(for: "model-a/seed-1") { calls += 1; return 8 }
        XCTAssertEqual(first, 7)
        XCTAssertEqual(second, 7)
        XCTAssertEqual(calls, 1)
    }
}

private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    var value: Int { lock.withLock { count } }

    func increment() { lock.withLock { count += 1 } }
}
