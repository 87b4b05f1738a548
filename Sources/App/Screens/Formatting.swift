import Foundation

/// Number formats shared by the screens and the headless text output.
enum Formatting {
    /// An index or correlation with two decimals, or "n/a" when undefined.
    static func index(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "n/a" }
        return String(format: "%.2f", value)
    }

    /// A response value with three decimals, or "n/a".
    static func response(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "n/a" }
        return String(format: "%.3f", value)
    }

    /// An angle in whole degrees, or "n/a".
    static func degrees(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "n/a" }
        return value == value.rounded() ? "\(Int(value))" : String(format: "%.1f", value)
    }
}
