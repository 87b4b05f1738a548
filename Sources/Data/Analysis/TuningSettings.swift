/// The choices behind a tuning analysis: the response windows and the running threshold.
public struct TuningSettings: Sendable, Equatable, Codable {
    /// Baseline and response windows, in seconds from stimulus onset.
    public var windows: ResponseWindows
    /// A trial counts as running when its mean running speed over the response window is at
    /// or above this value, in the unit of the dataset's running-speed series.
    ///
    /// The default, 0.05, suits speed scaled to 0..1 by the session's maximum, as in the
    /// Park et al. 2024 files: most trials there have a speed of exactly 0, and 0.05 is 5% of
    /// the fastest running. AllenSDK uses 1 cm/s on raw speed; at an assumed maximum of 20 to
    /// 40 cm/s, 0.05 is about 1 to 2 cm/s. Set it to 1 for a series in cm/s.
    public var runningThreshold: Double

    public static let defaultRunningThreshold = 0.05

    public init(
        windows: ResponseWindows = ResponseWindows(),
        runningThreshold: Double = TuningSettings.defaultRunningThreshold
    ) {
        self.windows = windows
        self.runningThreshold = runningThreshold
    }
}
