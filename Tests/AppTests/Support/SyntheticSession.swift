import Data
import Engine
import Foundation

/// A small recorded-looking session with known tuning, built in memory so App tests need
/// no data files: 3 neurons, 8 directions x 4 trials, samples at -1, -0.5, 0.5, 1, 1.5, 2 s.
enum SyntheticSession {
    static let directions: [Double] = [0, 45, 90, 135, 180, 225, 270, 315]
    static let trialsPerDirection = 4
    static let sampleTimes: [Double] = [-1, -0.5, 0.5, 1, 1.5, 2]

    /// Neuron A prefers 90 deg (direction selective), B responds equally at 0 and 180 deg,
    /// C is flat. Each trial adds a small deterministic offset so the SEM is not zero.
    static func response(unit: Int, direction: Double, trial: Int) -> Double {
        let jitter = 0.05 * Double((trial * 7 + unit * 3) % 5 - 2)
        switch unit {
        case 0:
            if direction == 90 { return 2.0 + jitter }
            if direction == 270 { return 0.5 + jitter }
            return 0.2 + jitter
        case 1: return (direction == 0 || direction == 180 ? 1.0 : 0.1) + jitter
        default: return 0.4 + jitter
        }
    }

    static func dataset() -> Dataset {
        let trials = directions.count * trialsPerDirection
        var activity = ResponseArray(units: 3, trials: trials, samples: sampleTimes.count)
        var trialDirections: [Double] = []
        for trial in 0..<trials {
            let direction = directions[trial % directions.count]
            trialDirections.append(direction)
            for unit in 0..<3 {
                let value = response(unit: unit, direction: direction, trial: trial)
                for (sample, time) in sampleTimes.enumerated() {
                    activity[unit, trial, sample] = time > 0 ? value : 0
                }
            }
        }
        var table = StimulusTable(rowCount: trials)
        try? table.setColumn(StimulusTable.direction, .numeric(trialDirections))
        return Dataset(
            name: "synthetic", origin: .recorded(path: "/data/synthetic.mat", format: "test"),
            unitIDs: ["unitA", "unitB", "unitC"], activity: activity,
            sampleTimes: sampleTimes, trials: table)
    }

    static func session() throws -> Session {
        let dataset = dataset()
        return Session(dataset: dataset, report: try TuningReport.compute(for: dataset),
                       analysisError: nil)
    }
}
