import Foundation

/// A peri-stimulus time histogram: the mean firing rate over the trials of each condition in
/// bins of time from trial start, optionally smoothed with a Gaussian kernel.
///
/// For condition c with trials T_c, bin i covers [start + i w, start + (i + 1) w) and
///
///     rate_c[i] = sum over k in T_c of #{ spikes of trial k in bin i } / (|T_c| w)
///
/// in spikes/s. Smoothing convolves each condition's rates with a Gaussian of standard
/// deviation sigma (seconds) sampled at the bin centres and cut at 3 sigma. Near the ends the
/// kernel is renormalised over the bins that exist, so a constant rate stays constant.
public struct PSTH: Sendable, Equatable {
    /// The start of each bin in seconds from trial start.
    public let binStarts: [Double]
    /// The bin width in seconds.
    public let binWidth: Double
    /// The standard deviation of the Gaussian kernel in seconds, or nil when unsmoothed.
    public let smoothingSigma: Double?
    /// Rates in spikes/s, `rates[condition][bin]`; NaN for a condition without trials.
    public let rates: [[Double]]
    /// The number of trials averaged for each condition.
    public let trialCounts: [Int]

    /// The largest number of bins `compute` accepts, which keeps a mistyped bin width from
    /// allocating millions of bins.
    public static let maximumBinCount = 100_000

    /// The centre of each bin in seconds from trial start.
    public var binCentres: [Double] { binStarts.map { $0 + binWidth / 2 } }

    /// Computes the PSTH of one unit.
    ///
    /// - Parameters:
    ///   - spikeTimes: spike times per trial in seconds from trial start
    ///     (`Dataset.spikeTimes[unit]`).
    ///   - trialGroups: the trial indices of each condition (`StimulusConditions.trialIndices`);
    ///     indices outside `spikeTimes` are ignored.
    ///   - range: the time span to bin, in seconds from trial start; the last bin that does not
    ///     fit whole is left out.
    ///   - binWidth: the bin width in seconds.
    ///   - smoothingSigma: the Gaussian's standard deviation in seconds, or nil for none.
    /// - Throws: `DataError.invalidValue` when the bin width or sigma is not a positive finite
    ///   number, the range is empty, or it would need more than `maximumBinCount` bins.
    public static func compute(
        spikeTimes: [[Double]], trialGroups: [[Int]], range: ClosedRange<Double>,
        binWidth: Double, smoothingSigma: Double? = nil
    ) throws -> PSTH {
        guard binWidth.isFinite, binWidth > 0 else {
            throw DataError.invalidValue(
                "the PSTH bin width must be a positive number of seconds, got \(binWidth)")
        }
        guard range.lowerBound.isFinite, range.upperBound.isFinite,
            range.upperBound > range.lowerBound
        else {
            throw DataError.invalidValue(
                "the PSTH time range must be finite and not empty, got \(range)")
        }
        if let sigma = smoothingSigma, !(sigma.isFinite && sigma > 0) {
            throw DataError.invalidValue(
                "the PSTH smoothing sigma must be a positive number of seconds, got \(sigma)")
        }
        let span = (range.upperBound - range.lowerBound) / binWidth
        guard span < Double(maximumBinCount) else {
            throw DataError.invalidValue(
                "a PSTH bin width of \(binWidth) s over \(range) s needs more than "
                    + "\(maximumBinCount) bins; choose a wider bin")
        }
        let binCount = max(1, Int((span + 1e-9).rounded(.down)))
        let starts = (0..<binCount).map { range.lowerBound + Double($0) * binWidth }

        var rates: [[Double]] = []
        var counts: [Int] = []
        for group in trialGroups {
            let trials = group.filter { spikeTimes.indices.contains($0) }
            counts.append(trials.count)
            guard !trials.isEmpty else {
                rates.append([Double](repeating: .nan, count: binCount))
                continue
            }
            var histogram = [Double](repeating: 0, count: binCount)
            for trial in trials {
                for time in spikeTimes[trial] where time.isFinite {
                    let position = (time - range.lowerBound) / binWidth
                    guard position >= 0 else { continue }
                    let bin = Int(position.rounded(.down))
                    if bin < binCount { histogram[bin] += 1 }
                }
            }
            let scale = 1 / (Double(trials.count) * binWidth)
            let binned = histogram.map { $0 * scale }
            rates.append(smoothingSigma.map { smooth(binned, sigmaBins: $0 / binWidth) } ?? binned)
        }
        return PSTH(
            binStarts: starts, binWidth: binWidth, smoothingSigma: smoothingSigma, rates: rates,
            trialCounts: counts)
    }

    /// Convolves `values` with a Gaussian of `sigmaBins` bins, cut at 3 sigma and
    /// renormalised over the bins inside the array.
    static func smooth(_ values: [Double], sigmaBins: Double) -> [Double] {
        let reach = max(1, Int((3 * sigmaBins).rounded(.up)))
        let weights = (-reach...reach).map { offset -> Double in
            let z = Double(offset) / sigmaBins
            return exp(-0.5 * z * z)
        }
        return values.indices.map { index in
            var sum = 0.0
            var total = 0.0
            for offset in -reach...reach {
                let source = index + offset
                guard values.indices.contains(source) else { continue }
                let weight = weights[offset + reach]
                sum += weight * values[source]
                total += weight
            }
            return total > 0 ? sum / total : .nan
        }
    }
}
