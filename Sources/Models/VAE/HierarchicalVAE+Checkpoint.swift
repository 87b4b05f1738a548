import Foundation
import Numerics

/// Saving and loading a model with its optimiser state as a safetensors checkpoint.
///
/// The file contains every weight and bias under its parameter name (for example
/// `q_z2.layers.0.weight`, shape `[out, in]`). Adam's moments are `adam.exp_avg.NAME` and
/// `adam.exp_avg_sq.NAME`, PyTorch's state names. `__metadata__` contains the
/// configuration JSON (`configuration`), the step (`step`), the training noise generator's
/// state (`random_state`, four hexadecimal words) and `format`. Loading it restores training
/// exactly: the next step draws the same noise and makes the same update.
extension HierarchicalVAE {
    /// Value of the `format` metadata entry.
    public static let checkpointFormat = "cortexscope.hierarchical-vae.v1"

    /// Returns the checkpoint contents: parameters, Adam state and metadata.
    public func checkpointContents() throws -> SafetensorsFile {
        var file = SafetensorsFile()
        for tensor in parameterTensors {
            let range = tensor.offset..<(tensor.offset + tensor.count)
            file.tensors[tensor.name] = SafetensorsTensor(
                shape: tensor.shape, values: Array(parameters.buffer[range]))
            file.tensors["adam.exp_avg." + tensor.name] = SafetensorsTensor(
                shape: tensor.shape, values: Array(optimizer.firstMoment.buffer[range]))
            file.tensors["adam.exp_avg_sq." + tensor.name] = SafetensorsTensor(
                shape: tensor.shape, values: Array(optimizer.secondMoment.buffer[range]))
        }
        let configurationJSON = try JSONEncoder().encode(configuration)
        file.metadata = [
            "format": Self.checkpointFormat,
            "configuration": String(decoding: configurationJSON, as: UTF8.self),
            "step": String(step),
            "random_state": random.state.map { String($0, radix: 16) }.joined(separator: ","),
        ]
        return file
    }

    /// Writes a checkpoint atomically to `url`.
    ///
    /// - Throws: `SafetensorsError.io` when the file cannot be written.
    public func saveCheckpoint(to url: URL) throws {
        try checkpointContents().write(to: url)
    }

    /// Loads a model and its optimiser state from a checkpoint written by `saveCheckpoint`.
    ///
    /// - Throws: the `SafetensorsError` of reading the file, and
    ///   `VAEError.invalidCheckpoint` when the metadata is unreadable or a tensor is
    ///   missing or has the wrong shape.
    public convenience init(checkpointAt url: URL) throws {
        try self.init(checkpoint: SafetensorsFile.read(from: url), path: url.path)
    }

    /// Builds a model from checkpoint contents; `path` only labels errors.
    public convenience init(checkpoint file: SafetensorsFile, path: String = "<memory>") throws {
        guard let configurationText = file.metadata["configuration"] else {
            throw VAEError.invalidCheckpoint(
                "\(path): no configuration in the metadata; is this a Cortexscope VAE checkpoint?")
        }
        let configuration: VAEConfiguration
        do {
            configuration = try JSONDecoder().decode(
                VAEConfiguration.self, from: Data(configurationText.utf8))
        } catch {
            throw VAEError.invalidCheckpoint(
                "\(path): the configuration cannot be decoded: \(error)")
        }
        try self.init(configuration: configuration)

        let stepText = file.metadata["step"] ?? "missing"
        guard let step = Int(stepText), step >= 0 else {
            throw VAEError.invalidCheckpoint(
                "\(path): metadata step is \(stepText), expected an integer >= 0")
        }
        let words = (file.metadata["random_state"] ?? "").split(separator: ",")
            .compactMap { UInt64($0, radix: 16) }
        do {
            random = try RandomGenerator(state: words)
        } catch {
            throw VAEError.invalidCheckpoint("\(path): metadata random_state is invalid: \(error)")
        }

        var firstMoment = [Float](repeating: 0, count: parameters.count)
        var secondMoment = [Float](repeating: 0, count: parameters.count)
        for tensor in parameterTensors {
            let names = [
                tensor.name, "adam.exp_avg." + tensor.name, "adam.exp_avg_sq." + tensor.name,
            ]
            var loaded: [[Float]] = []
            for name in names {
                guard let stored = file.tensors[name] else {
                    throw VAEError.invalidCheckpoint("\(path): tensor \(name) is missing")
                }
                guard stored.shape == tensor.shape else {
                    throw VAEError.invalidCheckpoint(
                        "\(path): tensor \(name) has shape \(stored.shape), "
                            + "expected \(tensor.shape)")
                }
                if let bad = stored.values.firstIndex(where: { !$0.isFinite }) {
                    throw VAEError.invalidCheckpoint(
                        "\(path): tensor \(name) has the non-finite value "
                            + "\(stored.values[bad]) at index \(bad); the file is damaged or "
                            + "training diverged, so resume from an earlier checkpoint")
                }
                loaded.append(stored.values)
            }
            for index in 0..<tensor.count {
                parameters.pointer[tensor.offset + index] = loaded[0][index]
                firstMoment[tensor.offset + index] = loaded[1][index]
                secondMoment[tensor.offset + index] = loaded[2][index]
            }
        }
        try optimizer.restore(step: step, firstMoment: firstMoment, secondMoment: secondMoment)
    }
}
