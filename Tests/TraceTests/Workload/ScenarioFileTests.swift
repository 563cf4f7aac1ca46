import Testing

@testable import Trace

/// Each Table 3 scenario under traces/ parses (model, workload, options) and
/// its workload computes.
@Suite struct ScenarioFileTests {
  static let variants = [
    "bf16-bf16", "bf16-int4", "bf16-int4-fused", "bf16-int4-kv4", "bf16-int4-lora",
    "bf16-int4-mla", "fp16-fp16", "quarot-w4a4kv4",
  ]

  @Test(arguments: variants) func computes(_ variant: String) throws {
    let path = "traces/llama2-7b-\(variant).json"
    let root = try JSONNode.load(file: path)
    #expect(try root.required("version").int() == 1)
    let model = try ModelConfig.resolve(try root.required("model").string())
    let work = try root.required("workload")
    var options = WorkloadOptions(prompt: try work.required("prompt").int(min: 0))
    options.generate = try work.optional("generate")?.int(min: 0) ?? 0
    options.batch = try work.optional("batch")?.int(min: 1) ?? 1
    for (key, node) in try root.required("options").members() {
      try node.setting(WorkloadOption.named(key)).apply(to: &options)
    }
    let w = try Workload(model: model, options: options)
    let t = WorkloadTotals.of(w)
    #expect(t.prefill.ops > 0 && t.steps.count == options.generate)
    if variant == "quarot-w4a4kv4" {
      #expect(w.matmulInputType == .int4 && w.kvType == .int4)
      #expect(
        (t.prefill.opsByKind[.hadamard] ?? 0) > 0 && (t.prefill.opsByKind[.quantize] ?? 0) > 0)
    }
  }
}
