import Data
import Foundation
import Models

/// Everything the comparison screen shows for one recording and one simulated session:
/// selectivity distributions, the best-tuned unit of each, variability against behaviour
/// (data) and contrast (model), and noise-correlation matrices.
public struct ModelComparison: Sendable {
    /// The measures of one session.
    public struct Side: Sendable {
        public var name: String
        /// Global OSI and DSI (1 - circular variance) per unit, finite values only.
        public var globalOSI: [Double]
        public var globalDSI: [Double]
        /// Preferred directions in degrees, finite values only.
        public var preferredDirections: [Double]
        /// The conditions of the tuning curves, in degrees.
        public var directions: [Double]
        /// The unit with the largest global OSI among those at or above the median trial
        /// reliability, or nil when no unit has a global OSI.
        public var bestTuned: NeuronTuning?
        /// Noise correlations with units ordered by preferred direction (`order`).
        public var correlations: NoiseCorrelations?
        /// Unit indices sorted by preferred direction; units without one come last.
        public var order: [Int]
    }

    public var recording: Side
    public var model: Side
    /// Variability of the recording by behavioural state.
    public var behaviour: [StateVariability]
    /// The model's variability against grating contrast.
    public var contrastSeries: [ContrastPoint]

    /// Posterior samples per contrast in the model's contrast series.
    public static let contrastSamples = 100

    static let cache = ResultCache<ModelComparison>()

    /// Computes the comparison; cached by both sessions' names and the settings.
    /// - Throws: `DataError` when a session has no tuning analysis, and the model's errors.
    public static func compute(
        recording: Session, model: Session, settings: TuningSettings,
        contrasts: [Double] = ModelVariability.defaultContrasts
    ) throws -> ModelComparison {
        let key = "\(recording.dataset.name)|\(recording.dataset.origin)|"
            + "\(model.dataset.name)|\(model.dataset.metadata.map { "\($0.key)=\($0.value)" })|"
            + "\(settings)|\(contrasts)"
        return try cache.value(for: key) {
            ModelComparison(
                recording: try side(recording, settings: settings),
                model: try side(model, settings: settings),
                behaviour: try BehaviouralVariability.compute(
                    for: recording.dataset, settings: settings),
                contrastSeries: try ModelVariability.contrastSeries(
                    for: model.dataset, contrasts: contrasts, samples: contrastSamples) ?? [])
        }
    }

    static func side(_ session: Session, settings: TuningSettings) throws -> Side {
        guard let report = session.report else {
            throw DataError.invalidValue(
                "\(session.dataset.name) has no tuning analysis: "
                    + (session.analysisError ?? "unknown reason"))
        }
        let neurons = report.neurons
        let order = neurons.indices.sorted { left, right in
            switch (neurons[left].preferredDirection, neurons[right].preferredDirection) {
            case (let a?, let b?): return a == b ? left < right : a < b
            case (nil, nil): return left < right
            case (nil, _): return false
            case (_, nil): return true
            }
        }
        let correlations = try NoiseCorrelations.compute(for: session.dataset, settings: settings)
        return Side(
            name: session.dataset.name,
            globalOSI: neurons.compactMap(\.globalOSI).filter(\.isFinite),
            globalDSI: neurons.compactMap(\.globalDSI).filter(\.isFinite),
            preferredDirections: neurons.compactMap(\.preferredDirection).filter(\.isFinite),
            directions: report.directions,
            bestTuned: bestTuned(neurons),
            correlations: correlations,
            order: order)
    }

    /// Returns the unit with the largest global OSI among the units whose reliability is at
    /// or above the median (all units when none has a reliability).
    public static func bestTuned(_ neurons: [NeuronTuning]) -> NeuronTuning? {
        let reliabilities = neurons.compactMap(\.reliability).filter(\.isFinite).sorted()
        let median = reliabilities.isEmpty ? nil : reliabilities[reliabilities.count / 2]
        let candidates = neurons.filter { neuron in
            guard let median else { return true }
            return (neuron.reliability ?? -.infinity) >= median
        }
        return candidates
            .filter { $0.globalOSI?.isFinite ?? false }
            .max { ($0.globalOSI ?? 0) < ($1.globalOSI ?? 0) }
    }
}
