import Data
import Engine
import Foundation

/// The state every screen of one explorer run shares: the engine, the sessions, the
/// settings and the folders to read and write. Screens reach it through their contexts.
@MainActor
final class Workspace {
    let engine: Engine
    let sessions: SessionStore
    let settings: TuningSettings
    /// Folder for files the explorer writes (checkpoints, exports):
    /// `$XDG_STATE_HOME/cortexscope`.
    let stateFolder: String
    /// The folders searched for data, for finding default inputs such as photographs or
    /// model parameters next to the recordings.
    let dataPaths: [String]
    /// The hierarchical VAE being trained or explored, with its checkpoint.
    let model: ModelState

    init(engine: Engine, sessions: SessionStore, settings: TuningSettings = TuningSettings(),
         stateFolder: String, dataPaths: [String]) {
        self.engine = engine
        self.sessions = sessions
        self.settings = settings
        self.stateFolder = stateFolder
        self.dataPaths = dataPaths
        self.model = ModelState(stateFolder: stateFolder)
    }
}
