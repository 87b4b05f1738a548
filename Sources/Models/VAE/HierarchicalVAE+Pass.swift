import Foundation
import Numerics

/// The fused forward and backward passes over one batch held in the workspace.
///
/// With s = 1 / rows and beta the KL weight of this step (`klWeight`), the loss is
/// L = s * sum over rows of (-log p(x | z1) + beta KL2 + beta KL1). Its gradients, written
/// per dimension with l for log-variances:
/// - decoder mean: s (xhat - x) / sigma^2
/// - decoder log-variance: s 0.5 (1 - (x - xhat)^2 / sigma^2)
/// - KL2: d/dmu2 = beta s mu2, d/dl2 = beta s 0.5 (exp(l2) - 1)
/// - KL1: d/dmu_q = beta s (mu_q - mu_p) exp(-l_p) = -d/dmu_p,
///   d/dl_q = beta s 0.5 (exp(l_q - l_p) - 1),
///   d/dl_p = beta s 0.5 (1 - (exp(l_q) + (mu_q - mu_p)^2) exp(-l_p))
/// - a sample z = mu + exp(l / 2) eps passes dz to mu and dz 0.5 exp(l / 2) eps to l.
/// z2 reaches the loss through q(z1 | x, z2) and p(z1 | z2), so both pass gradient to it.
extension HierarchicalVAE {
    /// Runs the forward pass on `rows` rows of `x` and fills the per-row terms. The noise
    /// must already be in `noiseZ2` and `noiseZ1`. With `computeGradients` the backward pass
    /// follows and adds every parameter gradient to `gradients`, which must start at zero.
    func runPass(
        x: UnsafePointer<Float>, rows: Int, computeGradients: Bool, klWeight: Float = 1
    ) {
        let c = configuration
        let d = c.inputSize
        let z2Size = c.z2Size
        let z1Size = c.z1Size
        let joinedWidth = d + z2Size
        let scale = 1 / Float(rows)
        let klScale = klWeight * scale
        let joined = encoderZ1Input.pointer

        refreshDecoderPrecision()

        // q(z2 | x), the z2 sample, KL2 and its direct gradient.
        encoderZ2.forward(input: x, inputStride: d, rows: rows)
        let q2 = encoderZ2.output
        let q2Gradient = encoderZ2.outputGradient
        for row in 0..<rows {
            let mean = q2 + row * 2 * z2Size
            let logVariance = mean + z2Size
            let noise = noiseZ2.pointer + row * z2Size
            let target = joined + row * joinedWidth
            target.update(from: x + row * d, count: d)
            var kl: Float = 0
            for j in 0..<z2Size {
                let variance = Foundation.exp(logVariance[j])
                target[d + j] = mean[j] + variance.squareRoot() * noise[j]
                kl += 0.5 * (variance + mean[j] * mean[j] - 1 - logVariance[j])
                if computeGradients {
                    q2Gradient[row * 2 * z2Size + j] = klScale * mean[j]
                    q2Gradient[row * 2 * z2Size + z2Size + j] = klScale * 0.5 * (variance - 1)
                }
            }
            rowKLZ2.pointer[row] = kl
        }

        // q(z1 | x, z2) and p(z1 | z2), the z1 sample, KL1 and its gradients.
        encoderZ1.forward(input: joined, inputStride: joinedWidth, rows: rows)
        priorZ1.forward(input: joined + d, inputStride: joinedWidth, rows: rows)
        let q1 = encoderZ1.output
        let p1 = priorZ1.output
        let q1Gradient = encoderZ1.outputGradient
        let p1Gradient = priorZ1.outputGradient
        for row in 0..<rows {
            let base = row * 2 * z1Size
            let noise = noiseZ1.pointer + row * z1Size
            let sample = z1.pointer + row * z1Size
            var kl: Float = 0
            for j in 0..<z1Size {
                let meanQ = q1[base + j]
                let logVarianceQ = q1[base + z1Size + j]
                let meanP = p1[base + j]
                let logVarianceP = p1[base + z1Size + j]
                let varianceQ = Foundation.exp(logVarianceQ)
                let precisionP = Foundation.exp(-logVarianceP)
                let difference = meanQ - meanP
                sample[j] = meanQ + varianceQ.squareRoot() * noise[j]
                let ratio = (varianceQ + difference * difference) * precisionP
                kl += 0.5 * (logVarianceP - logVarianceQ + ratio - 1)
                if computeGradients {
                    let meanGradient = klScale * difference * precisionP
                    q1Gradient[base + j] = meanGradient
                    p1Gradient[base + j] = -meanGradient
                    q1Gradient[base + z1Size + j] = klScale * 0.5 * (varianceQ * precisionP - 1)
                    p1Gradient[base + z1Size + j] = klScale * 0.5 * (1 - ratio)
                }
            }
            rowKLZ1.pointer[row] = kl
        }

        // p(x | z1): reconstruction and the gradient of its negative.
        decoder.forward(input: z1.pointer, inputStride: z1Size, rows: rows)
        computeReconstruction(x: x, rows: rows, scale: scale, computeGradients: computeGradients)

        if computeGradients {
            backward(x: x, rows: rows)
        }
    }

