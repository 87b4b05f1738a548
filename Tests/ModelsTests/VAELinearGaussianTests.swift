import Foundation
import Numerics
import XCTest

@testable import Models

/// Checks the ELBO of a linear-Gaussian two-layer model against its exact log evidence.
///
/// Model: z2 ~ N(0, I), z1 | z2 ~ N(C z2 + c, Dp), x | z1 ~ N(A z1 + a, s2 I), so
/// x ~ N(A c + a, A (C C^T + Dp) A^T + s2 I). The joint posterior of (z2, z1) is Gaussian
/// with precision Sigma_z^-1 + H^T H / s2, H = [0, A]. A has orthogonal columns and each z1
/// unit hangs from one z2 unit, so p(z2 | x) and p(z1 | x, z2) have diagonal covariances and
/// the VAE's linear recognition networks can represent them exactly.
final class VAELinearGaussianTests: XCTestCase {
    let d = 4
    let z1Size = 3
    let z2Size = 2
    let noiseVariance = 0.3
    let a: [Double] = [0.1, -0.2, 0.05, 0.3]
    let c: [Double] = [0.2, -0.1, 0.4]
    let priorVariance: [Double] = [0.5, 0.8, 0.6]

    /// A with orthogonal columns: orthonormal columns scaled by 1.5, 1.0 and 0.7.
    var loading: DenseMatrix {
        let u: [[Double]] = [
            [0.5, 0.5, 0.5, 0.5], [0.5, -0.5, 0.5, -0.5], [0.5, 0.5, -0.5, -0.5],
        ]
        let scales = [1.5, 1.0, 0.7]
        var result = DenseMatrix(rows: d, cols: z1Size)
        for j in 0..<z1Size { for i in 0..<d { result[i, j] = scales[j] * u[j][i] } }
        return result
    }

    /// C: z1 units 0 and 1 depend on z2 unit 0, z1 unit 2 on z2 unit 1.
    var coupling: DenseMatrix {
        DenseMatrix(rows: z1Size, cols: z2Size, values: [0.9, 0, -0.6, 0, 0, 1.2])
    }

    var configuration: VAEConfiguration {
        VAEConfiguration(
            inputSize: d, z2Size: z2Size, z1Size: z1Size, encoderZ2HiddenSizes: [],
            encoderZ1HiddenSizes: [], priorZ1HiddenSizes: [], decoderHiddenSizes: [],
            activation: .identity, decoderForm: .linear,
            decoderVariance: .fixed(Float(noiseVariance)), batchSize: 8, seed: 3)
    }

    var priorCovariance: DenseMatrix {
        var sigma = DenseMatrix(rows: z2Size + z1Size, cols: z2Size + z1Size)
        let cct = coupling * coupling.transposed
        for i in 0..<z2Size { sigma[i, i] = 1 }
        for i in 0..<z1Size {
            for j in 0..<z2Size {
                sigma[z2Size + i, j] = coupling[i, j]
                sigma[j, z2Size + i] = coupling[i, j]
            }
            for j in 0..<z1Size { sigma[z2Size + i, z2Size + j] = cct[i, j] }
            sigma[z2Size + i, z2Size + i] += priorVariance[i]
        }
        return sigma
    }

    func logEvidence(_ x: [Double]) -> Double {
        let mean = (loading * DenseMatrix.column(c)).values.enumerated().map {
            $0.element + a[$0.offset]
        }
        var covariance = loading * (coupling * coupling.transposed) * loading.transposed
        for i in 0..<d {
            for j in 0..<d {
                for k in 0..<z1Size {
                    covariance[i, j] += loading[i, k] * priorVariance[k] * loading[j, k]
                }
            }
            covariance[i, i] += noiseVariance
        }
        return gaussianLogDensity(x: x, mean: mean, covariance: covariance)
    }

