/// The Fano factor of a unit's responses at one condition: the sample variance (ddof = 1)
/// divided by the mean, the definition AllenSDK's `get_fano_factor` names
/// (`allensdk/brain_observatory/ecephys/stimulus_analysis/stimulus_analysis.py`, which leaves
/// it unimplemented).
///
/// Nil with fewer than two responses or when the mean is not positive, because a ratio to a
/// zero or negative mean (possible for baseline-subtracted calcium responses) is undefined.
public enum FanoFactor {
    public static func of(_ responses: [Double]) -> Double? {
        let summary = SampleSummary(responses.filter(\.isFinite))
        guard let mean = summary.mean, let variance = summary.variance, mean > 0 else {
            return nil
        }
        return variance / mean
    }
}
