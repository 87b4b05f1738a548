import Foundation

/// The map from a latent `y` to a membrane potential and a firing rate in the GSM model of
/// V1 (Orbán et al. 2016, code sampling_in_gsm, `calc_firing_rate.m`):
///
///     u = sign(y) |y|^alpha
///     rate = gain * [u - threshold]_+ ^ exponent
///
/// The file's names are `alpha`, `uTh` (threshold), `m` (gain, in spikes per second) and
/// `beta` (exponent).
public struct RateNonlinearity: Sendable, Equatable {
    /// Exponent of the membrane-potential nonlinearity (`alpha`).
    public var alpha: Double
    /// Membrane-potential threshold of the rate (`uTh`).
    public var threshold: Double
    /// Gain of the rate in spikes per second (`m`).
    public var gain: Double
    /// Exponent of the rectified power law (`beta`).
    public var exponent: Double

    public init(alpha: Double, threshold: Double, gain: Double, exponent: Double) {
        self.alpha = alpha
        self.threshold = threshold
        self.gain = gain
        self.exponent = exponent
    }

    /// The values of Orbán et al. 2016's parameter file: alpha 1.4, uTh 1.9, m 10, beta 1.1.
    public static let orban2016 = RateNonlinearity(
        alpha: 1.4, threshold: 1.9, gain: 10, exponent: 1.1)

    /// Returns the membrane potential `u = sign(y) |y|^alpha`.
    @inlinable
    public func membranePotential(_ y: Double) -> Double {
        y < 0 ? -pow(-y, alpha) : pow(y, alpha)
    }

    /// Returns the firing rate in spikes per second, `gain * [u - threshold]_+ ^ exponent`.
    @inlinable
    public func rate(_ y: Double) -> Double {
        let drive = membranePotential(y) - threshold
        return drive > 0 ? gain * pow(drive, exponent) : 0
    }
}
