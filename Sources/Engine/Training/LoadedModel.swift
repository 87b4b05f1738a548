import Foundation
import Models
import Numerics

/// A trained hierarchical VAE that jobs on several threads may use, one at a time.
///
/// `HierarchicalVAE` keeps scratch buffers for its passes, so two passes must not overlap;
/// every use goes through `withModel`, which holds a lock.
public final class LoadedModel: @unchecked Sendable {
    private let lock = NSLock()
    private let model: HierarchicalVAE
    /// The model's architecture.
    public let configuration: VAEConfiguration
    /// Adam updates the model had made when it was wrapped.
    public let step: Int
    /// The checkpoint the model came from or was last saved to, if any.
    public let checkpointPath: String?

    /// Wraps `model`; the caller must not use `model` directly afterwards.
    public init(model: HierarchicalVAE, checkpointPath: String? = nil) {
        self.model = model
        self.configuration = model.configuration
        self.step = model.step
        self.checkpointPath = checkpointPath
    }

    /// Loads the checkpoint at `path`.
    ///
    /// - Throws: `TrainingError.invalidRequest` when the file does not exist, and the
    ///   `SafetensorsError` or `VAEError` of a corrupt or foreign file.
    public convenience init(checkpointAt path: String) throws {
        guard FileManager.default.fileExists(atPath: path) else {
            throw TrainingError.invalidRequest(
                "\(path): checkpoint not found; train one with `cortexscope train --out \(path)`")
        }
        let model = try HierarchicalVAE(checkpointAt: URL(fileURLWithPath: path))
        self.init(model: model, checkpointPath: path)
    }

    /// Runs `body` with exclusive use of the model.
    public func withModel<T>(_ body: (HierarchicalVAE) throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(model)
    }

    /// Side of the square patches the model reads, pixels.
    ///
    /// - Throws: `TrainingError.invalidRequest` when `inputSize` is not a square number.
    public var patchSide: Int {
        get throws { try Self.patchSide(of: configuration) }
    }

    /// Side of the square patches of `configuration`, pixels.
    ///
    /// - Throws: `TrainingError.invalidRequest` when `inputSize` is not a square number.
    public static func patchSide(of configuration: VAEConfiguration) throws -> Int {
        let side = Int(Double(configuration.inputSize).squareRoot().rounded())
        guard side * side == configuration.inputSize else {
            throw TrainingError.invalidRequest(
                "inputSize \(configuration.inputSize) is not the square of a patch side; "
                    + "use 256 for 16 x 16 patches")
        }
        return side
    }

    /// Decodes images along one unit; see `HierarchicalVAE.traverse`.
    public func traverse(layer: LatentLayer, unit: Int, patch: [Float]?, steps: Int) throws
        -> LatentTraversal
    {
        try withModel { try $0.traverse(layer: layer, unit: unit, patch: patch, steps: steps) }
    }

    /// The decoder's receptive field of every z1 unit; see
    /// `HierarchicalVAE.receptiveFields`.
    public func receptiveFields() throws -> Matrix {
        try withModel { try $0.receptiveFields() }
    }
}
