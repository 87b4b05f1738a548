@preconcurrency import CNCurses
import CNCursesShim
import Foundation
@preconcurrency import Glibc

/// The ncurses backend: copies cell buffers to the terminal and reads keys.
///
/// Only this type touches ncurses, and only from the thread that created it. SIGINT,
/// SIGTERM and SIGHUP are recorded by a C handler installed before `newterm`, so a signal
/// that arrives while drawing does nothing until the next `readKey`, which restores the
/// terminal and exits with status 128 + signal number. SIGWINCH is recorded the same way
/// and turned into `Key.resize`.
public final class TerminalScreen {
    /// Width and height in cells, updated on resize.
    public private(set) var size: (width: Int, height: Int)
    public let capabilities: TerminalCapabilities
    /// Called with the signal number before the terminal is restored and the process
    /// exits on SIGINT, SIGTERM or SIGHUP; for closing log files or cancelling jobs.
    public var onTerminationSignal: ((Int32) -> Void)?

    private var screen: OpaquePointer?
    private var isRestored = false
    private var colorPairs: [ColorPairKey: Int16] = [:]
    private var maximumPairs = 0
    private var colorCount = 0
    private var currentTimeout = -2
    /// Set after a resize or `invalidate()`: the next `present` repaints every cell, since
    /// the terminal's idea of the screen and ncurses' no longer agree.
    private var needsFullRepaint = false

    private struct ColorPairKey: Hashable {
        let foreground: Int16
        let background: Int16
    }

