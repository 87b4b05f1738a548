import Foundation

/// Reads an NWB 2.x file (HDF5) into a `Dataset`. Units are the spiking units, or the dF/F ROIs in
/// a file without a `units` table. Trials come from a TimeIntervals table and behaviour from
/// TimeSeries.
///
/// Spiking data: the response is the spike rate (spikes/s) of each unit in each trial's response
/// window (see `NWBImportOptions`), one sample per trial; `sampleTimes` is the window's start (0
/// for the default whole-trial window). Behaviour series become one sample per trial: the mean of
/// their samples in the same window, NaN when none fall in it.
///
/// Ophys data (no `units`): each ROI of the first `RoiResponseSeries` in a `DfOverF` container
/// under `processing` (else in a `Fluorescence` container) is a unit; its trace is linearly
/// interpolated on the grid `t_k = -pre + k / rate` (s from trial start), `k = 0 ...
/// floor((duration + pre) * rate)`, where `duration` is the median trial duration and `rate` the
/// series' sampling rate. Behaviour series are interpolated on the same grid. Values outside a
/// series are NaN.
public struct NWBImporter: DatasetImporter {
    public let formatName = "nwb"
    public var options: NWBImportOptions

    public init(options: NWBImportOptions = NWBImportOptions()) {
        self.options = options
    }

    /// True for files ending in `.nwb`.
    public func canRead(path: String) -> Bool {
        path.lowercased().hasSuffix(".nwb")
    }

    /// Reads the file while holding `HDF5Library`'s lock, because libhdf5's serial build
    /// cannot serve two threads at once and the explorer loads files in parallel.
    public func read(path: String) throws -> [Dataset] {
        try HDF5Library.serialized { try readSerialized(path: path) }
    }

    private func readSerialized(path: String) throws -> [Dataset] {
        try options.validate()
        let file = try HDF5File(path: path)
        try NWBImporter.requireNWB(file)
        let trialsPath = try NWBTrials.locate(in: file, preferred: options.trialsTable)
        let trials = try NWBTrials(file: file, path: trialsPath)
        var metadata = NWBMetadata.read(from: file)
        metadata.append(("trials_table", trials.tablePath))
        var warnings = trials.skipped.map { "trials column skipped: \($0)" }

        let name = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        let origin = Dataset.Origin.recorded(path: path, format: formatName)
        if file.kind(of: "/units") == .group {
            let units = try NWBUnits(file: file)
            if !units.otherColumns.isEmpty {
                metadata.append(("unit_columns", units.otherColumns.joined(separator: ", ")))
            }
            warnings += units.warnings
            var dataset = try spikingDataset(file: file, units: units, trials: trials)
            dataset.name = name
            dataset.origin = origin
            dataset.metadata = metadata
            dataset.warnings = warnings + dataset.warnings
            return [dataset]
        }
        guard let seriesPath = try NWBImporter.locateDfOverF(in: file) else {
            throw file.failure(
                "/units",
                "missing, and no RoiResponseSeries in a DfOverF container under /processing; "
                    + "the file has neither spiking units nor dF/F traces")
        }
        metadata.append(("roi_response_series", String(seriesPath.dropFirst())))
        if !seriesPath.contains("/DfOverF/") {
            warnings.append(
                "no DfOverF container; the units are the raw fluorescence traces of "
                    + seriesPath)
        }
        var dataset = try ophysDataset(file: file, seriesPath: seriesPath, trials: trials)
        dataset.name = name
        dataset.origin = origin
        dataset.metadata = metadata
        dataset.warnings = warnings + dataset.warnings
        return [dataset]
    }

    static func requireNWB(_ file: HDF5File) throws {
        let type = file.stringAttribute("neurodata_type", of: "/")
        guard file.stringAttribute("nwb_version", of: "/") != nil || type == "NWBFile" else {
            let found = (try? file.children(of: "/")) ?? []
            throw DataError.unknownLayout(
                path: file.path, found: found,
                expected: "an NWB 2.x file, whose root group has the attribute nwb_version")
        }
    }

