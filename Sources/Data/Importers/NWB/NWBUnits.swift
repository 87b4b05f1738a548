import Dispatch

/// The `units` table of an NWB file: unit ids and ragged spike times, read with one H5Dread
/// for all spike times and one for their index.
struct NWBUnits {
    let ids: [String]
    /// Every unit's spike times (s) back to back; unit `u` owns `spikeTimes[starts[u]..<ends[u]]`.
    let spikeTimes: [Double]
    let ends: [Int]
    /// Names of the other columns (location, electrodes, obs_intervals ...).
    let otherColumns: [String]
    /// Each unit's observation intervals as (start, stop) in seconds, from the optional
    /// ragged `obs_intervals` column; nil when the table has none.
    let observationIntervals: [[(Double, Double)]]?
    /// Problems that did not stop the import.
    let warnings: [String]

    init(file: HDF5File, path: String = "/units") throws {
        let columns = NWBTableColumns(file: file, table: path)
        let ragged = try columns.raggedNumbers("spike_times")
        let idPath = HDF5File.join(path, "id")
        let ids: [String]
        if file.kind(of: idPath) == .dataset {
            ids = try file.dataset(idPath).readInt64s().map { String($0) }
        } else {
            ids = ragged.ends.indices.map { "unit\($0)" }
        }
        guard ids.count == ragged.ends.count else {
            throw file.failure(
                idPath,
                "has \(ids.count) ids but spike_times_index has \(ragged.ends.count) rows")
        }
        var spikeTimes = ragged.values
        var warnings: [String] = []
        var start = 0
        for (unit, end) in ragged.ends.enumerated() {
            let slice = spikeTimes[start..<end]
            if zip(slice.dropFirst(), slice).contains(where: { $0 < $1 }) {
                spikeTimes[start..<end].sort()
                warnings.append("unit \(ids[unit]): spike times were not sorted; sorted them")
            }
            start = end
        }
        let names = (try? columns.names()) ?? []
        self.observationIntervals = try NWBUnits.readObservationIntervals(
            file: file, path: path, units: ids.count)
        self.ids = ids
        self.spikeTimes = spikeTimes
        self.ends = ragged.ends
        self.otherColumns = names.filter { $0 != "spike_times" }
        self.warnings = warnings
    }

    var count: Int { ids.count }

    static func readObservationIntervals(
        file: HDF5File, path: String, units: Int
    ) throws -> [[(Double, Double)]]? {
        let valuesPath = HDF5File.join(path, "obs_intervals")
        guard file.kind(of: valuesPath) == .dataset else { return nil }
        let dataset = try file.dataset(valuesPath)
        guard dataset.shape.count == 2, dataset.shape[1] == 2 else {
            throw file.failure(valuesPath, "has shape \(dataset.shape); expected n x 2")
        }
        let values = try dataset.readDoubles()
        let indexPath = valuesPath + "_index"
        guard file.kind(of: indexPath) == .dataset else {
            throw file.failure(indexPath, "missing; obs_intervals needs its index")
        }
        let ends = try file.dataset(indexPath).readInt64s().map { Int($0) }
        guard ends.count == units else {
            throw file.failure(indexPath, "has \(ends.count) rows for \(units) units")
        }
        var intervals: [[(Double, Double)]] = []
        var start = 0
        for end in ends {
            guard end >= start, end * 2 <= values.count else {
                throw file.failure(indexPath, "is not a rising index into obs_intervals")
            }
            intervals.append((start..<end).map { (values[2 * $0], values[2 * $0 + 1]) })
            start = end
        }
        return intervals
    }

    /// Sets to NaN each rate whose absolute window `start + lower ..< start + upper` does
    /// not lie inside one of the unit's observation intervals, because the unit's activity
    /// there is unknown rather than zero.
    func maskUnobserved(
        _ rates: inout [Double], starts: [Double], windows: [(Double, Double)]
    ) {
        guard let observationIntervals else { return }
        let trials = starts.count
        for (unit, intervals) in observationIntervals.enumerated() {
            for trial in 0..<trials {
                let lower = starts[trial] + windows[trial].0
                let upper = starts[trial] + windows[trial].1
                let observed = intervals.contains { $0.0 <= lower && upper <= $0.1 }
                if !observed { rates[unit * trials + trial] = .nan }
            }
        }
    }

    func range(of unit: Int) -> Range<Int> {
        (unit == 0 ? 0 : ends[unit - 1])..<ends[unit]
    }

