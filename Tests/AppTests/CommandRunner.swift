import Foundation
@testable import App

/// Runs `Program.run` with standard output and standard error sent to files, and returns
/// the exit status and both texts.
enum CommandRunner {
    static func run(_ arguments: [String]) throws -> (status: Int32, output: String, error: String) {
        let folder = NSTemporaryDirectory()
        let outputPath = folder + "cortexscope-stdout-\(UUID().uuidString)"
        let errorPath = folder + "cortexscope-stderr-\(UUID().uuidString)"
        FileManager.default.createFile(atPath: outputPath, contents: nil)
        FileManager.default.createFile(atPath: errorPath, contents: nil)
        defer {
            try? FileManager.default.removeItem(atPath: outputPath)
            try? FileManager.default.removeItem(atPath: errorPath)
        }
        fflush(nil)
        let savedOutput = dup(STDOUT_FILENO)
        let savedError = dup(STDERR_FILENO)
        let outputFile = open(outputPath, O_WRONLY)
        let errorFile = open(errorPath, O_WRONLY)
        dup2(outputFile, STDOUT_FILENO)
        dup2(errorFile, STDERR_FILENO)
        let status = Program.run(arguments)
        fflush(nil)

        dup2(savedOutput, STDOUT_FILENO)
        dup2(savedError, STDERR_FILENO)
        close(outputFile)
        close(errorFile)
        close(savedOutput)
        close(savedError)
        let output = try String(contentsOfFile: outputPath, encoding: .utf8)
        let error = try String(contentsOfFile: errorPath, encoding: .utf8)
        return (status, output, error)
    }
}
