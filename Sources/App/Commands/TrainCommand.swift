import Dispatch
import Engine
import Foundation
import Models

/// `cortexscope train`: trains the hierarchical VAE on photograph patches without a terminal.
enum TrainCommand {
    static let help = """
        Usage: cortexscope train --out FILE [--images DIR] [--steps N] [--config FILE]
                                 [--seed S] [--resume] [--format json|text]

        Trains the hierarchical VAE on whitened 16 x 16 patches of natural photographs and
        writes a safetensors checkpoint. A quarter of the images is held out; the held-out
        ELBO of 512 fixed patches is measured every 250 steps and at the end. Progress lines
        go to standard error; the last line of standard output is a JSON object with step,
        elbo, reconstruction, kl_z2 and kl_z1 (held-out, nats per patch).

          --out FILE        checkpoint to write (atomically, every 500 steps and at the end)
          --images DIR      folder of PNG or JPEG photographs, default the scikit-image
                            photographs that `make images` fetches (.build/images/skimage)
          --steps N         total Adam updates, default 2000; a resumed model counts the
                            updates it had made
          --config FILE     JSON object of VAEConfiguration fields that differ from the
                            reference architecture, e.g. {"z1Size": 64, "batchSize": 64}
          --seed S          seed of the weights, the training noise and the held-out split
          --resume          continue from the checkpoint in --out (its configuration wins)
          --format          json (default) or text for the final summary

        Ctrl-C stops after the current step, writes the checkpoint and exits with status 130.
        """

    static func run(_ arguments: [String]) throws -> Int32 {
        var arguments = try Arguments(arguments, flags: ["resume"])
        let format = try arguments.format([.json, .text], default: .json)
        guard let out = arguments.value("out") else {
            throw UsageError("--out FILE is required: the checkpoint to write")
        }
        try checkWritable(out)
        let steps = try arguments.integer("steps", default: 2000, in: 1...100_000_000)
        let resume = arguments.flag("resume")
        var configuration = VAEConfiguration.reference
        if let path = arguments.value("config") {
            configuration = try ConfigurationFile.read(path: path)
            if resume {
                printWarning("--config \(path) is ignored with --resume: training continues "
                    + "with the configuration stored in the checkpoint")
            }
        }
        if let seedText = arguments.value("seed") {
            guard let seed = UInt64(seedText) else {
                throw UsageError("--seed must be a whole number >= 0, got '\(seedText)'")
            }
            configuration.seed = seed
        }
        let images = try ModelCommandSupport.imagesFolder(&arguments)
        try arguments.rejectUnknown()
        guard arguments.positional.isEmpty else {
            throw UsageError("unexpected argument '\(arguments.positional[0])'")
        }

        let session = TrainingSession(
            request: TrainingRequest(
                imagesFolder: images, configuration: configuration, totalSteps: steps,
                checkpointPath: out, resume: resume ? .required : .never))
        let interrupt = StopSignals(session)
        defer { interrupt.stop() }
        let job = session.start(on: Engine(log: nil))
        reportProgress(of: session, until: job)
        let outcome = try job.wait()

        var members = ModelCommandSupport.termsJSON(
            step: outcome.model.step, terms: outcome.heldOut)
        members += [
            ("stopped", .string(outcome.reason == .completed ? "completed" : "cancelled")),
            ("checkpoint", .string(out)),
            ("held_out_patches", .number(Double(outcome.heldOutPatches.rows))),
        ]
        switch format {
        case .json:
            print(JSONValue.object(members).serialized())
        case .text, .tsv:
            print(ModelCommandSupport.termsText(
                step: outcome.model.step, terms: outcome.heldOut,
                patches: outcome.heldOutPatches.rows))
            print("checkpoint: \(out)")
        }
        if outcome.reason == .completed { return 0 }
        return 128 + (interrupt.received ?? SIGINT)
    }

    /// Prints a progress line to standard error about once a second and after each
    /// held-out evaluation, until the job ends.
    private static func reportProgress(
        of session: TrainingSession, until job: Job<TrainingOutcome>
    ) {
        var lastLine = Date.distantPast
        var lastHeldOutStep: Int?
        while !job.state.isDone {
            Thread.sleep(forTimeInterval: 0.1)
            let snapshot = session.snapshot
            let progress = snapshot.progress
            guard let batch = progress.batchTerms else { continue }
            let newHeldOut = progress.heldOutStep != lastHeldOutStep
            guard newHeldOut || Date().timeIntervalSince(lastLine) >= 1 else { continue }
            var line = String(
                format: "step %d/%d  %.0f patches/s  batch ELBO %.2f (recon %.2f, KL(z2) %.2f, "
                    + "KL(z1) %.2f)",
                progress.step, snapshot.totalSteps, progress.patchesPerSecond, batch.elbo,
                batch.reconstruction, batch.klZ2, batch.klZ1)
            if let heldOut = progress.heldOutTerms, let step = progress.heldOutStep {
                line += String(format: "  held-out ELBO %.2f at step %d", heldOut.elbo, step)
            }
            printProgress(line)
            lastLine = Date()
            lastHeldOutStep = progress.heldOutStep
        }
    }

    fileprivate static func printProgress(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}

/// Throws unless `path` can be written: not a folder, in an existing folder. Checked
/// before training, because a rename that fails at the end would lose the whole run.
private func checkWritable(_ path: String) throws {
    var isFolder: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
        throw UsageError("--out \(path) is a folder; give a file name such as model.safetensors")
    }
    let folder = (path as NSString).deletingLastPathComponent
    let parent = folder.isEmpty ? "." : folder
    guard FileManager.default.isWritableFile(atPath: parent) else {
        throw UsageError("--out \(path): the folder \(parent) does not exist or is not writable")
    }
}

/// Turns SIGINT, SIGTERM and SIGHUP into a cancel request while `train` runs, so the
/// session stops after the current step and still writes its checkpoint.
private final class StopSignals: @unchecked Sendable {
    static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]
    private let sources: [any DispatchSourceSignal]
    private let lock = NSLock()
    private var first: Int32?

    init(_ session: TrainingSession) {
        var sources: [any DispatchSourceSignal] = []
        for number in Self.signals {
            signal(number, SIG_IGN)
            sources.append(DispatchSource.makeSignalSource(signal: number, queue: .global()))
        }
        self.sources = sources
        for (number, source) in zip(Self.signals, sources) {
            source.setEventHandler { [weak self] in
                self?.record(number)
                TrainCommand.printProgress(
                    "signal \(number): stopping after this step and writing the checkpoint")
                session.cancel()
            }
            source.resume()
        }
    }

    /// The first stop signal that arrived, or nil.
    var received: Int32? { lock.withLock { first } }

    private func record(_ number: Int32) {
        lock.withLock { if first == nil { first = number } }
    }

    func stop() {
        for source in sources { source.cancel() }
        for number in Self.signals { signal(number, SIG_DFL) }
    }
}