    /// Spike rates (spikes/s) per unit and trial, `rates[unit * trials + trial]`: the count
    /// of spikes with `start + lower <= t < start + upper` divided by `upper - lower`.
    /// `windows` gives (lower, upper) per trial relative to its start. Units run in parallel.
    func rates(starts: [Double], windows: [(Double, Double)]) -> [Double] {
        let trials = starts.count
        let bounds = WindowBounds(starts: starts, windows: windows)
        let widths = windows.map { $0.1 - $0.0 }
        var rates = [Double](repeating: 0, count: count * trials)
        rates.withUnsafeMutableBufferPointer { output in
            let output = SendableBuffer(output)
            spikeTimes.withUnsafeBufferPointer { spikes in
                let spikes = SendableConstBuffer(spikes)
                DispatchQueue.concurrentPerform(iterations: count) { unit in
                    bounds.forEachTrial(in: spikes.base, range: range(of: unit)) {
                        trial, first, last in
                        output.base[unit * trials + trial] = Double(last - first) / widths[trial]
                    }
                }
            }
        }
        return rates
    }

    /// Spike times per unit and trial relative to the trial's start, keeping spikes with
    /// `start + lower <= t < start + upper` for each trial's (lower, upper) in `spans`.
    func raster(starts: [Double], spans: [(Double, Double)]) -> [[[Double]]] {
        let trials = starts.count
        let bounds = WindowBounds(starts: starts, windows: spans)
        let buffer = UnsafeMutableBufferPointer<[[Double]]>.allocate(capacity: count)
        buffer.initialize(repeating: [])
        defer {
            buffer.deinitialize()
            buffer.deallocate()
        }
        let output = SendableBuffer(buffer)
        spikeTimes.withUnsafeBufferPointer { spikes in
            let spikes = SendableConstBuffer(spikes)
            DispatchQueue.concurrentPerform(iterations: count) { unit in
                var perTrial = [[Double]](repeating: [], count: trials)
                bounds.forEachTrial(in: spikes.base, range: range(of: unit)) {
                    trial, first, last in
                    guard first < last else { return }
                    let start = starts[trial]
                    perTrial[trial] = [Double](unsafeUninitializedCapacity: last - first) {
                        target, initialized in
                        for index in first..<last {
                            target[index - first] = spikes.base[index] - start
                        }
                        initialized = last - first
                    }
                }
                output.base[unit] = perTrial
            }
        }
        return Array(buffer)
    }

    /// Returns the first index in `range` whose spike time is at least `value`.
    static func lowerBound(
        _ spikes: UnsafeBufferPointer<Double>, _ range: Range<Int>, _ value: Double
    ) -> Int {
        var low = range.lowerBound
        var high = range.upperBound
        while low < high {
            let middle = (low + high) / 2
            if spikes[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low
    }
}

/// The absolute window of each trial, `start + lower ..< start + upper`. When the window
/// starts and ends both rise from trial to trial (the usual case), one merge pass over a
/// unit's spikes finds every trial's spikes. Otherwise each trial gets a binary search.
struct WindowBounds: Sendable {
    let lower: [Double]
    let upper: [Double]
    let rising: Bool

    init(starts: [Double], windows: [(Double, Double)]) {
        lower = zip(starts, windows).map { $0 + $1.0 }
        upper = zip(starts, windows).map { $0 + $1.1 }
        rising = zip(lower.dropFirst(), lower).allSatisfy { $0 >= $1 }
            && zip(upper.dropFirst(), upper).allSatisfy { $0 >= $1 }
    }

    /// Calls `body(trial, first, last)` with the index range of each trial's spikes.
    @inline(__always)
    func forEachTrial(
        in spikes: UnsafeBufferPointer<Double>, range: Range<Int>,
        _ body: (Int, Int, Int) -> Void
    ) {
        guard rising else {
            for trial in lower.indices {
                let first = NWBUnits.lowerBound(spikes, range, lower[trial])
                let last = NWBUnits.lowerBound(spikes, range, upper[trial])
                body(trial, first, max(first, last))
            }
            return
        }
        var first = range.lowerBound
        var last = range.lowerBound
        for trial in lower.indices {
            while first < range.upperBound, spikes[first] < lower[trial] { first += 1 }
            if last < first { last = first }
            while last < range.upperBound, spikes[last] < upper[trial] { last += 1 }
            body(trial, first, last)
        }
    }
}

/// A mutable buffer that parallel workers write at disjoint indices.
private struct SendableBuffer<Element>: @unchecked Sendable {
    let base: UnsafeMutableBufferPointer<Element>
    init(_ base: UnsafeMutableBufferPointer<Element>) { self.base = base }
}

/// A read-only buffer shared by parallel workers.
private struct SendableConstBuffer<Element>: @unchecked Sendable {
    let base: UnsafeBufferPointer<Element>
    init(_ base: UnsafeBufferPointer<Element>) { self.base = base }
}
