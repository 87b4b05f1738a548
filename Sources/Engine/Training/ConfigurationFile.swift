import Foundation
import Models

/// Reading a `VAEConfiguration` from a JSON file that lists only the fields it changes.
///
/// The file is a JSON object with `VAEConfiguration`'s field names (for example
/// `{"inputSize": 16, "z1Size": 8, "batchSize": 32}`); missing fields keep the reference
/// architecture's values. `decoderVariance` is written as Swift's `Codable` writes it, for
/// example `{"fixed": {"_0": 0.5}}` or `{"learnedScalar": {"initialLogVariance": 0}}`.
public enum ConfigurationFile {
    /// Reads and validates the configuration in the file at `path`.
    ///
    /// - Throws: `TrainingError.invalidConfigurationFile` naming the file and the field
    ///   that is unknown, has the wrong type or is out of range.
    public static func read(path: String, base: VAEConfiguration = .reference) throws
        -> VAEConfiguration
    {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw TrainingError.invalidConfigurationFile(
                path: path, message: "cannot be read (\(error.localizedDescription))")
        }
        return try parse(data, base: base, path: path)
    }

    /// Parses configuration JSON over `base`; `path` only labels errors.
    public static func parse(_ data: Data, base: VAEConfiguration = .reference,
                             path: String = "<configuration>") throws -> VAEConfiguration
    {
        func failure(_ message: String) -> TrainingError {
            .invalidConfigurationFile(path: path, message: message)
        }
        guard let overrides = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else {
            throw failure("is not a JSON object; write {\"field\": value, ...}")
        }
        let baseData = try JSONEncoder().encode(base)
        guard var merged = try JSONSerialization.jsonObject(with: baseData) as? [String: Any]
        else {
            throw failure("the base configuration cannot be encoded")
        }
        for (key, value) in overrides {
            guard merged[key] != nil else {
                throw failure(
                    "unknown field '\(key)'; known fields: "
                        + merged.keys.sorted().joined(separator: ", "))
            }
            merged[key] = value
        }

        let configuration: VAEConfiguration
        do {
            let mergedData = try JSONSerialization.data(withJSONObject: merged)
            configuration = try JSONDecoder().decode(VAEConfiguration.self, from: mergedData)
        } catch let error as DecodingError {
            throw failure(describe(error))
        }
        do {
            try configuration.validate()
        } catch let error as VAEError {
            throw failure("invalid configuration: \(error)")
        }
        return configuration
    }

    /// A message naming the field of a decoding error and what was expected.
    static func describe(_ error: DecodingError) -> String {
        func field(_ path: [any CodingKey]) -> String {
            path.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case .typeMismatch(let type, let context):
            return "field '\(field(context.codingPath))' has the wrong type; expected \(type)"
        case .valueNotFound(let type, let context):
            return "field '\(field(context.codingPath))' is null; expected \(type)"
        case .keyNotFound(let key, let context):
            return "field '\(field(context.codingPath + [key]))' is missing"
        case .dataCorrupted(let context):
            return "field '\(field(context.codingPath))' is invalid: "
                + context.debugDescription
        @unknown default:
            return "\(error)"
        }
    }
}
