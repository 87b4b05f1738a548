import Synchronization

/// Results kept in memory by a key that names all of their inputs (file and modification
/// time, model and seed), so that a screen reopens at once.
public final class ResultCache<Value: Sendable>: Sendable {
    private let entries = Mutex<[String: Value]>([:])

    public init() {}

    public subscript(key: String) -> Value? {
        entries.withLock { $0[key] }
    }

    public func store(_ value: Value, for key: String) {
        entries.withLock { $0[key] = value }
    }

    /// The cached value for `key`, computing and storing it when absent.
    public func value(for key: String, compute: () throws -> Value) rethrows -> Value {
        if let hit = self[key] { return hit }
        let value = try compute()
        store(value, for: key)
        return value
    }
}
