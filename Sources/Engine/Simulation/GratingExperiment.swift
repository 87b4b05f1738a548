import Data
import Foundation
import Models

/// The in-silico counterpart of the recorded direction-tuning sessions: drifting gratings
/// in 8 directions, 16 trials each, preceded by a blank screen so that each trial has a
/// pre-stimulus baseline, and analysed with `TuningReport` like a recording.
public struct GratingExperiment: Sendable, Hashable {
    /// The grating amplitude in the model's input units.
    public var contrast: Double
    public var directions = 8
    public var trialsPerDirection = 16
    public var seed: UInt64 = 1
    /// The quantity a trial records; nil picks the model's usual one (membrane potential for the
    /// GSM, a posterior sample for the VAE).
    public var readout: ResponseReadout?
    /// Samples of blank screen before onset; they form the baseline window.
    public var baselineSamples = 4
    /// Samples while the grating drifts; all but the one at onset form the response window.
    public var stimulusSamples = 10
    /// Time between samples, in seconds.
    public var sampleIntervalSeconds = 0.05

    /// The contrast of the explorer's simulated sessions: the highest contrast of the
    /// `gsm` command's default series (an amplitude of 8 in image units before
    /// whitening), standing for the full-contrast gratings of the recordings. At this
    /// contrast the GSM's trial reliability is about 0.8; at 2 it is below 0.5.
    public static let defaultContrast = 8.0

    public init(contrast: Double = GratingExperiment.defaultContrast) {
        self.contrast = contrast
    }

    /// The cache key part that names every setting.
    var key: String {
        "contrast=\(contrast)|dirs=\(directions)|trials=\(trialsPerDirection)|seed=\(seed)|"
            + "readout=\(readout?.rawValue ?? "default")|baseline=\(baselineSamples)|"
            + "stimulus=\(stimulusSamples)|dt=\(sampleIntervalSeconds)"
    }

    /// Builds the protocol for a model's patch size. Sample times run from
    /// `-baselineSamples * sampleIntervalSeconds` once the dataset is shifted by
    /// `blankSeconds`.
    func experimentProtocol(width: Int, height: Int, readout: ResponseReadout) throws
        -> ExperimentProtocol
    {
        let geometry = try PatchGeometry(width: width, height: height)
        let gratings = try ExperimentProtocol.directionTuning(
            geometry: geometry, directions: directions, trialsPerDirection: trialsPerDirection,
            contrast: contrast, readout: readout, seed: seed)
        var experiment = gratings
        experiment.conditions = try gratings.conditions.map {
            try BlankThenStimulus(stimulus: $0, blankSeconds: blankSeconds)
        }
        experiment.samplesPerTrial = baselineSamples + stimulusSamples
        experiment.sampleIntervalSeconds = sampleIntervalSeconds
        experiment.name = "gratings, contrast \(JSONNumber.format(contrast))"
        return experiment
    }

    var blankSeconds: Double { Double(baselineSamples) * sampleIntervalSeconds }

    /// Runs the protocol on `model` and moves stimulus onset to time 0.
    func run(on model: some InSilicoModel, readout: ResponseReadout) throws -> Dataset {
        guard contrast >= 0, contrast.isFinite else {
            throw ExperimentError.invalidProtocol(
                "contrast \(contrast) is invalid; contrasts are amplitudes of 0 or more")
        }
        guard baselineSamples >= 1, stimulusSamples >= 2 else {
            throw ExperimentError.invalidProtocol(
                "a grating trial needs at least 1 baseline and 2 stimulus samples, got "
                    + "\(baselineSamples) and \(stimulusSamples)")
        }
        let experiment = try experimentProtocol(
            width: model.inputWidth, height: model.inputHeight, readout: readout)
        var dataset = try InSilicoExperiment.run(experiment, on: model)
        dataset.sampleTimes = dataset.sampleTimes.map { $0 - blankSeconds }
        dataset.metadata.append(("contrast", JSONNumber.format(contrast)))
        dataset.metadata.append(("blank_before_onset_seconds", "\(blankSeconds)"))
        return dataset
    }
}

/// Numbers in names and keys: integers without a fraction, other values in Swift's
/// shortest form.
enum JSONNumber {
    static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : "\(value)"
    }
}
