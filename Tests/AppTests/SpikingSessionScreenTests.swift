@testable import App
import Data
import Engine
import Foundation
import Terminal
import XCTest

/// The explorer's screens on NWB and NumPy fixtures: metadata in the sessions list, tuning of
/// one-sample-per-trial sessions, and the raster and PSTH of spiking units.
final class SpikingSessionScreenTests: XCTestCase {
    @MainActor private static func detail(_ session: Session) throws -> NeuronDetailScreen {
        let report = try XCTUnwrap(session.report, session.analysisError ?? "no report")
        return NeuronDetailScreen(
            session: session, report: report, order: Array(report.neurons.indices), position: 0)
    }

    func testSessionsListShowsDescriptionAndSubject() throws {
        try MainActor.assumeIsolated { try Self.checkSessionsListShowsDescriptionAndSubject() }
    }

    @MainActor private static func checkSessionsListShowsDescriptionAndSubject() throws {
        let sessions = try AppFixtures.sessions("nwb/units_trials.nwb")
        let workspace = AppFixtures.workspace(sessions: sessions)
        let text = AppFixtures.render(SessionsScreen(), workspace: workspace)
        XCTAssertTrue(
            text.contains("fixture session · subject mouse-17 (Mus musculus, F, P90D)"), text)
    }

    func testOneSamplePerTrialSessionsHaveTuning() throws {
        try MainActor.assumeIsolated { try Self.checkOneSamplePerTrialSessionsHaveTuning() }
    }

    @MainActor private static func checkOneSamplePerTrialSessionsHaveTuning() throws {
        for fixture in ["nwb/units_trials.nwb", "nwb/presentations.nwb",
                        "numpy/session_stored.npz"] {
            let session = try XCTUnwrap(try AppFixtures.sessions(fixture).first)
            XCTAssertEqual(session.dataset.sampleCount, 1, fixture)
            XCTAssertNil(session.analysisError, fixture)
            let report = try XCTUnwrap(session.report, fixture)
            // The response of a one-sample trial is the sample itself.
            let neuron = report.neurons[0]
            let conditions = try StimulusConditions(trials: session.dataset.trials)
            let trials = conditions.trialIndices[0].filter {
                session.dataset.activity[0, $0, 0].isFinite
            }
            let mean = trials.map { session.dataset.activity[0, $0, 0] }.reduce(0, +)
                / Double(trials.count)
            XCTAssertEqual(try XCTUnwrap(neuron.mean[0]), mean, accuracy: 1e-12, fixture)
        }
    }

    func testOrientationOnlySessionDrawsTuningCurve() throws {
        try MainActor.assumeIsolated { try Self.checkOrientationOnlySessionDrawsTuningCurve() }
    }

    @MainActor private static func checkOrientationOnlySessionDrawsTuningCurve() throws {
        let session = try XCTUnwrap(try AppFixtures.sessions("nwb/presentations.nwb").first)
        XCTAssertEqual(session.report?.conditionName, StimulusTable.orientation)
        let text = AppFixtures.render(try Self.detail(session), workspace: AppFixtures.workspace())
        XCTAssertTrue(text.contains("orientation (deg)"), text)
        XCTAssertTrue(text.contains("Ori"), text)
    }

    func testNeuronDetailShowsRasterAndPSTH() throws {
        try MainActor.assumeIsolated { try Self.checkNeuronDetailShowsRasterAndPSTH() }
    }

    @MainActor private static func checkNeuronDetailShowsRasterAndPSTH() throws {
        let session = try XCTUnwrap(try AppFixtures.sessions("nwb/units_trials.nwb").first)
        let screen = try Self.detail(session)
        let workspace = AppFixtures.workspace()
        let context = ScreenContext(workspace: workspace)
        XCTAssertNotNil(screen.raster)

        var text = AppFixtures.render(screen, workspace: workspace)
        XCTAssertTrue(text.contains("raster (direction)"), text)
        XCTAssertTrue(text.contains("PSTH, bin 50 ms"), text)
        XCTAssertTrue(text.contains("time from start (s)"), text)
        for label in ["  0 ", " 45 ", "315 "] {
            XCTAssertTrue(text.contains(label), "condition label '\(label)' missing:\n\(text)")
        }

        _ = screen.handle(.widerBins, context: context)
        text = AppFixtures.render(screen, workspace: workspace)
        XCTAssertTrue(text.contains("PSTH, bin 100 ms"), text)
        _ = screen.handle(.narrowerBins, context: context)
        _ = screen.handle(.narrowerBins, context: context)
        text = AppFixtures.render(screen, workspace: workspace)
        XCTAssertTrue(text.contains("PSTH, bin 25 ms"), text)
        _ = screen.handle(.toggleSmoothing, context: context)
        text = AppFixtures.render(screen, workspace: workspace)
        XCTAssertTrue(text.contains("PSTH, gauss 25 ms"), text)

        _ = screen.handle(.nextPane, context: context)
        XCTAssertEqual(screen.focus, .raster)
        _ = screen.handle(.toggleRaster, context: context)
        XCTAssertEqual(screen.focus, .plot)
        text = AppFixtures.render(screen, workspace: workspace)
        XCTAssertFalse(text.contains("PSTH"), text)
    }

    func testRasterPaneTrialsSkipUnobservedTrials() throws {
        try MainActor.assumeIsolated { try Self.checkRasterPaneTrialsSkipUnobservedTrials() }
    }

    @MainActor private static func checkRasterPaneTrialsSkipUnobservedTrials() throws {
        // Unit 2 of units_trials is not observed between 15 s and 25 s, so those trials have
        // NaN rates and no row in the raster.
        let session = try XCTUnwrap(try AppFixtures.sessions("nwb/units_trials.nwb").first)
        let pane = try XCTUnwrap(SpikeRasterPane(dataset: session.dataset))
        let observed = pane.trialGroups(unit: 2).joined().count
        let finite = (0..<session.dataset.trialCount).filter {
            session.dataset.activity[2, $0, 0].isFinite
        }.count
        XCTAssertEqual(observed, finite)
        XCTAssertLessThan(observed, session.dataset.trialCount)
        XCTAssertEqual(pane.trialGroups(unit: 0).joined().count, session.dataset.trialCount)
    }

    func testNumPySessionWithoutSpikesHasNoRaster() throws {
        try MainActor.assumeIsolated { try Self.checkNumPySessionWithoutSpikesHasNoRaster() }
    }

    @MainActor private static func checkNumPySessionWithoutSpikesHasNoRaster() throws {
        let session = try XCTUnwrap(try AppFixtures.sessions("numpy/session_arrays").first)
        let screen = try Self.detail(session)
        XCTAssertNil(screen.raster)
        let text = AppFixtures.render(screen, workspace: AppFixtures.workspace())
        XCTAssertTrue(text.contains("direction (deg)"), text)
        XCTAssertFalse(text.contains("PSTH"), text)
    }
}
