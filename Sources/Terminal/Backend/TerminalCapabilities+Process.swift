import Foundation
@preconcurrency import Glibc

extension TerminalCapabilities {
    /// Detects capabilities of this process without starting ncurses, for headless output.
    ///
    /// Calls `setlocale(LC_ALL, "")` and reads `nl_langinfo(CODESET)`, then applies
    /// `detect(environment:terminfoColors:codeset:)` to the process environment. Colour
    /// support is guessed from `TERM` because terminfo is not read here.
    public static func detectForCurrentProcess() -> TerminalCapabilities {
        setlocale(LC_ALL, "")
        let codeset = nl_langinfo(nl_item(CODESET)).map { String(cString: $0) }
        return detect(environment: ProcessInfo.processInfo.environment, codeset: codeset)
    }
}
