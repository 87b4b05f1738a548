/// The baseline and response windows that turn a trial's trace into one response value.
///
/// Times are seconds relative to stimulus onset. The baseline window is half-open on the
/// right, `[baselineStart, baselineEnd)`, and the response window on the left,
/// `(responseStart, responseEnd]`, so a sample at onset belongs to neither by default.
/// Sample times are compared with a tolerance of `timeTolerance` so that times stored as
/// `-1 + k * dt` still land in the window their nominal value belongs to.
public struct ResponseWindows: Sendable, Equatable, Codable {
    /// Inclusive start of the baseline window, in seconds.
    public var baselineStart: Double
    /// Exclusive end of the baseline window, in seconds.
    public var baselineEnd: Double
    /// Exclusive start of the response window, in seconds.
    public var responseStart: Double
    /// Inclusive end of the response window, in seconds.
    public var responseEnd: Double

    /// Tolerance in seconds for comparing sample times with window edges.
    public static let timeTolerance = 1e-9

    /// Creates windows; the defaults are a baseline of [-1, 0) s and a response of (0, 2] s.
    public init(
        baselineStart: Double = -1, baselineEnd: Double = 0,
        responseStart: Double = 0, responseEnd: Double = 2
    ) {
        self.baselineStart = baselineStart
        self.baselineEnd = baselineEnd
        self.responseStart = responseStart
        self.responseEnd = responseEnd
    }

    /// Finds the indices of `sampleTimes` inside each window.
    ///
    /// Throws `DataError.invalidValue` when a window bound is not finite or a window contains
    /// no sample, naming the window and the sample times available.
    public func sampleIndices(for sampleTimes: [Double]) throws
        -> (baseline: [Int], response: [Int])
    {
        let bounds = [baselineStart, baselineEnd, responseStart, responseEnd]
        guard bounds.allSatisfy(\.isFinite) else {
            throw DataError.invalidValue(
                "window bounds must be finite numbers of seconds, got baseline "
                    + "[\(baselineStart), \(baselineEnd)) and response "
                    + "(\(responseStart), \(responseEnd)]")
        }
        let tolerance = Self.timeTolerance
        let baseline = sampleTimes.indices.filter {
            sampleTimes[$0] >= baselineStart - tolerance
                && sampleTimes[$0] < baselineEnd - tolerance
        }
        let response = sampleTimes.indices.filter {
            sampleTimes[$0] > responseStart + tolerance
                && sampleTimes[$0] <= responseEnd + tolerance
        }
        if baseline.isEmpty {
            throw emptyWindowError(
                "baseline window [\(baselineStart), \(baselineEnd)) s", sampleTimes)
        }
        if response.isEmpty {
            throw emptyWindowError(
                "response window (\(responseStart), \(responseEnd)] s", sampleTimes)
        }
        return (baseline, response)
    }

    private func emptyWindowError(_ window: String, _ sampleTimes: [Double]) -> DataError {
        let available: String
        if let first = sampleTimes.first, let last = sampleTimes.last {
            available = "\(sampleTimes.count) sample times from \(first) to \(last) s"
        } else {
            available = "no sample times"
        }
        return DataError.invalidValue(
            "the \(window) contains no sample; the dataset has \(available). "
                + "Choose a window inside that range.")
    }
}