    private func spikingDataset(
        file: HDF5File, units: NWBUnits, trials: NWBTrials
    ) throws -> Dataset {
        let starts = trials.startTimes
        let windows: [(Double, Double)] = zip(starts, trials.stopTimes).map { start, stop in
            options.window.map { ($0.start, $0.stop) } ?? (0, stop - start)
        }
        let rates = responseRates(units: units, starts: starts, windows: windows)

        var spikeTimes: [[[Double]]]?
        if options.keepSpikeTimes {
            spikeTimes = units.raster(starts: starts, spans: rasterSpans(windows))
        }

        var warnings: [String] = []
        var behaviour: [BehaviourSeries] = []
        for seriesPath in try NWBTimeSeries.locateAll(in: file) {
            do {
                let series = try NWBTimeSeries(file: file, path: seriesPath)
                behaviour += NWBImporter.windowMeans(series, starts: starts, windows: windows)
            } catch let error as DataError {
                warnings.append("time series skipped: \(error)")
            }
        }

        let activity = ResponseArray(
            units: units.count, trials: starts.count, samples: 1, values: rates)
        return Dataset(
            name: "", origin: .recorded(path: file.path, format: formatName),
            unitIDs: units.ids, activity: activity,
            sampleTimes: [options.window?.start ?? 0], trials: trials.table,
            behaviour: behaviour, spikeTimes: spikeTimes, warnings: warnings)
    }

    /// Computes the rate in each response window, minus the baseline rate when the options
    /// set a baseline. Windows outside a unit's observation intervals give NaN.
    private func responseRates(
        units: NWBUnits, starts: [Double], windows: [(Double, Double)]
    ) -> [Double] {
        var rates = units.rates(starts: starts, windows: windows)
        units.maskUnobserved(&rates, starts: starts, windows: windows)
        guard let baseline = options.baseline else { return rates }
        let baselineWindows = [(Double, Double)](
            repeating: (baseline.start, baseline.stop), count: starts.count)
        var baselineRates = units.rates(starts: starts, windows: baselineWindows)
        units.maskUnobserved(&baselineRates, starts: starts, windows: baselineWindows)
        for index in rates.indices { rates[index] -= baselineRates[index] }
        return rates
    }

    /// Returns the span of each trial's raster: from the earliest of 0, the window start and
    /// the baseline start to the latest of the window stop and the baseline stop.
    private func rasterSpans(_ windows: [(Double, Double)]) -> [(Double, Double)] {
        windows.map { window in
            var lower = min(0, window.0)
            var upper = window.1
            if let baseline = options.baseline {
                lower = min(lower, baseline.start)
                upper = max(upper, baseline.stop)
            }
            return (lower, upper)
        }
    }

    /// Averages each column of `series` over each trial's window: one sample per trial.
    static func windowMeans(
        _ series: NWBTimeSeries, starts: [Double], windows: [(Double, Double)]
    ) -> [BehaviourSeries] {
        (0..<series.columns).map { column in
            let values = starts.indices.map { trial in
                series.mean(
                    column: column, from: starts[trial] + windows[trial].0,
                    to: starts[trial] + windows[trial].1)
            }
            let name = series.columns == 1 ? series.name : "\(series.name)[\(column)]"
            return BehaviourSeries(
                name: name, kind: StimulusColumnNames.behaviourKind(ofName: series.name),
                unit: series.unit,
                trials: starts.count, samples: 1, values: values)
        }
    }

    /// Returns the path of the first RoiResponseSeries in a DfOverF container under
    /// `/processing`, else in a Fluorescence container, or nil when there is none.
    static func locateDfOverF(in file: HDF5File) throws -> String? {
        try locateSeries(in: file, container: "DfOverF")
            ?? locateSeries(in: file, container: "Fluorescence")
    }

    private static func locateSeries(in file: HDF5File, container type: String) throws
        -> String?
    {
        guard file.kind(of: "/processing") == .group else { return nil }
        for module in try file.children(of: "/processing") {
            let modulePath = "/processing/" + module
            guard file.kind(of: modulePath) == .group else { continue }
            for container in try file.children(of: modulePath) {
                let containerPath = modulePath + "/" + container
                guard file.kind(of: containerPath) == .group,
                    file.stringAttribute("neurodata_type", of: containerPath) == type
                else { continue }
                for series in try file.children(of: containerPath) {
                    let seriesPath = containerPath + "/" + series
                    if file.kind(of: seriesPath + "/data") == .dataset { return seriesPath }
                }
            }
        }
        return nil
    }

