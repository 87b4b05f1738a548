/// The evidence lower bound of a hierarchical VAE split into its three terms, in nats per
/// patch.
///
/// ELBO = reconstruction - klZ2 - klZ1, where reconstruction is E_q[log p(x | z1)]
/// including the Gaussian normalising constant, klZ2 = KL[q(z2 | x) || p(z2)] and
/// klZ1 = E_q(z2|x) KL[q(z1 | x, z2) || p(z1 | z2)].
public struct ELBOTerms: Equatable, Codable, Sendable {
    /// Expected log-likelihood of the patch under the decoder, nats.
    public var reconstruction: Double
    /// KL divergence of the top-level posterior from the standard normal prior, nats.
    public var klZ2: Double
    /// Expected KL divergence of the lower-level posterior from the conditional prior, nats.
    public var klZ1: Double

    /// Creates the terms from their values in nats.
    public init(reconstruction: Double, klZ2: Double, klZ1: Double) {
        self.reconstruction = reconstruction
        self.klZ2 = klZ2
        self.klZ1 = klZ1
    }

    /// The evidence lower bound, reconstruction - klZ2 - klZ1, nats.
    public var elbo: Double { reconstruction - klZ2 - klZ1 }

    /// The training loss -(reconstruction - beta (klZ2 + klZ1)), nats.
    public func loss(beta: Double) -> Double {
        -(reconstruction - beta * (klZ2 + klZ1))
    }
}
