/// The GSM as an in-silico subject: each sample of a trial is an independent draw from the
/// posterior `p(y | x)` given the frame shown at that sample.
///
/// NOTE: successive samples are independent draws, so the model has no temporal
/// autocorrelation within a trial; a sampler with dynamics would correlate them.
extension GSMModel: InSilicoModel {
    public var unitIDs: [String] { (1...latentCount).map { "y\($0)" } }
    public var inputWidth: Int { parameters.imageWidth }
    public var inputHeight: Int { parameters.imageHeight }
    public var supportedReadouts: [ResponseReadout] { ResponseReadout.allCases }

    public func respond<R: RandomNumberGenerator>(
        to frames: [[Double]], trials: Int, readout: ResponseReadout,
        sampleIntervalSeconds: Double, using rng: inout R
    ) throws -> ModelResponse {
        let dy = latentCount
        let sampleCount = frames.count
        guard trials >= 0 else {
            throw ExperimentError.invalidProtocol("the trial count is \(trials)")
        }
        guard
            readout != .spikeCount || (sampleIntervalSeconds > 0 && sampleIntervalSeconds.isFinite)
        else {
            throw ExperimentError.invalidProtocol(
                "spike counts need a positive sample interval, got \(sampleIntervalSeconds) s")
        }
        var values = [Double](repeating: 0, count: trials * dy * sampleCount)
        var posterior: GSMPosterior?
        for (sample, frame) in frames.enumerated() {
            // A static stimulus repeats its frame: infer once and reuse the posterior.
            if posterior == nil || frame != frames[sample - 1] {
                posterior = try self.posterior(forImage: frame)
            }
            guard let posterior else { continue }
            let draws =
                readout == .posteriorMean
                ? Array([[Double]](repeating: posterior.mean, count: trials).joined())
                : posterior.samples(count: trials, using: &rng)
            for trial in 0..<trials {
                for unit in 0..<dy {
                    let y = draws[trial * dy + unit]
                    let value: Double
                    switch readout {
                    case .latent, .posteriorMean:
                        value = y
                    case .membranePotential:
                        value = parameters.nonlinearity.membranePotential(y)
                    case .firingRate:
                        value = parameters.nonlinearity.rate(y)
                    case .spikeCount:
                        let mean = parameters.nonlinearity.rate(y) * sampleIntervalSeconds
                        value = Double(GSMSampling.poisson(mean: mean, using: &rng))
                    }
                    values[(trial * dy + unit) * sampleCount + sample] = value
                }
            }
        }
        return try ModelResponse(trials: trials, units: dy, samples: sampleCount, values: values)
    }
}
