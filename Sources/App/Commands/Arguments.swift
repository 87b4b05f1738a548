/// A command line split into positional arguments and `--name value` options.
///
/// Options take a value either as the next argument or after `=`; names listed as flags take
/// none. Every option must be consumed by the command, so a misspelt one is an error.
public struct Arguments {
    public private(set) var positional: [String] = []
    private var options: [String: String] = [:]
    private var flags: Set<String> = []
    private var consumed: Set<String> = []

    /// Splits `arguments`. With `options` given, an option name outside `options` and
    /// `flags` is rejected at once, before it can take the next argument as its value.
    public init(_ arguments: [String], flags flagNames: Set<String> = [],
                options optionNames: Set<String>? = nil) throws {
        var index = 0
        var onlyPositional = false
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if onlyPositional || !argument.hasPrefix("--") || argument == "-" {
                positional.append(argument)
                continue
            }
            if argument == "--" {
                onlyPositional = true
                continue
            }
            var name = String(argument.dropFirst(2))
            var value: String?
            if let equals = name.firstIndex(of: "=") {
                value = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
            }
            if let optionNames, !optionNames.contains(name), !flagNames.contains(name) {
                throw UsageError("unknown option --\(name)")
            }
            if flagNames.contains(name) {
                guard value == nil else {
                    throw UsageError("--\(name) takes no value")
                }
                flags.insert(name)
                continue
            }
            if value == nil {
                guard index < arguments.count else {
                    throw UsageError("--\(name) needs a value")
                }
                value = arguments[index]
                index += 1
            }
            options[name] = value
        }
    }

    /// Returns the option's value, or nil when it is absent.
    public mutating func value(_ name: String) -> String? {
        consumed.insert(name)
        return options[name]
    }

    public mutating func flag(_ name: String) -> Bool {
        consumed.insert(name)
        return flags.contains(name)
    }

    /// The option as an integer within `range`.
    public mutating func integer(_ name: String, default fallback: Int, in range: ClosedRange<Int>)
        throws -> Int
    {
        guard let text = value(name) else { return fallback }
        guard let number = Int(text), range.contains(number) else {
            throw UsageError(
                "--\(name) must be a whole number from \(range.lowerBound) to "
                    + "\(range.upperBound), got '\(text)'")
        }
        return number
    }

    /// Parses the option as a comma-separated list of numbers.
    public mutating func numbers(_ name: String) throws -> [Double]? {
        guard let text = value(name) else { return nil }
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        let numbers = parts.map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard !parts.isEmpty, numbers.allSatisfy({ $0 != nil && $0!.isFinite }) else {
            throw UsageError("--\(name) must be numbers separated by commas, got '\(text)'")
        }
        return numbers.map { $0! }
    }

    /// Parses the option as a time window `START,STOP` in seconds.
    public mutating func window(_ name: String) throws -> (Double, Double)? {
        guard let values = try numbers(name) else { return nil }
        guard values.count == 2, values[0] < values[1] else {
            throw UsageError("--\(name) must be START,STOP in seconds with START < STOP")
        }
        return (values[0], values[1])
    }

    /// The `--format` option, checked against the formats a command supports.
    public mutating func format(_ allowed: [OutputFormat], default fallback: OutputFormat) throws
        -> OutputFormat
    {
        guard let text = value("format") else { return fallback }
        guard let format = OutputFormat(rawValue: text), allowed.contains(format) else {
            throw UsageError(
                "--format must be one of \(allowed.map(\.rawValue).joined(separator: ", ")), "
                    + "got '\(text)'")
        }
        return format
    }

    /// Throws when an option was given that the command did not read.
    public func rejectUnknown() throws {
        let unknown = Set(options.keys).union(flags).subtracting(consumed)
        if let name = unknown.sorted().first {
            throw UsageError("unknown option --\(name)")
        }
    }
}

/// Output formats of headless commands.
public enum OutputFormat: String, Sendable {
    case text
    case json
    case tsv
}

/// A mistake in the command line. The message names the argument and what is expected.
public struct UsageError: Error, CustomStringConvertible {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}

import Foundation
