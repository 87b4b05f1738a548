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
        self.ids = ids
        self.spikeTimes = spikeTimes
        self.ends = ragged.ends
        self.otherColumns = names.filter { $0 != "spike_times" }
        self.warnings = warnings
    }

    var count: Int { ids.count }

    func range(of unit: Int) -> Range<Int> {
        (unit == 0 ? 0 : ends[unit - 1])..<ends[unit]
    }

    /// Spike rates (spikes/s) per unit and trial, `rates[unit * trials + trial]`: the count
    /// of spikes with `start + lower <= t < start + upper` divided by `upper - lower`.
    /// `windows` gives (lower, upper) per trial relative to its start. Units run in parallel.
    func rates(starts: [Double], windows: [(Double, Double)]) -> [Double] {
        let trials = starts.count
        var rates = [Double](repeating: 0, count: count * trials)
        rates.withUnsafeMutableBufferPointer { output in
            let output = SendableBuffer(output)
            spikeTimes.withUnsafeBufferPointer { spikes in
                let spikes = SendableConstBuffer(spikes)
                DispatchQueue.concurrentPerform(iterations: count) { unit in
                    let range = range(of: unit)
                    for trial in 0..<trials {
                        let (lower, upper) = windows[trial]
                        let first = NWBUnits.lowerBound(spikes.base, range, starts[trial] + lower)
                        let last = NWBUnits.lowerBound(spikes.base, range, starts[trial] + upper)
                        output.base[unit * trials + trial] =
                            Double(max(last - first, 0)) / (upper - lower)
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
                let range = range(of: unit)
                var perTrial: [[Double]] = []
                perTrial.reserveCapacity(trials)
                for trial in 0..<trials {
                    let start = starts[trial]
                    let first = NWBUnits.lowerBound(spikes.base, range, start + spans[trial].0)
                    let last = NWBUnits.lowerBound(spikes.base, range, start + spans[trial].1)
                    perTrial.append(
                        first < last ? spikes.base[first..<last].map { $0 - start } : [])
                }
                output.base[unit] = perTrial
            }
        }
        return Array(buffer)
    }

    /// The first index in `range` whose spike time is at least `value`.
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

/// A mutable buffer that parallel workers write at disjoint indices.
struct SendableBuffer<Element>: @unchecked Sendable {
    let base: UnsafeMutableBufferPointer<Element>
    init(_ base: UnsafeMutableBufferPointer<Element>) { self.base = base }
}

/// A read-only buffer shared by parallel workers.
struct SendableConstBuffer<Element>: @unchecked Sendable {
    let base: UnsafeBufferPointer<Element>
    init(_ base: UnsafeBufferPointer<Element>) { self.base = base }
}
