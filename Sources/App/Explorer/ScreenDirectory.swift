/// The screens that the number keys open from anywhere, by command.
@MainActor
enum ScreenDirectory {
    /// A new screen for `command`, or nil when the screen does not exist in this build.
    static func screen(for command: Command, workspace: Workspace) -> (any Screen)? {
        switch command {
        case .showComparison:
            return ComparisonScreen()
        default:
            return nil
        }
    }
}
