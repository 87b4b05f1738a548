import Data
import Foundation
import Terminal

/// The raster and PSTH of one unit of a session with spike times, as the neuron detail
/// screen shows them. The raster aligns trials to trial start and groups them by stimulus
/// condition. The PSTH plots the mean rate of the selected condition and of all trials.
@MainActor
struct SpikeRasterPane {
    /// Bin widths `+` and `-` step through, in seconds.
    static let binWidths = [0.005, 0.01, 0.02, 0.025, 0.05, 0.1, 0.2, 0.25, 0.5, 1.0]
    /// With smoothing, spikes are counted in bins this many times narrower than the bin
    /// width, then smoothed with a Gaussian whose standard deviation is the bin width.
    static let smoothingSubdivision = 5.0

    let spikeTimes: [[[Double]]]
    let conditions: StimulusConditions
    /// The time span drawn, in seconds from trial start.
    let timeRange: ClosedRange<Double>
    private let activity: ResponseArray
    private(set) var binWidth: Double
    private(set) var smoothing = false
    /// The condition whose PSTH is drawn and whose raster block is highlighted.
    var selectedCondition = 0

    /// Returns nil when the dataset has no spike times or no condition column.
    init?(dataset: Dataset) {
        guard let spikes = dataset.spikeTimes, spikes.count == dataset.unitCount,
            let conditions = try? StimulusConditions(trials: dataset.trials)
        else { return nil }
        self.spikeTimes = spikes
        self.conditions = conditions
        self.activity = dataset.activity
        self.timeRange = Self.timeRange(dataset: dataset, spikes: spikes)
        let span = timeRange.upperBound - timeRange.lowerBound
        self.binWidth = Self.binWidths.last { $0 <= span / 20 } ?? Self.binWidths[0]
    }

    /// Returns the span from the earliest spike (or 0) to the end of the longest trial (or
    /// the latest spike).
    static func timeRange(dataset: Dataset, spikes: [[[Double]]]) -> ClosedRange<Double> {
        var lower = 0.0
        var upper = 0.0
        for unit in spikes {
            for trial in unit {
                if let first = trial.first, first.isFinite { lower = min(lower, first) }
                if let last = trial.last, last.isFinite { upper = max(upper, last) }
            }
        }
        if let starts = dataset.trials.numeric(StimulusTable.startTime),
            let stops = dataset.trials.numeric(StimulusTable.stopTime)
        {
            let durations = zip(starts, stops).map { $1 - $0 }.filter { $0.isFinite && $0 > 0 }
            if let longest = durations.max() { upper = max(upper, longest) }
        }
        return lower...max(upper, lower + 0.001)
    }

    mutating func widenBins() {
        binWidth = Self.binWidths.first { $0 > binWidth + 1e-12 } ?? binWidth
    }

    mutating func narrowBins() {
        binWidth = Self.binWidths.last { $0 < binWidth - 1e-12 } ?? binWidth
    }

    mutating func toggleSmoothing() {
        smoothing.toggle()
    }

    /// Lists the trials of each condition in which the unit was observed. Trials whose rate
    /// is NaN (outside the unit's observation intervals) are left out.
    func trialGroups(unit: Int) -> [[Int]] {
        conditions.trialIndices.map { trials in
            trials.filter { activity[unit, $0, 0].isFinite }
        }
    }

    /// Computes the PSTH of the selected condition and of all trials pooled.
    func psth(unit: Int) throws -> (condition: PSTH, all: PSTH) {
        let groups = trialGroups(unit: unit)
        let selected = min(max(0, selectedCondition), groups.count - 1)
        let width = smoothing ? binWidth / Self.smoothingSubdivision : binWidth
        let sigma = smoothing ? binWidth : nil
        func compute(_ trials: [Int]) throws -> PSTH {
            try PSTH.compute(
                spikeTimes: spikeTimes[unit], trialGroups: [trials], range: timeRange,
                binWidth: width, smoothingSigma: sigma)
        }
        return (try compute(groups[selected]), try compute(groups.flatMap { $0 }))
    }

    /// Formats the label of a condition for the raster and the legend, such as `90`.
    func label(_ condition: Int) -> String {
        Formatting.degrees(conditions.values[condition])
    }

    func draw(unit: Int, into buffer: inout CellBuffer, in rect: Rect, appearance: Appearance,
              focused: Bool) {
        let (rasterArea, psthArea) = rect.splitColumns(weights: [0.55, 0.45], gap: 1)
            .twoParts
        let groups = trialGroups(unit: unit)
        let raster = Raster(
            groups: groups.indices.map { index in
                RasterGroup(label: label(index), trials: groups[index].map {
                    spikeTimes[unit][$0]
                })
            },
            xRange: timeRange, xLabel: "time from start (s)",
            highlightedGroup: selectedCondition)
        let title = focused ? "raster" : "raster (\(conditions.columnName))"
        buffer.put(title, x: rasterArea.x, y: rasterArea.y,
                   style: appearance.style(focused ? .accent : .muted))
        raster.draw(into: &buffer, in: rasterArea.inset(top: 1), appearance: appearance)

        guard let (condition, all) = try? psth(unit: unit) else {
            buffer.put("no PSTH", x: psthArea.x, y: psthArea.y + psthArea.height / 2,
                       width: psthArea.width, alignment: .center,
                       style: appearance.style(.muted))
            return
        }
        let bin = smoothing
            ? "gauss \(Self.milliseconds(binWidth))" : "bin \(Self.milliseconds(binWidth))"
        let plot = LinePlot(
            series: [
                PlotSeries(name: label(selectedCondition), x: condition.binCentres,
                           y: condition.rates[0]),
                PlotSeries(name: "all", x: all.binCentres, y: all.rates[0]),
            ],
            xLabel: "PSTH, \(bin)", yLabel: "spikes/s", xRange: timeRange, yPadding: 0.05)
        plot.draw(into: &buffer, in: psthArea, appearance: appearance)
    }

    static func milliseconds(_ seconds: Double) -> String {
        String(format: "%g ms", seconds * 1000)
    }
}

extension Array where Element == Rect {
    /// The first two rects, or empty rects when there are fewer.
    fileprivate var twoParts: (Rect, Rect) {
        let empty = Rect(x: 0, y: 0, width: 0, height: 0)
        return (count > 0 ? self[0] : empty, count > 1 ? self[1] : empty)
    }
}