    private func ophysDataset(
        file: HDF5File, seriesPath: String, trials: NWBTrials
    ) throws -> Dataset {
        let series = try NWBTimeSeries(file: file, path: seriesPath)
        guard let rate = series.samplingRate else {
            throw file.failure(seriesPath, "has too few samples to find its sampling rate")
        }
        let durations = zip(trials.stopTimes, trials.startTimes).map { $0 - $1 }.sorted()
        let duration = durations[durations.count / 2]
        let pre = options.ophysPreStimulusSeconds
        let sampleCount = ((duration + pre) * rate + 1e-9).rounded(.down) + 1
        let elements = sampleCount * Double(series.columns * trials.startTimes.count)
        // NOTE: 2^30 values (8 GiB of Double) is a guard against a damaged rate or trial
        // table, not a measured limit of the machine.
        guard elements <= Double(1 << 30) else {
            throw file.failure(
                seriesPath,
                "resampling \(series.columns) ROIs x \(trials.startTimes.count) trials x "
                    + "\(sampleCount) samples (rate \(rate) Hz, median trial \(duration) s) "
                    + "needs more than 2^30 values; check the rate and the trial times")
        }
        let samples = Int(sampleCount)
        let grid = (0..<samples).map { -pre + Double($0) / rate }
        let starts = trials.startTimes

        var values = [Double](repeating: .nan, count: series.columns * starts.count * samples)
        for roi in 0..<series.columns {
            for trial in starts.indices {
                let offset = (roi * starts.count + trial) * samples
                for sample in 0..<samples {
                    values[offset + sample] = series.interpolate(
                        column: roi, at: starts[trial] + grid[sample])
                }
            }
        }
        var warnings: [String] = []
        var behaviour: [BehaviourSeries] = []
        for path in try NWBTimeSeries.locateAll(in: file) where !path.hasPrefix(seriesPath) {
            guard let other = try? NWBTimeSeries(file: file, path: path),
                other.neurodataType != "RoiResponseSeries"
            else { continue }
            for column in 0..<other.columns {
                let resampled = starts.flatMap { start in
                    grid.map { other.interpolate(column: column, at: start + $0) }
                }
                behaviour.append(
                    BehaviourSeries(
                        name: other.columns == 1 ? other.name : "\(other.name)[\(column)]",
                        kind: StimulusColumnNames.behaviourKind(ofName: other.name),
                        unit: other.unit,
                        trials: starts.count, samples: samples, values: resampled))
            }
        }
        if durations.first != durations.last {
            warnings.append(
                "trial durations differ (\(durations.first ?? 0)...\(durations.last ?? 0) s); "
                    + "the sample grid uses the median, \(duration) s")
        }
        let ids = NWBImporter.roiIDs(file: file, seriesPath: seriesPath, count: series.columns)
        return Dataset(
            name: "", origin: .recorded(path: file.path, format: formatName),
            unitIDs: ids,
            activity: ResponseArray(
                units: series.columns, trials: starts.count, samples: samples, values: values),
            sampleTimes: grid, trials: trials.table, behaviour: behaviour, warnings: warnings)
    }

    /// ROI ids from the series' `rois` region and the PlaneSegmentation's `id` column it
    /// references, as `roi<id>`; `roi<index>` when the file does not link them.
    static func roiIDs(file: HDF5File, seriesPath: String, count: Int) -> [String] {
        let fallback = (0..<count).map { "roi\($0)" }
        let roisPath = seriesPath + "/rois"
        guard file.kind(of: roisPath) == .dataset,
            let rows = try? file.dataset(roisPath).readInt64s(), rows.count == count,
            case .references(let tables)? = try? file.attribute("table", of: roisPath),
            let table = tables.first,
            let ids = try? file.dataset(table + "/id").readInt64s()
        else { return fallback }
        return rows.map { row in
            row >= 0 && Int(row) < ids.count ? "roi\(ids[Int(row)])" : "roi?\(row)"
        }
    }
}
