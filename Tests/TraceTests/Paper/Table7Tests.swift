import Testing

@testable import Trace

/// Table 7: decode GOPs and memory (GiB; the paper's "memory" is bytes read:
/// its slope in the prompt is 2 KV reads per token, see docs/validation.md)
/// of the first decode step. bf16-bf16 and bf16-int4: eager accounting;
/// bf16-int4-kv4: fused, inplace, --kv int4.
@Suite struct Table7Tests {
  static let prompts = [32, 64, 128, 256, 512, 1024, 2048]
  static let gops: [[Double]] = [
    [13.34, 13.36, 13.39, 13.46, 13.59, 13.86, 14.41],
    [26.55, 26.57, 26.60, 26.67, 26.81, 27.08, 27.62],  // 128: the paper prints 25.60 (typo)
    [26.61, 26.64, 26.69, 26.79, 26.99, 27.40, 28.21],
  ]
  static let memory: [[Double]] = [
    [12.85, 12.88, 12.94, 13.07, 13.32, 13.82, 14.83],
    [3.74, 3.77, 3.83, 3.96, 4.21, 4.71, 5.72],
    [3.55, 3.57, 3.59, 3.59, 3.64, 3.73, 3.92],
  ]

  @Test(arguments: 0..<3, 0..<7) func cell(_ variant: Int, _ index: Int) throws {
    let flags =
      variant == 2
      ? Table5Tests.flags("bf16-int4-kv4")
      : Table5Tests.flags(variant == 0 ? "bf16-bf16" : "bf16-int4")
    let w = try workload(llama2(), prompt: Self.prompts[index], generate: 1, flags)
    let t = WorkloadTotals.of(w)
    let step = try #require(t.steps.first).totals
    #expect(close(step.ops / 1e9, Self.gops[variant][index], 0.05), "GOPs \(step.ops / 1e9)")
    #expect(
      close(step.read.total / GiB, Self.memory[variant][index], 0.10),
      "GiB \(step.read.total / GiB)")
  }
}
