import Foundation

/// Axis ranges, "nice" tick values and their labels.
///
/// Ticks follow Heckbert's nice-numbers method (Graphics Gems, 1990): the step is 1, 2 or
/// 5 times a power of ten, chosen so that about `targetCount` ticks cover the range.
public enum AxisScale {
    /// Returns a nice step for a range of `span` split into about `targetCount` parts.
    public static func niceStep(span: Double, targetCount: Int) -> Double {
        guard span.isFinite, span > 0 else { return 1 }
        let raw = span / Double(max(1, targetCount))
        let exponent = floor(log10(raw))
        let magnitude = pow(10, exponent)
        let fraction = raw / magnitude
        let nice: Double
        if fraction < 1.5 {
            nice = 1
        } else if fraction < 3 {
            nice = 2
        } else if fraction < 7 {
            nice = 5
        } else {
            nice = 10
        }
        return nice * magnitude
    }

    /// Returns the multiples of a nice step that lie within `range`, at most ~targetCount+1.
    public static func ticks(in range: ClosedRange<Double>, targetCount: Int) -> [Double] {
        let span = range.upperBound - range.lowerBound
        guard span.isFinite, span > 0 else {
            return range.lowerBound.isFinite ? [range.lowerBound] : []
        }
        let step = niceStep(span: span, targetCount: targetCount)
        let first = ceil(range.lowerBound / step - 1e-9)
        let last = floor(range.upperBound / step + 1e-9)
        guard last >= first, last - first < 1000 else { return [] }
        return stride(from: first, through: last, by: 1).map { index in
            let value = index * step
            return abs(value) < step * 1e-9 ? 0 : value
        }
    }

    /// Formats tick values with the decimals their spacing needs, the same for all.
    ///
    /// Values of magnitude 1e5 and above, or steps below 1e-4, use exponent notation.
    public static func labels(for ticks: [Double]) -> [String] {
        guard ticks.count > 0 else { return [] }
        let step = ticks.count > 1 ? abs(ticks[1] - ticks[0]) : abs(ticks[0])
        let largest = ticks.map(abs).max() ?? 0
        if largest >= 1e5 || (step > 0 && step < 1e-4) {
            return ticks.map { String(format: "%.2g", $0) }
        }
        let decimals = step > 0 ? max(0, Int(-floor(log10(step) + 1e-9))) : 0
        return ticks.map { value in
            let text = String(format: "%.\(decimals)f", value)
            return text.hasPrefix("-") && Double(text) == 0 ? String(text.dropFirst()) : text
        }
    }

    /// Formats a single value compactly, for marker labels and colour bar ends.
    public static func label(for value: Double) -> String {
        guard value.isFinite else { return "\(value)" }
        if value == value.rounded(), abs(value) < 1e6 { return String(Int(value)) }
        return String(format: "%.3g", value)
    }

    /// Returns the finite range of `values` padded by `fraction` of its span on each
    /// side, or nil when no value is finite. A zero span is widened to +/- 1, or to
    /// +/- 10% of the value when it is not zero.
    public static func paddedRange(_ values: [Double], fraction: Double) -> ClosedRange<Double>? {
        let finite = values.filter(\.isFinite)
        guard let low = finite.min(), let high = finite.max() else { return nil }
        return padded(low...high, fraction: fraction)
    }

    /// Pads a range by `fraction` of its span on each side; widens a zero span.
    public static func padded(_ range: ClosedRange<Double>, fraction: Double)
        -> ClosedRange<Double>
    {
        let span = range.upperBound - range.lowerBound
        if span <= 0 || !span.isFinite {
            let half = range.lowerBound == 0 ? 1 : abs(range.lowerBound) * 0.1
            return (range.lowerBound - half)...(range.lowerBound + half)
        }
        return (range.lowerBound - span * fraction)...(range.upperBound + span * fraction)
    }
}

/// Rounds a cell or pixel position to an integer that is safe to convert: NaN becomes 0 and
/// values are clamped to +/- 1,000,000, so huge or infinite data cannot trap `Int(_:)`.
/// Positions that far outside a plot are clipped when drawn anyway.
func roundedPosition(_ value: Double, rule: FloatingPointRoundingRule = .toNearestOrAwayFromZero)
    -> Int
{
    guard !value.isNaN else { return 0 }
    return Int(min(1_000_000, max(-1_000_000, value)).rounded(rule))
}
