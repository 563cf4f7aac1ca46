import Engine
import Foundation
import Timeline
import Trace

/// One LifeBench invocation: which workload to time and how.
struct BenchCommand {
  let arguments: [String]

  func run() throws {
    switch arguments.first {
    case "steps":
      let reps = int(at: 1) ?? 5
      let t1000 = try BenchScenario(prompt: 4096, generate: 1000).timeForecast(reps: reps)
      let t2000 = try BenchScenario(prompt: 4096, generate: 2000).timeForecast(reps: reps)
      let records = BenchScenario(prompt: 4096, generate: 2000).recordCount()
      print(t1000.line(label: "w1 in-process forecast, 1000 steps"))
      print(t2000.line(label: "w1 in-process forecast, 2000 steps", records: records))
      let perStep = (t2000.median - t1000.median) / 1000 * 1e6
      print(
        String(
          format: "w1 marginal cost per decode step: %.2f us (from the 1000 and 2000 step medians)",
          perStep))
    case "long":
      let reps = int(at: 1) ?? 3
      let scenario = BenchScenario(prompt: 131_072, generate: 1000)
      print(
        try scenario.timeForecast(reps: reps).line(
          label: "w5 in-process forecast", records: scenario.recordCount()))
    case "timeline":
      guard arguments.count >= 3, ["all", "auto"].contains(arguments[1]) else { throw usage }
      let scenario = BenchScenario(prompt: 4096, generate: int(at: 3) ?? 2000)
      let result = try scenario.writeOutputs(all: arguments[1] == "all", directory: arguments[2])
      print(result)
    case "count":
      guard let prompt = int(at: 1), let generate = int(at: 2) else { throw usage }
      print(BenchScenario(prompt: prompt, generate: generate).recordCount())
    default:
      throw usage
    }
  }

  var usage: LifeError {
    LifeError(
      .usage, at: .none,
      "usage: LifeBench steps|long [reps] | timeline all|auto DIR [generate] | count PROMPT GENERATE"
    )
  }

  func int(at i: Int) -> Int? { arguments.count > i ? Int(arguments[i]) : nil }
}
