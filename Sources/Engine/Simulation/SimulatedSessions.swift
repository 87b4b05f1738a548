import Data
import Foundation
import Models

/// Sessions simulated from model files: the GSM or a VAE shown the grating experiment,
/// with the tuning analysis of a recording. Models and sessions are cached by file,
/// modification time and experiment settings, so reopening is instant.
public enum SimulatedSessions {
    static let sessions = ResultCache<Session>()
    static let gsmModels = ResultCache<GSMModel>()
    static let vaeModels = ResultCache<VAEInSilicoModel>()

    /// Returns the display name of a model file's simulated session, for example
    /// "GSM (Orbán 2016): gratings".
    public static func sessionName(for source: SourceFile) -> String {
        let base = ((source.path as NSString).lastPathComponent as NSString)
            .deletingPathExtension
        switch source {
        case .gsmParameters:
            let label = base == "model_parameters" ? "" : " [\(base)]"
            return "GSM (Orbán 2016)\(label): gratings"
        case .vaeCheckpoint:
            return "VAE \(base): gratings"
        case .recording:
            return base
        }
    }

    /// The GSM of a parameter file, built once per file version.
    public static func gsmModel(path: String) throws -> GSMModel {
        try gsmModels.value(for: fileKey(path)) {
            try GSMModel(contentsOf: path, name: "gsm")
        }
    }

    /// The VAE of a checkpoint as an in-silico model, loaded once per file version.
    public static func vaeModel(path: String) throws -> VAEInSilicoModel {
        let name = "vae " + ((path as NSString).lastPathComponent as NSString)
            .deletingPathExtension
        return try vaeModels.value(for: fileKey(path)) {
            try VAEInSilicoModel(checkpointAt: URL(fileURLWithPath: path), name: name)
        }
    }

    /// Runs `experiment` on the model in `source` and analyses it; cached.
    ///
    /// The dataset's metadata records `model_kind` (gsm or vae) and `model_path`, so
    /// screens can run further experiments on the same model.
    /// - Throws: the model's loading errors and `ExperimentError` for an invalid setting;
    ///   `SourceFileError.notACheckpoint` style errors are raised before, by `recognise`.
    public static func gratings(
        source: SourceFile, experiment: GratingExperiment = GratingExperiment(),
        settings: TuningSettings = TuningSettings()
    ) throws -> Session {
        let key = "\(fileKey(source.path))|\(experiment.key)|\(settings)"
        return try sessions.value(for: key) {
            var dataset: Dataset
            let kind: String
            switch source {
            case .gsmParameters(let path):
                let model = try gsmModel(path: path)
                dataset = try experiment.run(
                    on: model, readout: experiment.readout ?? .membranePotential)
                kind = "gsm"
            case .vaeCheckpoint(let path):
                let model = try vaeModel(path: path)
                dataset = try experiment.run(on: model, readout: experiment.readout ?? .latent)
                kind = "vae"
            case .recording(let path):
                throw ExperimentError.invalidProtocol(
                    "\(path) is a recording, not a model file")
            }
            dataset.name = sessionName(for: source)
            dataset.metadata.append(("model_kind", kind))
            dataset.metadata.append(("model_path", source.path))
            return SessionLoader.analyse(dataset, settings: settings)
        }
    }

    /// A key naming a file's version: its path, size and modification time.
    static func fileKey(_ path: String) -> String {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        let size = (attributes?[.size] as? NSNumber)?.int64Value ?? -1
        let modified = (attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        return "\(path)|\(size)|\(modified)"
    }
}

extension Dataset {
    /// Returns the value of a metadata entry, or nil when the key is absent.
    public func metadataValue(_ key: String) -> String? {
        metadata.first { $0.key == key }?.value
    }
}
