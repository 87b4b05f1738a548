import XCTest

@testable import Data

final class NWBImporterTests: XCTestCase {
    private func expected(_ key: String) throws -> FormatExpected {
        try FormatFixtures.json("nwb/expected.json").object(key)
    }

    private func load(
        _ name: String, options: NWBImportOptions = NWBImportOptions()
    ) throws -> Dataset {
        let datasets = try NWBImporter(options: options).read(
            path: try FormatFixtures.path("nwb/\(name)"))
        XCTAssertEqual(datasets.count, 1)
        return try XCTUnwrap(datasets.first)
    }

    private func value(_ dataset: Dataset, _ key: String) -> String? {
        dataset.metadata.first { $0.key == key }?.value
    }

    func testUnitsTrialsShapeAndIDs() throws {
        let truth = try expected("units_trials")
        let dataset = try load("units_trials.nwb")
        XCTAssertEqual(dataset.unitCount, truth.int("units"))
        XCTAssertEqual(dataset.trialCount, truth.int("trials"))
        XCTAssertEqual(dataset.sampleCount, 1)
        XCTAssertEqual(dataset.unitIDs, truth["unit_ids"] as? [String])
        XCTAssertEqual(dataset.origin, .recorded(path: dataset.origin.recordedPath, format: "nwb"))
    }

    func testUnitsTrialsWholeTrialRates() throws {
        let truth = try expected("units_trials")
        let dataset = try load("units_trials.nwb")
        assertFormatValuesClose(dataset.activity.values, truth.matrix("rates_whole_trial"), "rates")
    }

    func testUnobservedTrialsAreNaN() throws {
        let dataset = try load("units_trials.nwb")
        let unobserved = (0..<dataset.trialCount).filter { dataset.activity[2, $0, 0].isNaN }
        XCTAssertEqual(unobserved, Array(8..<16))
        XCTAssertFalse(dataset.activity.values.prefix(48).contains { $0.isNaN })
    }

    func testUnitsTrialsWindowRates() throws {
        let truth = try expected("units_trials")
        let options = NWBImportOptions(window: .init(start: 0.25, stop: 0.75))
        let dataset = try load("units_trials.nwb", options: options)
        assertFormatValuesClose(dataset.activity.values, truth.matrix("rates_window_0.25_0.75"), "rates")
        XCTAssertEqual(dataset.sampleTimes, [0.25])
    }

    func testUnitsTrialsBaselineSubtracted() throws {
        let truth = try expected("units_trials")
        let options = NWBImportOptions(
            window: .init(start: 0.25, stop: 0.75), baseline: .init(start: -0.5, stop: 0))
        let dataset = try load("units_trials.nwb", options: options)
        assertFormatValuesClose(
            dataset.activity.values, truth.matrix("rates_window_minus_baseline"), "rates")
    }

    func testUnitsTrialsSpikeRaster() throws {
        let truth = try expected("units_trials")
        let dataset = try load("units_trials.nwb")
        let raster = try XCTUnwrap(dataset.spikeTimes)
        XCTAssertEqual(raster.count, truth.int("units"))
        XCTAssertEqual(raster.first?.count, truth.int("trials"))
        assertFormatValuesClose(raster[0][0], truth.numbers("raster_unit0_trial0"), "raster")
    }

    func testUnitsTrialsSpikeRasterOmitted() throws {
        let dataset = try load("units_trials.nwb", options: .init(keepSpikeTimes: false))
        XCTAssertNil(dataset.spikeTimes)
    }

    func testUnitsTrialsStimulusColumns() throws {
        let truth = try expected("units_trials")
        let table = try load("units_trials.nwb").trials
        XCTAssertEqual(table.numeric(StimulusTable.direction), truth.numbers("direction"))
        XCTAssertEqual(table.numeric(StimulusTable.contrast), truth.numbers("contrast"))
        XCTAssertEqual(table.numeric("rewarded"), truth.numbers("rewarded"))
        XCTAssertEqual(table.numeric(StimulusTable.startTime), truth.numbers("start_time"))
        XCTAssertEqual(table.numeric(StimulusTable.stopTime), truth.numbers("stop_time"))
        guard case .text(let conditions)? = table.column("condition") else {
            return XCTFail("condition is not a text column")
        }
        XCTAssertEqual(conditions.first, "blank")
        XCTAssertEqual(conditions[1], "grating")
    }