    /// Sets `decoderPrecision` to 1 / sigma_x^2 per pixel and `decoderLogVarianceSum` to the
    /// sum of log sigma_x^2 over pixels.
    private func refreshDecoderPrecision() {
        let d = configuration.inputSize
        let logVariance = decoderLogVarianceScratch.pointer
        switch configuration.decoderVariance {
        case .fixed(let variance):
            logVariance.update(repeating: Foundation.log(variance), count: d)
        case .learnedScalar, .learnedPerPixel:
            guard let tensor = decoderLogVariance else { return }
            let source = parameters.pointer + tensor.offset
            if tensor.count == d {
                logVariance.update(from: source, count: d)
            } else {
                logVariance.update(repeating: source[0], count: d)
            }
        }
        var sum = 0.0
        for i in 0..<d {
            decoderPrecision.pointer[i] = Foundation.exp(-logVariance[i])
            sum += Double(logVariance[i])
        }
        decoderLogVarianceSum = sum
    }

    private func computeReconstruction(
        x: UnsafePointer<Float>, rows: Int, scale: Float, computeGradients: Bool
    ) {
        let d = configuration.inputSize
        let mean = decoder.output
        let meanGradient = decoder.outputGradient
        let precision = decoderPrecision.pointer
        let constant = -0.5 * (Double(d) * Foundation.log(2 * Double.pi) + decoderLogVarianceSum)
        let perPixelTensor = decoderLogVariance.map { $0.count == d } ?? false

        // Per pixel, the sum over rows of the squared residual times the precision.
        let weightedSquares = decoderLogVarianceScratch.pointer
        if computeGradients { weightedSquares.update(repeating: 0, count: d) }

        for row in 0..<rows {
            let observed = x + row * d
            let predicted = mean + row * d
            var squaredError: Float = 0
            for i in 0..<d {
                let residual = observed[i] - predicted[i]
                let weighted = residual * precision[i]
                squaredError += residual * weighted
                if computeGradients {
                    meanGradient[row * d + i] = -scale * weighted
                    weightedSquares[i] += residual * weighted
                }
            }
            rowReconstruction.pointer[row] = Float(constant - 0.5 * Double(squaredError))
        }

        guard computeGradients, let tensor = decoderLogVariance else { return }
        let target = gradients.pointer + tensor.offset
        if perPixelTensor {
            for i in 0..<d { target[i] += scale * 0.5 * (Float(rows) - weightedSquares[i]) }
        } else {
            var total: Float = 0
            for i in 0..<d { total += weightedSquares[i] }
            target[0] += scale * 0.5 * (Float(rows * d) - total)
        }
    }

    private func backward(x: UnsafePointer<Float>, rows: Int) {
        let c = configuration
        let d = c.inputSize
        let z2Size = c.z2Size
        let z1Size = c.z1Size
        let joinedWidth = d + z2Size
        let joined = encoderZ1Input.pointer

        decoder.backward(
            input: z1.pointer, inputStride: z1Size, rows: rows, inputColumns: 0..<z1Size,
            inputGradient: z1Gradient.pointer, inputGradientStride: z1Size)

        let q1 = encoderZ1.output
        let q1Gradient = encoderZ1.outputGradient
        for row in 0..<rows {
            let base = row * 2 * z1Size
            let noise = noiseZ1.pointer + row * z1Size
            let sampleGradient = z1Gradient.pointer + row * z1Size
            for j in 0..<z1Size {
                let standardDeviation = Foundation.exp(0.5 * q1[base + z1Size + j])
                q1Gradient[base + j] += sampleGradient[j]
                q1Gradient[base + z1Size + j] +=
                    sampleGradient[j] * 0.5 * standardDeviation * noise[j]
            }
        }

        encoderZ1.backward(
            input: joined, inputStride: joinedWidth, rows: rows, inputColumns: d..<joinedWidth,
            inputGradient: z2Gradient.pointer, inputGradientStride: z2Size)
        priorZ1.backward(
            input: joined + d, inputStride: joinedWidth, rows: rows, inputColumns: 0..<z2Size,
            inputGradient: z2Gradient.pointer, inputGradientStride: z2Size,
            accumulateInputGradient: true)

        let q2 = encoderZ2.output
        let q2Gradient = encoderZ2.outputGradient
        for row in 0..<rows {
            let base = row * 2 * z2Size
            let noise = noiseZ2.pointer + row * z2Size
            let sampleGradient = z2Gradient.pointer + row * z2Size
            for j in 0..<z2Size {
                let standardDeviation = Foundation.exp(0.5 * q2[base + z2Size + j])
                q2Gradient[base + j] += sampleGradient[j]
                q2Gradient[base + z2Size + j] +=
                    sampleGradient[j] * 0.5 * standardDeviation * noise[j]
            }
        }
        encoderZ2.backward(input: x, inputStride: d, rows: rows)
    }

    /// Means of the per-row terms of the latest pass over `rows` rows.
    func meanTerms(rows: Int) -> ELBOTerms {
        var reconstruction = 0.0
        var klZ2 = 0.0
        var klZ1 = 0.0
        for row in 0..<rows {
            reconstruction += Double(rowReconstruction.pointer[row])
            klZ2 += Double(rowKLZ2.pointer[row])
            klZ1 += Double(rowKLZ1.pointer[row])
        }
        let n = Double(max(rows, 1))
        return ELBOTerms(reconstruction: reconstruction / n, klZ2: klZ2 / n, klZ1: klZ1 / n)
    }
}
