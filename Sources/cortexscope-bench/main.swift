import Foundation

let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == "nwb-load", arguments.count == 2 {
    exit(runNWBLoadBenchmark(path: arguments[1]))
}
print("bench")