    func testUnitsTrialsBehaviourMeans() throws {
        let truth = try expected("units_trials")
        let dataset = try load("units_trials.nwb")
        let speed = try XCTUnwrap(dataset.behaviour(named: "running_speed"))
        XCTAssertEqual(speed.kind, .runningSpeed)
        XCTAssertEqual(speed.unit, "cm/s")
        assertFormatValuesClose(speed.values, truth.numbers("running_speed_whole_trial"), "speed")
        let pupil = try XCTUnwrap(dataset.behaviour(named: "pupil_area"))
        XCTAssertEqual(pupil.kind, .pupil)
        assertFormatValuesClose(pupil.values, truth.numbers("pupil_area_whole_trial"), "pupil")
    }

    func testUnitsTrialsMetadata() throws {
        let truth = try expected("units_trials")
        let dataset = try load("units_trials.nwb")
        XCTAssertEqual(value(dataset, "identifier"), truth["identifier"] as? String)
        XCTAssertEqual(
            value(dataset, "session_description"), truth["session_description"] as? String)
        XCTAssertEqual(value(dataset, "subject.subject_id"), truth["subject_id"] as? String)
        XCTAssertEqual(value(dataset, "trials_table"), "intervals/trials")
        XCTAssertEqual(value(dataset, "session_start_time")?.hasPrefix("2024-05-17"), true)
        XCTAssertEqual(value(dataset, "unit_columns"), "location, obs_intervals")
    }

    func testPresentationsTableChosen() throws {
        let truth = try expected("presentations")
        let dataset = try load("presentations.nwb")
        XCTAssertEqual(value(dataset, "trials_table"), truth["trials_table"] as? String)
        XCTAssertEqual(dataset.trialCount, truth.int("trials"))
        assertFormatValuesClose(dataset.activity.values, truth.matrix("rates_whole_trial"), "rates")
    }

    func testPresentationsColumnsMapped() throws {
        let truth = try expected("presentations")
        let table = try load("presentations.nwb").trials
        let orientation = try XCTUnwrap(table.numeric(StimulusTable.orientation))
        assertFormatValuesClose(orientation, truth.numbers("orientation"), "orientation")
        XCTAssertEqual(
            table.numeric(StimulusTable.spatialFrequency), truth.numbers("spatial_frequency"))
        XCTAssertNotNil(table.numeric(StimulusTable.temporalFrequency))
        guard case .text(let names)? = table.column("stimulus_name") else {
            return XCTFail("stimulus_name is not a text column")
        }
        XCTAssertEqual(names, truth["stimulus_name"] as? [String])
        guard case .text(let colors)? = table.column("color") else {
            return XCTFail("color is not a text column")
        }
        XCTAssertEqual(colors.first, "[1.0, 1.0, 1.0]")
    }

    func testPresentationsOtherTableByOption() throws {
        let options = NWBImportOptions(trialsTable: "intervals/natural_scenes_presentations")
        let dataset = try load("presentations.nwb", options: options)
        XCTAssertEqual(dataset.trialCount, 4)
        XCTAssertEqual(dataset.trials.numeric(StimulusTable.imageID), [0, 1, 2, 3])
    }

    func testOphysTracesResampled() throws {
        let truth = try expected("ophys")
        let dataset = try load("ophys.nwb")
        XCTAssertEqual(dataset.unitCount, truth.int("units"))
        XCTAssertEqual(dataset.trialCount, truth.int("trials"))
        XCTAssertEqual(dataset.sampleCount, truth.int("samples"))
        assertFormatValuesClose(dataset.sampleTimes, truth.numbers("sample_times"), "sample times")
        let activity = (truth["activity"] as? [[[Any]]] ?? []).flatMap { trials in
            trials.flatMap { $0.map { ($0 as? Double) ?? .nan } }
        }
        assertFormatValuesClose(dataset.activity.values, activity, "activity")
        XCTAssertNil(dataset.spikeTimes)
        XCTAssertEqual(dataset.unitIDs, ["roi0", "roi1", "roi2", "roi3"])
        XCTAssertEqual(dataset.trials.numeric(StimulusTable.direction), truth.numbers("direction"))
    }

    func testOphysFluorescenceFallback() throws {
        let truth = try expected("ophys")
        let dataset = try load("ophys_fluorescence.nwb")
        XCTAssertEqual(dataset.unitCount, truth.int("units"))
        XCTAssertEqual(
            value(dataset, "roi_response_series"),
            "processing/ophys/Fluorescence/RoiResponseSeries")
        let warned = dataset.warnings.contains { $0.contains("no DfOverF") }
        XCTAssertTrue(warned, "\(dataset.warnings)")
    }

