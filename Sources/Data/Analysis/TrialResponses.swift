/// One response value per unit and trial: the mean over the response window minus the mean
/// over the baseline window.
///
/// Means ignore NaN and infinite samples, like numpy's `nanmean` for NaN. A trial whose
/// response or baseline window has no finite sample gets NaN, and the analysis leaves it out
/// of its condition.
public struct TrialResponses: Sendable, Equatable {
    public let units: Int
    public let trials: Int
    /// Responses at `unit * trials + trial`, in the units of the activity (here z-scored
    /// calcium activity).
    public var values: [Double]

    public init(units: Int, trials: Int, values: [Double]) throws {
        guard values.count == units * trials else {
            throw DataError.shapeMismatch(
                "trial responses have \(values.count) values, expected \(units) units x "
                    + "\(trials) trials")
        }
        self.units = units
        self.trials = trials
        self.values = values
    }

    /// Computes the responses of every unit and trial of `dataset`.
    ///
    /// A dataset with one sample per trial (spike rates from the NWB importer, per-trial
    /// NumPy arrays) already contains one response per trial, so that sample is the response
    /// and the windows are not applied. Throws when a window contains no sample (see
    /// `ResponseWindows.sampleIndices`).
    public init(dataset: Dataset, windows: ResponseWindows) throws {
        let activity = dataset.activity
        guard dataset.sampleTimes.count == activity.samples else {
            throw DataError.shapeMismatch(
                "dataset '\(dataset.name)' has \(dataset.sampleTimes.count) sample times but "
                    + "\(activity.samples) samples per trial")
        }
        if activity.samples == 1 {
            self.units = activity.units
            self.trials = activity.trials
            self.values = activity.values
            return
        }
        let indices = try windows.sampleIndices(for: dataset.sampleTimes)
        var values = [Double](repeating: .nan, count: activity.units * activity.trials)
        activity.values.withUnsafeBufferPointer { samples in
            for row in 0..<(activity.units * activity.trials) {
                let start = row * activity.samples
                let response = Self.nanMean(samples, start, indices.response)
                let baseline = Self.nanMean(samples, start, indices.baseline)
                values[row] = response - baseline
            }
        }
        self.units = activity.units
        self.trials = activity.trials
        self.values = values
    }

    public subscript(unit: Int, trial: Int) -> Double {
        values[unit * trials + trial]
    }

    /// The mean of the finite values at `start + offsets`, or NaN when there is none.
    static func nanMean(_ values: UnsafeBufferPointer<Double>, _ start: Int, _ offsets: [Int])
        -> Double
    {
        var sum = 0.0
        var count = 0
        for offset in offsets {
            let value = values[start + offset]
            if value.isFinite {
                sum += value
                count += 1
            }
        }
        return count > 0 ? sum / Double(count) : .nan
    }
}
