import Engine
import Terminal

/// One view of the explorer: it draws into a rect of the cell buffer and handles commands.
///
/// Screens never touch the terminal; the explorer copies the buffer to ncurses, and tests
/// read the same buffer as text.
@MainActor
protocol Screen: AnyObject {
    /// The title shown in the top bar, for example "Neurons of fov1".
    var title: String { get }
    /// Session and neuron for the status bar's left segment.
    var location: String { get }
    /// The commands this screen uses, in the order the help overlay lists them.
    var commands: [Command] { get }

    func draw(into buffer: inout CellBuffer, in rect: Rect, context: DrawContext)

    /// Handles one command. Commands the screen does not use return `.ignored`, and the
    /// explorer then applies its global meaning (help, quit, back).
    func handle(_ command: Command, context: ScreenContext) -> ScreenAction

    /// True while the screen reads typed text, such as a search field. The explorer then
    /// passes every key to `handleText(keyNamed:)` instead of looking it up in the key map,
    /// so typing `q` or `j` does not quit or move.
    var isReadingText: Bool { get }

    /// Handles one key by its key-map name while `isReadingText` is true.
    func handleText(keyNamed name: String, context: ScreenContext) -> ScreenAction
}

extension Screen {
    var isReadingText: Bool { false }

    func handleText(keyNamed name: String, context: ScreenContext) -> ScreenAction {
        .ignored
    }
}

/// What the explorer does after a screen handled a command.
@MainActor
enum ScreenAction {
    case handled
    case ignored
    case push(any Screen)
    case pop
    /// Shows a line in the message bar, for example why a row cannot be opened.
    case message(String)
}

/// Everything a screen needs to draw: the look and the latest state of the data.
@MainActor
struct DrawContext {
    var appearance: Appearance
    var workspace: Workspace

    var store: SessionStore { workspace.sessions }
}

/// Everything a screen may use while handling a command.
@MainActor
struct ScreenContext {
    var workspace: Workspace

    var store: SessionStore { workspace.sessions }
    var engine: Engine { workspace.engine }
}
