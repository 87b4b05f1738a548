import Foundation
import Terminal

/// The `cortexscope` command line: the explorer, or one headless command.
public enum Program {
    public static let version = "0.1.0"

    /// A headless command: prints to standard output and returns an exit status.
    struct HeadlessCommand: Sendable {
        let name: String
        /// One line for `cortexscope --help`.
        let summary: String
        /// The full text of `cortexscope NAME --help`.
        let help: String
        let run: @Sendable ([String]) throws -> Int32
    }

    /// Every headless command, in the order `--help` lists them.
    static let commands: [HeadlessCommand] = [
        HeadlessCommand(
            name: "tuning", summary: "print tuning curves and selectivity indices",
            help: TuningCommand.help, run: TuningCommand.run),
        HeadlessCommand(
            name: "info", summary: "list what the importers find in files and folders",
            help: InfoCommand.help, run: InfoCommand.run),
        HeadlessCommand(
            name: "h5", summary: "browse an HDF5 or NWB file (--format text|json prints it)",
            help: H5Command.help, run: H5Command.run),
        HeadlessCommand(
            name: "experiment", summary: "run an in-silico experiment on the GSM or a VAE",
            help: ExperimentCommand.help, run: ExperimentCommand.run),
        HeadlessCommand(
            name: "gsm", summary: "GSM variability and correlations against contrast",
            help: GSMCommand.help, run: GSMCommand.run),
        HeadlessCommand(
            name: "context", summary: "VAE: z1 noise correlations under two z2 contexts",
            help: ContextCommand.help, run: ContextCommand.run),
        HeadlessCommand(
            name: "train", summary: "train the hierarchical VAE on photograph patches",
            help: TrainCommand.help, run: TrainCommand.run),
        HeadlessCommand(
            name: "elbo", summary: "print a checkpoint's held-out ELBO and its terms",
            help: ELBOCommand.help, run: ELBOCommand.run),
        HeadlessCommand(
            name: "traverse", summary: "decode images along one latent unit of a checkpoint",
            help: TraverseCommand.help, run: TraverseCommand.run),
    ]

    /// Runs the command line and returns the process exit status: 0 on success, 1 when the
    /// work failed, 2 for a usage mistake.
    public static func run(_ arguments: [String] = Array(CommandLine.arguments.dropFirst()))
        -> Int32
    {
        do {
            if arguments.first == "--help" || arguments.first == "-h" {
                print(usage)
                return 0
            }
            if arguments.first == "--version" {
                print("cortexscope \(version)")
                return 0
            }
            if let first = arguments.first,
                let command = commands.first(where: { $0.name == first })
            {
                let rest = Array(arguments.dropFirst())
                if rest.contains("--help") || rest.contains("-h") {
                    print(command.help)
                    return 0
                }
                return try command.run(rest)
            }
            return try ExplorerCommand.run(arguments)
        } catch let error as UsageError {
            printError("\(error)\nRun 'cortexscope --help' for usage.")
            return 2
        } catch {
            printError("\(error)")
            return 1
        }
    }

    static var usage: String {
        var lines = [
            "cortexscope \(version): a terminal explorer for visual-cortex recordings and models",
            "",
            "Usage:",
            "  cortexscope [PATH...]           open the explorer on files or folders",
            "                                  (default: folders in CORTEXSCOPE_DATA_PATH)",
        ]
        for command in commands {
            let padded = command.name.padding(toLength: 16, withPad: " ", startingAt: 0)
            lines.append("  cortexscope \(padded)\(command.summary)")
        }
        lines += [
            "",
            "Run 'cortexscope COMMAND --help' for a command's options.",
            "Options: --help, --version.",
        ]
        return lines.joined(separator: "\n")
    }
}

/// Writes an error to standard error with the program's name. Control characters are
/// removed first, because messages quote file names, which may contain escape sequences.
func printError(_ message: String) {
    writeToStandardError("cortexscope: error: " + sanitizedLines(message))
}

/// Writes a warning to standard error, sanitised like `printError`.
func printWarning(_ message: String) {
    writeToStandardError("cortexscope: warning: " + sanitizedLines(message))
}

private func sanitizedLines(_ message: String) -> String {
    message.split(separator: "\n", omittingEmptySubsequences: false)
        .map { TextSanitizer.sanitize(String($0)) }.joined(separator: "\n")
}

private func writeToStandardError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}
