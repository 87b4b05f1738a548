/// Errors raised when the interactive terminal cannot be started.
public enum TerminalError: Error, Equatable, CustomStringConvertible, Sendable {
    /// Standard input or output is not a terminal (a pipe or a file).
    case notATerminal
    /// ncurses has no terminfo entry for `TERM`.
    case unknownTerminal(String)
    /// The terminal cannot move the cursor (no `cup` capability), as with `TERM=dumb`.
    case cannotPositionCursor(String)
    /// Installing the signal handlers failed.
    case signalSetupFailed(String)

    public var description: String {
        switch self {
        case .notATerminal:
            return "standard input and output must be a terminal for the interactive view; "
                + "run a headless command with --format text or json instead"
        case .unknownTerminal(let term):
            return "terminal type TERM=\(term) is unknown to terminfo; set TERM to a known "
                + "type such as xterm-256color, or use --format text"
        case .cannotPositionCursor(let term):
            return "terminal type TERM=\(term) cannot position the cursor; use a full-screen "
                + "terminal type such as xterm-256color, or use --format text"
        case .signalSetupFailed(let reason):
            return "cannot install signal handlers: \(reason)"
        }
    }
}
