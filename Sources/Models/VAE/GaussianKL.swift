import Foundation

/// Closed-form KL divergences between diagonal Gaussians, in nats.
///
/// For one dimension, KL[N(m1, exp(l1)) || N(m2, exp(l2))] =
/// 0.5 (l2 - l1 + (exp(l1) + (m1 - m2)^2) exp(-l2) - 1), summed over dimensions
/// (Bishop, "Pattern Recognition and Machine Learning", 2006, eq. 1.113 applied per axis).
public enum GaussianKL {
    /// KL divergence of N(mean1, exp(logVariance1)) from N(mean2, exp(logVariance2)) for one
    /// dimension.
    @inlinable
    public static func divergence(
        mean1: Float, logVariance1: Float, mean2: Float, logVariance2: Float
    ) -> Float {
        let difference = mean1 - mean2
        let ratio =
            (Foundation.exp(logVariance1) + difference * difference)
            * Foundation.exp(-logVariance2)
        return 0.5 * (logVariance2 - logVariance1 + ratio - 1)
    }

    /// KL divergence of N(mean, exp(logVariance)) from N(0, 1) for one dimension.
    @inlinable
    public static func divergenceFromStandardNormal(mean: Float, logVariance: Float) -> Float {
        0.5 * (Foundation.exp(logVariance) + mean * mean - 1 - logVariance)
    }
}
