/// The screens that the number keys open from anywhere, by command.
@MainActor
enum ScreenDirectory {
    /// A new screen for `command`, or nil when the screen does not exist in this build.
    static func screen(for command: Command, workspace: Workspace) -> (any Screen)? {
        switch command {
        case .showModel:
            return ModelScreen(workspace: workspace)
        case .showTraversal:
            return TraversalScreen(workspace: workspace)
        case .showComparison:
            return ComparisonScreen()
        default:
            return nil
        }
    }
}
