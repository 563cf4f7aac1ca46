import Engine
import Foundation
import Trace

extension BarChartSVG {
  /// The paper's Fig. 6: chunked-prefill metrics relative to no chunking,
  /// one group per chunk size, bars for compute, memory and dispatch calls
  /// (each value = metric with that chunk / metric without chunking). The
  /// integrator computes the ratios from the workload model.
  package static func chunkedPrefill(
    prompt: Int, chunks: [Int], computeRatio: [Double], memoryRatio: [Double],
    dispatchRatio: [Double], model: String = ""
  ) -> BarChartSVG {
    let ratios = computeRatio + memoryRatio + dispatchRatio
    let positive = ratios.filter { $0 > 0 }
    let spread = (positive.max() ?? 1) / (positive.min() ?? 1)
    return BarChartSVG(
      title: (model.isEmpty ? "" : model + ": ")
        + "chunked prefill / no chunking, prompt = \(prompt)",
      xName: "chunk size (tokens)", yName: "ratio to no chunking",
      categories: chunks.map(String.init),
      series: [
        Series(name: "compute (ops)", values: computeRatio, colour: palette[0]),
        Series(name: "memory (bytes)", values: memoryRatio, colour: palette[1]),
        Series(name: "dispatch calls", values: dispatchRatio, colour: palette[2]),
      ], logScale: spread > 20, referenceLine: 1)
  }

  /// The paper's Fig. 9: ops of a LoRA-adapted linear layer against prompt
  /// length, one bar per rank. `baseline[p]` is the ops without LoRA at
  /// `prompts[p]`; `ops[r][p]` the ops with rank `ranks[r]`. Log scale.
  package static func loraOps(
    prompts: [Int], ranks: [Int], baseline: [Double], ops: [[Double]],
    layer: String = "4096x4096 linear"
  ) -> BarChartSVG {
    var series = [Series(name: "no LoRA", values: baseline, colour: palette[7])]
    for (i, r) in ranks.enumerated() where i < ops.count {
      series.append(Series(name: "rank \(r)", values: ops[i], colour: palette[i % 7]))
    }
    return BarChartSVG(
      title: "LoRA \(layer): ops vs prompt length and rank", xName: "prompt length (tokens)",
      yName: "operations", categories: prompts.map(String.init), series: series, logScale: true)
  }
}
