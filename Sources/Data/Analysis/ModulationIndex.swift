/// AllenSDK's signed modulation index between two groups of trials, from
/// `StimulusAnalysis.get_running_modulation`
/// (`allensdk/brain_observatory/ecephys/stimulus_analysis/stimulus_analysis.py`):
/// `(mean_a - mean_b) / mean_a` when `mean_a > mean_b`, otherwise
/// `-(mean_b - mean_a) / mean_b`; that is `(mean_a - mean_b) / max(mean_a, mean_b)`.
///
/// AllenSDK computes it only when each group has at least two trials
/// (`1 < n_running < n - 1`); otherwise it is nil here. The formula assumes non-negative
/// responses (spike counts). Baseline-subtracted calcium responses can be negative, so the
/// index is nil when the larger mean is not positive, where its sign would flip; when only the
/// smaller mean is negative the index exceeds 1 in magnitude.
public enum ModulationIndex {
    /// The minimum number of trials in each group.
    public static let minimumTrialsPerGroup = 2

    /// The index of `group` against `reference` (running against stationary, large pupil
    /// against small pupil), or nil when a group is too small or the larger mean is not
    /// positive.
    public static func signed(_ group: [Double], against reference: [Double]) -> Double? {
        guard group.count >= minimumTrialsPerGroup,
            reference.count >= minimumTrialsPerGroup
        else { return nil }
        let groupMean = group.reduce(0, +) / Double(group.count)
        let referenceMean = reference.reduce(0, +) / Double(reference.count)
        let larger = max(groupMean, referenceMean)
        guard larger > 0, larger.isFinite else { return nil }
        return (groupMean - referenceMean) / larger
    }
}
