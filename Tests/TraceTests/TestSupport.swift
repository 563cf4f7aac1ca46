import Testing

@testable import Trace

/// True when `a` is within `tolerance` (relative) of `b`.
func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-9) -> Bool {
  if a == b { return true }
  return abs(a - b) <= tolerance * max(abs(a), abs(b))
}

let GiB = 1_073_741_824.0

/// Builds a workload from a model and `name value` option pairs.
func workload(
  _ model: ModelConfig, prompt: Int, generate: Int = 0, _ flags: [(String, String)] = []
)
  throws -> Workload
{
  var options = WorkloadOptions(prompt: prompt)
  options.generate = generate
  for (name, value) in flags { try options.set(WorkloadOption.named(name), to: value) }
  return try Workload(model: model, options: options)
}

/// The paper's eager accounting.
let paperEager: [(String, String)] = [
  ("fusion", "eager"), ("scores", "full"), ("logits", "all"), ("embedding", "table"),
  ("kv-update", "concat"),
]
/// The paper's fused accounting.
let paperFused: [(String, String)] = [
  ("fusion", "fused"), ("scores", "full"), ("logits", "all"), ("embedding", "table"),
  ("kv-update", "inplace"),
]

/// Llama-2-7B in bf16 (the paper's model).
func llama2() throws -> ModelConfig { try ModelConfig.preset(named: "llama-2-7b") }

/// A sink that keeps every record (tests only).
struct RecordingSink: OpSink {
  var records: [OpRecord] = []
  var passes: [PassInfo] = []
  mutating func beginPass(_ pass: PassInfo) { passes.append(pass) }
  mutating func consume(_ record: OpRecord) { records.append(record) }
  mutating func endPass(_ pass: PassInfo) {}
}
