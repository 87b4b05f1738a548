/// Settings for reading an NWB file into a `Dataset`.
public struct NWBImportOptions: Sendable, Equatable {
    /// A time window in seconds relative to a trial's `start_time`.
    public struct Window: Sendable, Equatable {
        public var start: Double
        public var stop: Double

        public init(start: Double, stop: Double) {
            self.start = start
            self.stop = stop
        }
    }

    /// The response window for spike rates and for one-sample behaviour means. Nil means
    /// each trial's own `[start_time, stop_time)`.
    public var window: Window?
    /// A baseline window; when set, its spike rate is subtracted from the response rate.
    public var baseline: Window?
    /// The TimeIntervals table to use as trials (for example
    /// `intervals/natural_scenes_presentations`). Nil picks `intervals/trials`, else the
    /// first `*_presentations` table in name order, else the first TimeIntervals table.
    public var trialsTable: String?
    /// Keep spike times per unit and trial in `Dataset.spikeTimes`. Rasters need them; a
    /// very large session (tens of millions of unit-trial pairs) loads faster without.
    public var keepSpikeTimes: Bool
    /// Seconds before each trial's start that the ophys sample grid begins.
    public var ophysPreStimulusSeconds: Double

    public init(
        window: Window? = nil, baseline: Window? = nil, trialsTable: String? = nil,
        keepSpikeTimes: Bool = true, ophysPreStimulusSeconds: Double = 1.0
    ) {
        self.window = window
        self.baseline = baseline
        self.trialsTable = trialsTable
        self.keepSpikeTimes = keepSpikeTimes
        self.ophysPreStimulusSeconds = ophysPreStimulusSeconds
    }

    /// Throws `DataError.invalidValue` when a window is empty, reversed or not finite.
    func validate() throws {
        for (name, window) in [("response window", window), ("baseline window", baseline)] {
            guard let window else { continue }
            guard window.start.isFinite, window.stop.isFinite, window.stop > window.start else {
                throw DataError.invalidValue(
                    "the \(name) (\(window.start), \(window.stop)) s is empty or not finite; "
                        + "give a start before the stop")
            }
        }
        guard ophysPreStimulusSeconds.isFinite, ophysPreStimulusSeconds >= 0 else {
            throw DataError.invalidValue(
                "ophysPreStimulusSeconds is \(ophysPreStimulusSeconds); give 0 or more seconds")
        }
    }
}