    func testOphysBehaviourOnSampleGrid() throws {
        let truth = try expected("ophys")
        let dataset = try load("ophys.nwb")
        let speed = try XCTUnwrap(dataset.behaviour(named: "running_speed"))
        XCTAssertEqual(speed.kind, .runningSpeed)
        XCTAssertEqual(speed.samples, truth.int("samples"))
        assertFormatValuesClose(speed.values, truth.numbers("running_speed"), "speed")
        XCTAssertNil(dataset.behaviour(named: "RoiResponseSeries"))
    }

    private func assertFails(
        _ name: String, mentions fragment: String, line: UInt = #line
    ) throws {
        let path = try FormatFixtures.path("nwb/\(name)")
        XCTAssertThrowsError(try NWBImporter().read(path: path), line: line) { error in
            let message = String(describing: error)
            XCTAssertTrue(message.contains(fragment), "\(message)", line: line)
        }
    }

    func testTruncatedFileRejected() throws {
        try assertFails("truncated.nwb", mentions: "truncated")
    }

    func testUnitsWithoutIndexRejected() throws {
        try assertFails("units_no_index.nwb", mentions: "/units/spike_times_index")
    }

    func testTrialsWithoutStopTimeRejected() throws {
        try assertFails("trials_no_stop.nwb", mentions: "/intervals/trials/stop_time")
    }

    func testNonNWBFileRejected() throws {
        try assertFails("not_nwb.nwb", mentions: "nwb_version")
    }

    func testInvalidWindowRejected() throws {
        let path = try FormatFixtures.path("nwb/units_trials.nwb")
        let options = NWBImportOptions(window: .init(start: 1, stop: 0.5))
        XCTAssertThrowsError(try NWBImporter(options: options).read(path: path))
    }

    func testLoaderPicksNWBImporter() throws {
        let path = try FormatFixtures.path("nwb/units_trials.nwb")
        XCTAssertEqual(DatasetLoader.importer(for: path)?.formatName, "nwb")
    }
}

extension Dataset.Origin {
    var recordedPath: String {
        if case .recorded(let path, _) = self { return path }
        return ""
    }
}

final class NWBSpikeWindowTests: XCTestCase {
    /// Counts spikes in [lower, upper) by brute force, the definition both paths implement.
    private func bruteForce(_ spikes: [Double], _ lower: Double, _ upper: Double) -> Int {
        spikes.filter { $0 >= lower && $0 < upper }.count
    }

    func testMergeAndBinarySearchAgree() {
        var generator = SystemRandomNumberGenerator()
        let spikes = (0..<500).map { _ in Double.random(in: 0..<100, using: &generator) }.sorted()
        let risingStarts = (0..<40).map { Double($0) * 2.5 }
        let shuffledStarts = risingStarts.shuffled(using: &generator)
        let windows = [(Double, Double)](repeating: (-0.5, 1.75), count: 40)
        for starts in [risingStarts, shuffledStarts] {
            let bounds = WindowBounds(starts: starts, windows: windows)
            XCTAssertEqual(bounds.rising, starts == risingStarts)
            var counts = [Int](repeating: -1, count: starts.count)
            spikes.withUnsafeBufferPointer { buffer in
                bounds.forEachTrial(in: buffer, range: 0..<spikes.count) { trial, first, last in
                    counts[trial] = last - first
                }
            }
            let expected = starts.map { bruteForce(spikes, $0 - 0.5, $0 + 1.75) }
            XCTAssertEqual(counts, expected, bounds.rising ? "merge pass" : "binary search")
        }
    }

    func testOverlappingWindowsCounted() {
        let spikes: [Double] = [0.1, 0.2, 0.3, 1.1, 1.2, 2.5]
        let bounds = WindowBounds(starts: [0, 0.15, 1.0], windows: [(0, 1.5), (0, 1.5), (0, 1.5)])
        var counts: [Int] = []
        spikes.withUnsafeBufferPointer { buffer in
            bounds.forEachTrial(in: buffer, range: 0..<spikes.count) { _, first, last in
                counts.append(last - first)
            }
        }
        XCTAssertEqual(counts, [5, 4, 2])
    }
}
