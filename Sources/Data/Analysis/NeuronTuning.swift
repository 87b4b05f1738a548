/// One unit's tuning curve and its selectivity, reliability and behavioural indices.
///
/// Arrays run over `TuningReport.directions`. Every index is nil when it is undefined for
/// this unit (a zero denominator, a missing condition, too few trials in a group).
public struct NeuronTuning: Sendable, Equatable, Codable {
    /// The unit identifier from `Dataset.unitIDs`.
    public var id: String
    /// Mean trial response per condition; nil for a condition without a finite response.
    public var mean: [Double?]
    /// Standard error of the mean per condition (ddof = 1); nil below two responses.
    public var sem: [Double?]
    /// Number of finite trial responses per condition.
    public var n: [Int]
    /// The direction (or orientation) with the largest mean response, in degrees.
    public var preferredDirection: Double?
    /// Peak orientation selectivity index (see `PeakSelectivity`).
    public var osi: Double?
    /// Peak direction selectivity index; nil for orientation-only stimuli.
    public var dsi: Double?
    /// Global (vector-sum) orientation selectivity index (see `GlobalSelectivity`).
    public var globalOSI: Double?
    /// Global (vector-sum) direction selectivity index; nil for orientation-only stimuli.
    public var globalDSI: Double?
    /// Mean pairwise correlation of the trials at the preferred condition
    /// (see `TrialReliability`).
    public var reliability: Double?
    /// Running against stationary trials at the preferred condition (see `ModulationIndex`);
    /// nil without a running-speed series.
    public var runningModulation: Double?
    /// Large against small pupil trials at the preferred condition, split at the session's
    /// median pupil size; nil without a pupil series.
    public var pupilModulation: Double?
    /// Fano factor of the responses at the preferred condition (see `FanoFactor`).
    public var fanoFactor: Double?

    public init(
        id: String, mean: [Double?], sem: [Double?], n: [Int],
        preferredDirection: Double? = nil, osi: Double? = nil, dsi: Double? = nil,
        globalOSI: Double? = nil, globalDSI: Double? = nil, reliability: Double? = nil,
        runningModulation: Double? = nil, pupilModulation: Double? = nil,
        fanoFactor: Double? = nil
    ) {
        self.id = id
        self.mean = mean
        self.sem = sem
        self.n = n
        self.preferredDirection = preferredDirection
        self.osi = osi
        self.dsi = dsi
        self.globalOSI = globalOSI
        self.globalDSI = globalDSI
        self.reliability = reliability
        self.runningModulation = runningModulation
        self.pupilModulation = pupilModulation
        self.fanoFactor = fanoFactor
    }
}
