/// A named action of the explorer. Keys bind to these names in the key map, so keys can be
/// remapped and a recorded session can replay the same commands.
public enum Command: String, CaseIterable, Sendable {
    case moveUp = "move-up"
    case moveDown = "move-down"
    case moveLeft = "move-left"
    case moveRight = "move-right"
    case pageUp = "page-up"
    case pageDown = "page-down"
    case moveFirst = "move-first"
    case moveLast = "move-last"
    case open
    case back
    case nextPane = "next-pane"
    case previousPane = "previous-pane"
    case sort
    case sortReverse = "sort-reverse"
    case nextItem = "next-item"
    case previousItem = "previous-item"
    case help
    case quit
    case redraw
    case showSessions = "show-sessions"
    case showModel = "show-model"
    case showTraversal = "show-traversal"
    case showComparison = "show-comparison"
    case trainModel = "train-model"
    case pauseJob = "pause-job"
    case cancelJob = "cancel-job"
    case search
    case showFileTree = "show-file-tree"
    case toggleRaster = "toggle-raster"
    case widerBins = "wider-bins"
    case narrowerBins = "narrower-bins"
    case toggleSmoothing = "toggle-smoothing"
    case nextRecording = "next-recording"
    case previousRecording = "previous-recording"
    case nextModel = "next-model"
    case previousModel = "previous-model"
    case toggleColorMap = "toggle-colormap"
    case toggleView = "toggle-view"
    case toggleCentre = "toggle-centre"

    /// What the command does, for the help overlay.
    public var summary: String {
        switch self {
        case .moveUp: "move up"
        case .moveDown: "move down"
        case .moveLeft: "previous column or value; collapse a group"
        case .moveRight: "next column or value; expand a group"
        case .pageUp: "page up"
        case .pageDown: "page down"
        case .moveFirst: "first row"
        case .moveLast: "last row"
        case .open: "open the selected item"
        case .back: "back to the previous screen"
        case .nextPane: "next pane"
        case .previousPane: "previous pane"
        case .sort: "sort by the selected column"
        case .sortReverse: "sort by the selected column, descending"
        case .nextItem: "next neuron, unit or search match"
        case .previousItem: "previous neuron, unit or search match"
        case .help: "show or hide this help"
        case .quit: "quit"
        case .redraw: "redraw the screen"
        case .showSessions: "sessions"
        case .showModel: "model: training and ELBO"
        case .showTraversal: "model: latent traversal"
        case .showComparison: "model against data"
        case .trainModel: "start or resume training"
        case .pauseJob: "pause or resume the running job"
        case .cancelJob: "cancel the running job"
        case .search: "search by path (Enter: next match, Esc: stop)"
        case .showFileTree: "browse the session's HDF5/NWB file"
        case .toggleRaster: "show or hide the raster and PSTH"
        case .widerBins: "wider PSTH bins"
        case .narrowerBins: "narrower PSTH bins"
        case .toggleSmoothing: "Gaussian smoothing of the PSTH on or off"
        case .nextRecording: "next recording to compare"
        case .previousRecording: "previous recording to compare"
        case .nextModel: "next model session to compare"
        case .previousModel: "previous model session to compare"
        case .toggleColorMap: "grey or viridis colours"
        case .toggleView: "traversal or receptive fields"
        case .toggleCentre: "centre at the prior or at a patch"
        }
    }
}

/// Bindings from key names to commands, read from `assets/keymap.txt`.
public struct KeyMap: Sendable {
    public private(set) var bindings: [String: Command] = [:]
    /// Key names in file order per command, for the help overlay.
    public private(set) var keysByCommand: [Command: [String]] = [:]

    /// Parses the key map text. Unknown command names and keys bound twice are errors that
    /// name the line, so a typo in a user's key map is found at start-up.
    public init(text: String) throws {
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false)
            .enumerated()
        {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard fields.count == 2 else {
                throw KeyMapError(line: index + 1, message: "expected 'KEY COMMAND', got '\(line)'")
            }
            let key = String(fields[0])
            guard let command = Command(rawValue: String(fields[1])) else {
                throw KeyMapError(
                    line: index + 1,
                    message: "unknown command '\(fields[1])'; known commands: "
                        + Command.allCases.map(\.rawValue).joined(separator: ", "))
            }
            guard bindings[key] == nil else {
                throw KeyMapError(line: index + 1, message: "key '\(key)' is bound twice")
            }
            bindings[key] = command
            keysByCommand[command, default: []].append(key)
        }
    }

    public func command(forKeyNamed name: String) -> Command? {
        bindings[name]
    }

    /// The keys of a command joined for display, for example "up/k".
    public func keys(for command: Command) -> String {
        (keysByCommand[command] ?? []).joined(separator: "/")
    }
}

/// A mistake in a key map file.
public struct KeyMapError: Error, CustomStringConvertible {
    public let line: Int
    public let message: String

    public var description: String { "key map line \(line): \(message)" }
}

import Foundation