    /// Builds the model with the generative parameters and the exact posterior.
    func exactModel() throws -> HierarchicalVAE {
        let model = try HierarchicalVAE(configuration: configuration)
        let n = z2Size + z1Size
        var h = DenseMatrix(rows: d, cols: n)
        for i in 0..<d { for j in 0..<z1Size { h[i, z2Size + j] = loading[i, j] } }
        let priorPrecision = priorCovariance.inverse
        let precision = priorPrecision + (1 / noiseVariance) * (h.transposed * h)
        let covariance = precision.inverse
        let gain = (1 / noiseVariance) * (covariance * h.transposed)
        let priorMean = DenseMatrix.column([0, 0] + c)
        let offset =
            covariance
            * (priorPrecision * priorMean + (-1 / noiseVariance)
                * (h.transposed * DenseMatrix.column(a)))

        // q(z2 | x): rows 0..<z2Size of the joint posterior.
        let gain2 = gain.block(0..<z2Size, 0..<d)
        XCTAssertEqual(covariance[0, 1], 0, accuracy: 1e-12, "p(z2 | x) must be diagonal")
        var q2Weight = [Float](repeating: 0, count: 2 * z2Size * d)
        var q2Bias = [Float](repeating: 0, count: 2 * z2Size)
        for i in 0..<z2Size {
            for j in 0..<d { q2Weight[i * d + j] = Float(gain2[i, j]) }
            q2Bias[i] = Float(offset[i, 0])
            q2Bias[z2Size + i] = Float(log(covariance[i, i]))
        }

        // q(z1 | x, z2): conditional of the joint posterior, precision block L = Lambda_11.
        let l = precision.block(z2Size..<n, z2Size..<n)
        for i in 0..<z1Size {
            for j in 0..<z1Size where i != j {
                XCTAssertEqual(l[i, j], 0, accuracy: 1e-12, "p(z1 | x, z2) must be diagonal")
            }
        }
        let g = (-1.0) * (l.inverse * precision.block(z2Size..<n, 0..<z2Size))
        let gainX = gain.block(z2Size..<n, 0..<d) + (-1.0) * (g * gain2)
        let offsetZ1 =
            offset.block(z2Size..<n, 0..<1) + (-1.0) * (g * offset.block(0..<z2Size, 0..<1))
        let width = d + z2Size
        var q1Weight = [Float](repeating: 0, count: 2 * z1Size * width)
        var q1Bias = [Float](repeating: 0, count: 2 * z1Size)
        for i in 0..<z1Size {
            for j in 0..<d { q1Weight[i * width + j] = Float(gainX[i, j]) }
            for j in 0..<z2Size { q1Weight[i * width + d + j] = Float(g[i, j]) }
            q1Bias[i] = Float(offsetZ1[i, 0])
            q1Bias[z1Size + i] = Float(-log(l[i, i]))
        }

        var pWeight = [Float](repeating: 0, count: 2 * z1Size * z2Size)
        var pBias = [Float](repeating: 0, count: 2 * z1Size)
        for i in 0..<z1Size {
            for j in 0..<z2Size { pWeight[i * z2Size + j] = Float(coupling[i, j]) }
            pBias[i] = Float(c[i])
            pBias[z1Size + i] = Float(log(priorVariance[i]))
        }
        try model.setTensor(named: "q_z2.layers.0.weight", values: q2Weight)
        try model.setTensor(named: "q_z2.layers.0.bias", values: q2Bias)
        try model.setTensor(named: "q_z1.layers.0.weight", values: q1Weight)
        try model.setTensor(named: "q_z1.layers.0.bias", values: q1Bias)
        try model.setTensor(named: "p_z1.layers.0.weight", values: pWeight)
        try model.setTensor(named: "p_z1.layers.0.bias", values: pBias)
        try model.setTensor(
            named: "decoder.layers.0.weight", values: loading.values.map(Float.init))
        try model.setTensor(named: "decoder.layers.0.bias", values: a.map(Float.init))
        return model
    }

    func testPatches() throws -> Matrix {
        var generator = RandomGenerator(seed: 21)
        return try Matrix(rows: 6, cols: d, values: generator.normalArray(count: 6 * d))
    }

