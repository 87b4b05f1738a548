import Data
import Foundation

/// Times `NWBImporter` on one NWB file, with and without per-trial spike times, and prints
/// one line per run: `nwb-load keepSpikeTimes=<bool> seconds=<s> units=<n> trials=<n>`.
/// Make a large file with `scripts/make_nwb_fixtures.py --scale 10000x5000`.
func runNWBLoadBenchmark(path: String) -> Int32 {
    for keep in [false, true] {
        let started = DispatchTime.now().uptimeNanoseconds
        do {
            let importer = NWBImporter(options: NWBImportOptions(keepSpikeTimes: keep))
            guard let dataset = try importer.read(path: path).first else { return 1 }
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
            print(
                "nwb-load keepSpikeTimes=\(keep) seconds=\(String(format: "%.2f", seconds)) "
                    + "units=\(dataset.unitCount) trials=\(dataset.trialCount)")
        } catch {
            print("nwb-load failed: \(error)")
            return 1
        }
    }
    return 0
}
