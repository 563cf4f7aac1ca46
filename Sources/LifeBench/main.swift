import Foundation

// `LifeBench`: the in-process half of scripts/bench.sh (docs/performance.md).
// Usage:
//   LifeBench steps [reps]            workload 1 in-process at 1000 and 2000 steps
//   LifeBench timeline all|auto DIR   workloads 2 and 3 through OutputSet into DIR
//   LifeBench long [reps]             workload 5 in-process
//   LifeBench count PROMPT GENERATE   operator records of a Llama-2-7B run
do {
  try BenchCommand(arguments: Array(CommandLine.arguments.dropFirst())).run()
} catch {
  FileHandle.standardError.write(Data("LifeBench: \(error)\n".utf8))
  exit(2)
}
