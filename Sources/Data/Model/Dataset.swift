/// One session of trial-by-trial activity, recorded or simulated.
///
/// Every importer (MAT, NWB, NumPy, CSV) and every in-silico experiment fills this type, so
/// every analysis and screen works on recordings and models alike.
public struct Dataset: Sendable {
    /// Where the data came from.
    public enum Origin: Sendable, Equatable {
        /// A file on disk, read by the named importer (for example "park2024-mat").
        case recorded(path: String, format: String)
        /// An in-silico experiment on a model, described by a short label.
        case simulated(model: String, protocolName: String)

        public var isSimulated: Bool {
            if case .simulated = self { return true }
            return false
        }
    }

    /// A display name, unique within one explorer run (usually the file's base name).
    public var name: String
    public var origin: Origin
    /// One identifier per unit, in row order of `activity` (for example `neuron12`).
    public var unitIDs: [String]
    /// Activity as units x trials x samples.
    public var activity: ResponseArray
    /// Sample times in seconds relative to stimulus onset, one per sample of `activity`.
    /// A dataset with one value per trial (spike counts, model latents) has one sample.
    public var sampleTimes: [Double]
    /// One row per trial: the stimulus and any other per-trial variables.
    public var trials: StimulusTable
    /// Behavioural variables sampled on the same trial x sample grid as `activity`.
    public var behaviour: [BehaviourSeries]
    /// Spike times per unit in seconds relative to each trial's start, where the source has
    /// spikes: `spikeTimes[unit][trial]`. Nil for calcium imaging and model latents.
    public var spikeTimes: [[[Double]]]?
    /// Free-form session metadata (subject, identifier, description, start time).
    public var metadata: [(key: String, value: String)]
    /// Problems found while reading that did not stop the import, in the reader's words.
    public var warnings: [String]

    public init(
        name: String,
        origin: Origin,
        unitIDs: [String],
        activity: ResponseArray,
        sampleTimes: [Double],
        trials: StimulusTable,
        behaviour: [BehaviourSeries] = [],
        spikeTimes: [[[Double]]]? = nil,
        metadata: [(key: String, value: String)] = [],
        warnings: [String] = []
    ) {
        self.name = name
        self.origin = origin
        self.unitIDs = unitIDs
        self.activity = activity
        self.sampleTimes = sampleTimes
        self.trials = trials
        self.behaviour = behaviour
        self.spikeTimes = spikeTimes
        self.metadata = metadata
        self.warnings = warnings
    }

    public var unitCount: Int { activity.units }
    public var trialCount: Int { activity.trials }
    public var sampleCount: Int { activity.samples }

    /// The behavioural series with this name, if the session has it.
    public func behaviour(named name: String) -> BehaviourSeries? {
        behaviour.first { $0.name == name }
    }
}

/// A dense units x trials x samples array of Double, stored row-major in one buffer.
public struct ResponseArray: Sendable, Equatable {
    public let units: Int
    public let trials: Int
    public let samples: Int
    /// Values at `(unit * trials + trial) * samples + sample`.
    public var values: [Double]

    public init(units: Int, trials: Int, samples: Int, values: [Double]) {
        precondition(values.count == units * trials * samples, "ResponseArray shape mismatch")
        self.units = units
        self.trials = trials
        self.samples = samples
        self.values = values
    }

    public init(units: Int, trials: Int, samples: Int, repeating value: Double = 0) {
        self.init(
            units: units, trials: trials, samples: samples,
            values: [Double](repeating: value, count: units * trials * samples))
    }

    @inlinable
    public func index(unit: Int, trial: Int, sample: Int) -> Int {
        (unit * trials + trial) * samples + sample
    }

    @inlinable
    public subscript(unit: Int, trial: Int, sample: Int) -> Double {
        get { values[index(unit: unit, trial: trial, sample: sample)] }
        set { values[index(unit: unit, trial: trial, sample: sample)] = newValue }
    }

    /// The samples of one trial of one unit.
    public func trace(unit: Int, trial: Int) -> ArraySlice<Double> {
        let start = index(unit: unit, trial: trial, sample: 0)
        return values[start..<(start + samples)]
    }
}

/// A behavioural variable (running speed, pupil size) as trials x samples.
public struct BehaviourSeries: Sendable, Equatable {
    /// The variable's name as the source spells it (for example `speed`, `pupil_zscore`).
    public var name: String
    /// What the variable measures, used to find running speed and pupil size in any source.
    public var kind: Kind
    public var unit: String
    public let trials: Int
    public let samples: Int
    /// Values at `trial * samples + sample`; NaN where the source has no value.
    public var values: [Double]

    public enum Kind: String, Sendable, Equatable {
        case runningSpeed = "running_speed"
        case pupil
        case choice
        case other
    }

    public init(
        name: String, kind: Kind, unit: String = "", trials: Int, samples: Int, values: [Double]
    ) {
        precondition(values.count == trials * samples, "BehaviourSeries shape mismatch")
        self.name = name
        self.kind = kind
        self.unit = unit
        self.trials = trials
        self.samples = samples
        self.values = values
    }

    public subscript(trial: Int, sample: Int) -> Double {
        values[trial * samples + sample]
    }
}
