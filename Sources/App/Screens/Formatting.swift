import Foundation

/// Number formats shared by the screens and the headless text output.
enum Formatting {
    /// An index or correlation with two decimals, or "n/a" when undefined.
    /// Values of 100 or more in magnitude lose their decimals so they fit a table column.
    static func index(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "n/a" }
        if abs(value) >= 99.995 { return String(format: "%.0f", value) }
        return String(format: "%.2f", value + 0.0).replacingOccurrences(of: "-0.00", with: "0.00")
    }

    /// A response value with three decimals, or "n/a".
    static func response(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "n/a" }
        return String(format: "%.3f", value).replacingOccurrences(of: "-0.000", with: "0.000")
    }

    /// An angle in whole degrees, or "n/a".
    static func degrees(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "n/a" }
        return value == value.rounded() ? "\(Int(value))" : String(format: "%.1f", value)
    }
}
