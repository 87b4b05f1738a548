import Models

/// The ELBO terms at one training step, nats per patch.
public struct TrainingHistoryPoint: Equatable, Sendable {
    /// Adam updates made when the terms were measured.
    public var step: Int
    /// The terms (reconstruction, KL(z2), KL(z1)); `terms.elbo` is their combination.
    public var terms: ELBOTerms

    /// Creates a point.
    public init(step: Int, terms: ELBOTerms) {
        self.step = step
        self.terms = terms
    }
}

/// The training curves: a bounded list of `TrainingHistoryPoint`s.
///
/// Each recorded point is the mean of `stride` consecutive steps. When the list reaches
/// `capacity`, neighbouring pairs are merged and the stride doubles, so a long run keeps
/// between `capacity / 2` and `capacity` points covering every step.
public struct TrainingHistory: Equatable, Sendable {
    /// Maximum number of points kept.
    public let capacity: Int
    /// Points in step order.
    public private(set) var points: [TrainingHistoryPoint] = []
    /// Steps averaged into one point.
    public private(set) var stride = 1
    private var pending: [TrainingHistoryPoint] = []

    /// Creates an empty history; `capacity` is rounded up to an even number of at least 2.
    public init(capacity: Int = 2048) {
        self.capacity = max(2, capacity + capacity % 2)
    }

    /// Adds the terms of one step.
    public mutating func append(_ point: TrainingHistoryPoint) {
        pending.append(point)
        guard pending.count >= stride else { return }
        points.append(Self.mean(of: pending))
        pending.removeAll(keepingCapacity: true)
        if points.count >= capacity {
            points = Swift.stride(from: 0, to: points.count - 1, by: 2).map {
                Self.mean(of: [points[$0], points[$0 + 1]])
            }
            stride *= 2
        }
    }

    /// The point whose terms are the mean of `points` and whose step is the last one's.
    static func mean(of points: [TrainingHistoryPoint]) -> TrainingHistoryPoint {
        let n = Double(points.count)
        var sum = ELBOTerms(reconstruction: 0, klZ2: 0, klZ1: 0)
        for point in points {
            sum.reconstruction += point.terms.reconstruction
            sum.klZ2 += point.terms.klZ2
            sum.klZ1 += point.terms.klZ1
        }
        return TrainingHistoryPoint(
            step: points.last?.step ?? 0,
            terms: ELBOTerms(
                reconstruction: sum.reconstruction / n, klZ2: sum.klZ2 / n, klZ1: sum.klZ1 / n))
    }
}