    /// Starts full-screen mode on standard input and output.
    ///
    /// Sets the locale from the environment, installs the signal handlers, then starts
    /// ncurses with `newterm`. Capabilities come from `environment` (TERM, NO_COLOR,
    /// locale variables) and terminfo's `colors`. Throws `TerminalError` when standard
    /// input or output is not a terminal, TERM is unknown, or the terminal cannot position
    /// the cursor (TERM=dumb); the caller can then fall back to headless text output.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            throw TerminalError.notATerminal
        }
        setlocale(LC_ALL, "")
        let codeset = nl_langinfo(nl_item(CODESET)).map { String(cString: $0) }

        guard cs_install_signal_handlers() == 0 else {
            throw TerminalError.signalSetupFailed(String(cString: strerror(errno)))
        }
        let term = environment["TERM"] ?? ""
        guard !term.isEmpty, let screen = newterm(nil, stdout, stdin) else {
            throw TerminalError.unknownTerminal(term)
        }
        self.screen = screen
        guard cs_has_string_capability("cup") == 1 else {
            endwin()
            delscreen(screen)
            self.screen = nil
            isRestored = true
            throw TerminalError.cannotPositionCursor(term)
        }
        // A crash from here on still leaves curses mode before the process ends.
        _ = cs_install_fatal_handlers()

        let terminfoColors = has_colors() ? Int(cs_numeric_capability("colors")) : 0
        capabilities = TerminalCapabilities.detect(
            environment: environment, terminfoColors: terminfoColors, codeset: codeset)
        size = (Int(cs_getmaxx(stdscr)), Int(cs_getmaxy(stdscr)))

        cbreak()
        noecho()
        nonl()
        keypad(stdscr, true)
        set_escdelay(25)
        curs_set(0)
        if capabilities.colorMode != .none {
            start_color()
            use_default_colors()
            colorCount = Int(COLORS)
            maximumPairs = min(Int(COLOR_PAIRS), Int(Int16.max))
        }
    }

    deinit {
        restore()
    }

    /// Returns a blank buffer of the current screen size.
    public func makeBuffer() -> CellBuffer {
        CellBuffer(width: size.width, height: size.height)
    }

    /// Copies `buffer` to the screen and refreshes it. Cells outside the screen are
    /// dropped; without Unicode, non-ASCII graphemes are shown as `?`.
    public func present(_ buffer: CellBuffer) {
        guard !isRestored else { return }
        if needsFullRepaint {
            clear()
            needsFullRepaint = false
        } else {
            erase()
        }
        let rows = min(buffer.height, size.height)
        let columns = min(buffer.width, size.width)
        for y in 0..<rows {
            for x in 0..<columns {
                let cell = buffer[x, y]
                guard !cell.isContinuation else { continue }
                var text = String(cell.grapheme)
                if !capabilities.unicode && !cell.grapheme.isASCII {
                    text = DisplayWidth.of(cell.grapheme) == 2 ? "??" : "?"
                }
                if DisplayWidth.of(cell.grapheme) == 2 && x + 1 >= columns { text = " " }
                attr_set(attributes(cell.style.attributes), pair(for: cell.style), nil)
                // The bottom-right cell returns ERR because the cursor cannot advance
                // past it; the character is still drawn.
                _ = mvaddstr(Int32(y), Int32(x), text)
            }
        }
        attr_set(cs_attr_normal(), 0, nil)
        refresh()
    }

    /// Waits up to `timeoutMilliseconds` for a key (negative waits without limit) and
    /// returns it, or nil when none arrived. Returns `.resize` after the terminal changed
    /// size (with `size` updated). On a pending SIGINT, SIGTERM or SIGHUP it calls
    /// `onTerminationSignal`, restores the terminal and exits with 128 + signal number.
    public func readKey(timeoutMilliseconds: Int) -> Key? {
        guard !isRestored else { return nil }
        exitIfSignalled()
        if let resize = takeResize() { return resize }
        if timeoutMilliseconds != currentTimeout {
            timeout(Int32(clamping: timeoutMilliseconds))
            currentTimeout = timeoutMilliseconds
        }
        var character: wint_t = 0
        let status = get_wch(&character)
        exitIfSignalled()
        if let resize = takeResize() { return resize }
        switch status {
        case KEY_CODE_YES:
            return decodeKeyCode(Int32(bitPattern: character))
        case OK:
            return Key.fromCharacterCode(UInt32(character))
        default:
            return nil
        }
    }

    /// Restores the terminal if a termination signal is pending, then exits with status
    /// 128 + signal number. Does nothing when no signal is pending.
    public func exitIfSignalled() {
        let signal = cs_pending_termination_signal()
        guard signal != 0 else { return }
        onTerminationSignal?(signal)
        restore()
        // _exit, not exit: exit runs library clean-up handlers, and OpenBLAS's joins its
        // worker threads, which never returns while a background job is inside a BLAS call.
        _exit(128 + signal)
    }

    /// Leaves full-screen mode and gives the terminal back in its original state.
    /// Safe to call more than once; later calls do nothing.
    public func restore() {
        guard !isRestored else { return }
        isRestored = true
        curs_set(1)
        endwin()
        if let screen { delscreen(screen) }
        screen = nil
        fflush(stdout)
    }

    private func takeResize() -> Key? {
        guard cs_take_resize() == 1 else { return nil }
        var rows: Int32 = 0
        var columns: Int32 = 0
        if cs_window_size(STDOUT_FILENO, &rows, &columns) == 0 {
            resize_term(rows, columns)
        }
        size = (Int(cs_getmaxx(stdscr)), Int(cs_getmaxy(stdscr)))
        needsFullRepaint = true
        return .resize
    }

    /// Makes the next `present` clear the terminal and repaint every cell, for a redraw
    /// request (Ctrl-L) or after output that bypassed ncurses.
    public func invalidate() {
        needsFullRepaint = true
    }

    private func decodeKeyCode(_ code: Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_ENTER: return .enter
        case KEY_BACKSPACE: return .backspace
        case KEY_BTAB: return .backTab
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_IC: return .insert
        case KEY_DC: return .delete
        case KEY_RESIZE:
            size = (Int(cs_getmaxx(stdscr)), Int(cs_getmaxy(stdscr)))
            needsFullRepaint = true
            return .resize
        default:
            let first = cs_key_f(1)
            if code >= first && code <= cs_key_f(24) { return .function(Int(code - first + 1)) }
            return nil
        }
    }

    private func attributes(_ attributes: TextAttributes) -> attr_t {
        var value = cs_attr_normal()
        if attributes.contains(.bold) { value |= cs_attr_bold() }
        if attributes.contains(.dim) { value |= cs_attr_dim() }
        if attributes.contains(.reverse) { value |= cs_attr_reverse() }
        if attributes.contains(.underline) { value |= cs_attr_underline() }
        return attr_t(value)
    }

    /// Returns the colour pair for a style and creates it on first use. Pair 0 (default colours) is
    /// used without colour support or once the terminal's pairs run out.
    private func pair(for style: Style) -> Int16 {
        guard maximumPairs > 1 else { return 0 }
        let key = ColorPairKey(
            foreground: colorNumber(style.foreground),
            background: colorNumber(style.background))
        if key.foreground == -1 && key.background == -1 { return 0 }
        if let existing = colorPairs[key] { return existing }
        let next = colorPairs.count + 1
        guard next < maximumPairs else { return 0 }
        init_pair(Int16(next), key.foreground, key.background)
        colorPairs[key] = Int16(next)
        return Int16(next)
    }

    private func colorNumber(_ color: TerminalColor) -> Int16 {
        guard case .indexed(let index) = color, Int(index) < colorCount else { return -1 }
        return Int16(index)
    }
}
