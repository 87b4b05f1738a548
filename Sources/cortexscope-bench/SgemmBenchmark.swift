import COpenBLAS
import Foundation

/// Measures `cblas_sgemm` on square row-major matrices: the machine's practical FP32 peak
/// against which the VAE's throughput is compared.
enum SgemmBenchmark {
    /// Returns GFLOP/s (2 n^3 operations a product) for an n x n product on `threads`
    /// OpenBLAS threads, the median of `repetitions` runs of about 0.2 s each.
    static func gigaflops(size n: Int, threads: Int, repetitions: Int) -> Double {
        openblas_set_num_threads(Int32(threads))
        var generator = SystemRandomNumberGenerator()
        let a = (0..<(n * n)).map { _ in Float.random(in: -1...1, using: &generator) }
        let b = (0..<(n * n)).map { _ in Float.random(in: -1...1, using: &generator) }
        var c = [Float](repeating: 0, count: n * n)
        let operations = 2 * Double(n) * Double(n) * Double(n)

        func multiply(times: Int) {
            c.withUnsafeMutableBufferPointer { output in
                for _ in 0..<times {
                    cblas_sgemm(
                        CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(n), Int32(n), Int32(n),
                        1, a, Int32(n), b, Int32(n), 0, output.baseAddress, Int32(n))
                }
            }
        }

        // The first call starts OpenBLAS's threads; it also sizes a run to about 0.2 s.
        multiply(times: 1)
        let once = measureSeconds { multiply(times: 1) }
        let times = max(1, Int(0.2 / max(once, 1e-6)))
        var rates: [Double] = []
        for _ in 0..<repetitions {
            let seconds = measureSeconds { multiply(times: times) }
            rates.append(operations * Double(times) / seconds / 1e9)
        }
        return median(rates) ?? 0
    }
}
