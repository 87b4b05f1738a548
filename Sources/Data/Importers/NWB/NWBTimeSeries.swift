/// One NWB TimeSeries read into memory: sample times in seconds and a values matrix.
struct NWBTimeSeries {
    /// The group's path inside the file.
    let path: String
    let name: String
    /// The `neurodata_type` attribute (TimeSeries, RoiResponseSeries, ...).
    let neurodataType: String
    let unit: String
    /// One time per sample, in seconds, rising.
    let times: [Double]
    /// The sampling rate in Hz when the file gives `starting_time` and `rate`.
    let rate: Double?
    /// Columns per sample (1 for a 1-D series, the ROI count for a 2-D dF/F series).
    let columns: Int
    /// Values at `sample * columns + column`.
    let values: [Double]

    /// Reads the series at `path`. Times come from `timestamps`, or from `starting_time`
    /// and its `rate` attribute as `starting_time + i / rate`.
    init(file: HDF5File, path: String) throws {
        let data = try file.dataset(HDF5File.join(path, "data"))
        guard data.dataType.isNumeric else {
            throw file.failure(data.path, "contains \(data.dataType), not numbers")
        }
        guard (1...2).contains(data.shape.count), let samples = data.shape.first else {
            throw file.failure(data.path, "has shape \(data.shape); expected time x channels")
        }
        self.columns = data.shape.count == 2 ? data.shape[1] : 1
        self.values = try data.readDoubles()
        self.path = path
        self.name = String(path.split(separator: "/").last ?? "")
        self.neurodataType = file.stringAttribute("neurodata_type", of: path) ?? "TimeSeries"
        self.unit = file.stringAttribute("unit", of: data.path) ?? ""

        let timestampsPath = HDF5File.join(path, "timestamps")
        let startPath = HDF5File.join(path, "starting_time")
        if file.kind(of: timestampsPath) == .dataset {
            let times = try file.dataset(timestampsPath).readDoubles()
            guard times.count == samples else {
                throw file.failure(
                    timestampsPath, "has \(times.count) times for \(samples) samples of data")
            }
            for index in times.indices.dropFirst() where !(times[index] >= times[index - 1]) {
                throw file.failure(
                    timestampsPath, "time \(index) (\(times[index]) s) is before the one before")
            }
            self.times = times
            self.rate = nil
        } else if file.kind(of: startPath) == .dataset {
            let start = try file.dataset(startPath).readDoubles().first ?? 0
            guard case .numbers(let rates)? = try file.attribute("rate", of: startPath),
                let rate = rates.first, rate > 0, rate.isFinite
            else {
                throw file.failure(startPath, "has no positive 'rate' attribute (Hz)")
            }
            self.times = (0..<samples).map { start + Double($0) / rate }
            self.rate = rate
        } else {
            throw file.failure(path, "has neither 'timestamps' nor 'starting_time' and 'rate'")
        }
    }

    /// The series' own sampling rate in Hz: `rate`, or one over the median interval.
    var samplingRate: Double? {
        if let rate { return rate }
        guard times.count > 1 else { return nil }
        let intervals = zip(times.dropFirst(), times).map { $0 - $1 }.sorted()
        let median = intervals[intervals.count / 2]
        return median > 0 ? 1 / median : nil
    }

    /// Returns the mean of column `column` over samples with `lower <= time < upper`, or NaN when
    /// no sample falls inside.
    func mean(column: Int, from lower: Double, to upper: Double) -> Double {
        var index = NWBTimeSeries.lowerBound(times, lower)
        var sum = 0.0
        var count = 0
        while index < times.count, times[index] < upper {
            sum += values[index * columns + column]
            count += 1
            index += 1
        }
        return count > 0 ? sum / Double(count) : .nan
    }

    /// Column `column` linearly interpolated at time `time`, NaN outside the series (numpy's
    /// `interp` with `left=nan, right=nan`).
    func interpolate(column: Int, at time: Double) -> Double {
        guard let first = times.first, let last = times.last, time >= first, time <= last else {
            return .nan
        }
        let upper = NWBTimeSeries.lowerBound(times, time)
        if times[upper] == time { return values[upper * columns + column] }
        let lower = upper - 1
        let left = values[lower * columns + column]
        let right = values[upper * columns + column]
        let slope = (right - left) / (times[upper] - times[lower])
        return slope * (time - times[lower]) + left
    }

    /// Returns the first index whose value is at least `value` in the rising array `array`.
    static func lowerBound(_ array: [Double], _ value: Double) -> Int {
        var low = 0
        var high = array.count
        while low < high {
            let middle = (low + high) / 2
            if array[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// Returns the paths of the TimeSeries groups under `acquisition` and `processing` (modules and
    /// one level of containers inside them), in name order. A group counts when it has a
    /// `data` dataset and a `timestamps` or `starting_time` dataset.
    static func locateAll(in file: HDF5File) throws -> [String] {
        var found: [String] = []
        func visit(_ group: String, depth: Int) throws {
            guard file.kind(of: group) == .group else { return }
            for child in try file.children(of: group) {
                let path = HDF5File.join(group, child)
                guard file.kind(of: path) == .group else { continue }
                let hasTimes = file.kind(of: path + "/timestamps") == .dataset
                    || file.kind(of: path + "/starting_time") == .dataset
                if file.kind(of: path + "/data") == .dataset, hasTimes {
                    found.append(path)
                } else if depth > 0 {
                    try visit(path, depth: depth - 1)
                }
            }
        }
        try visit("/acquisition", depth: 1)
        try visit("/processing", depth: 2)
        return found
    }
}