    func testELBOEqualsLogEvidenceAtExactPosterior() throws {
        let model = try exactModel()
        let patches = try testPatches()
        let terms = try model.evaluatePerPatch(patches: patches, samples: 20_000, seed: 4)
        for row in 0..<patches.rows {
            let x = patches.row(row).map(Double.init)
            // Monte Carlo standard error of the estimate is below 0.01 nats here.
            XCTAssertEqual(terms[row].elbo, logEvidence(x), accuracy: 0.05, "patch \(row)")
        }
    }

    func testELBOBelowLogEvidenceForPerturbedPosterior() throws {
        let model = try exactModel()
        var bias = try model.tensor(named: "q_z2.layers.0.bias")
        bias[0] += 0.8
        bias[z2Size + 1] -= 1.0
        try model.setTensor(named: "q_z2.layers.0.bias", values: bias)
        var weight = try model.tensor(named: "q_z1.layers.0.weight")
        weight[1] += 0.5
        try model.setTensor(named: "q_z1.layers.0.weight", values: weight)

        let patches = try testPatches()
        let terms = try model.evaluatePerPatch(patches: patches, samples: 20_000, seed: 4)
        for row in 0..<patches.rows {
            let x = patches.row(row).map(Double.init)
            let gap = logEvidence(x) - terms[row].elbo
            XCTAssertGreaterThan(gap, 0.1, "patch \(row): ELBO must fall below log p(x)")
        }
    }

    func testELBOBelowLogEvidenceForRandomRecognition() throws {
        // The generative parameters are exact, the recognition networks random.
        let exact = try exactModel()
        let model = try HierarchicalVAE(configuration: configuration)
        for name in [
            "p_z1.layers.0.weight", "p_z1.layers.0.bias", "decoder.layers.0.weight",
            "decoder.layers.0.bias",
        ] {
            try model.setTensor(named: name, values: exact.tensor(named: name))
        }
        let patches = try testPatches()
        let terms = try model.evaluatePerPatch(patches: patches, samples: 5_000, seed: 9)
        for row in 0..<patches.rows {
            let x = patches.row(row).map(Double.init)
            XCTAssertLessThan(terms[row].elbo, logEvidence(x), "patch \(row)")
            XCTAssertGreaterThanOrEqual(terms[row].klZ2, 0, "patch \(row)")
            XCTAssertGreaterThanOrEqual(terms[row].klZ1, 0, "patch \(row)")
        }
    }

    func testKLMatchesHandComputedValue() {
        // 0.5 (ln 0.5 - ln 2 + (2 + 0.25) / 0.5 - 1) = 0.5 (-1.3862944 + 3.5) = 1.0568528.
        let kl = GaussianKL.divergence(
            mean1: 1, logVariance1: log(2), mean2: 0.5, logVariance2: log(0.5))
        XCTAssertEqual(kl, 1.0568528, accuracy: 1e-6)
        // 0.5 (4 + 0.09 - 1 - ln 4) = 0.8518528.
        let standard = GaussianKL.divergenceFromStandardNormal(mean: 0.3, logVariance: log(4))
        XCTAssertEqual(standard, 0.8518528, accuracy: 1e-6)
    }

    func testKLTermsNonNegativeForRandomModel() throws {
        let model = try HierarchicalVAE(
            configuration: VAEConfiguration(
                inputSize: 9, z2Size: 3, z1Size: 5, encoderZ2HiddenSizes: [7],
                encoderZ1HiddenSizes: [6], priorZ1HiddenSizes: [4], decoderHiddenSizes: [8],
                batchSize: 16, seed: 2))
        var generator = RandomGenerator(seed: 13)
        let patches = try Matrix(rows: 40, cols: 9, values: generator.normalArray(count: 360))
        for (row, terms) in try model.evaluatePerPatch(patches: patches, samples: 3).enumerated() {
            XCTAssertGreaterThanOrEqual(terms.klZ2, 0, "patch \(row)")
            XCTAssertGreaterThanOrEqual(terms.klZ1, 0, "patch \(row)")
        }
    }
}
