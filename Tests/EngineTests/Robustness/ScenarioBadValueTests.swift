import Engine
import Testing
import Trace

/// Scenario JSON: unknown keys with a did-you-mean, versions, bad
/// workloads, devices, mappings and links — each names the file and path.
@Suite struct ScenarioBadValueTests {
  static let base: [(String, String)] = [
    ("version", "1"), ("model", "\"llama-3.2-1b\""),
    ("workload", "{\"prompt\": 16, \"generate\": 2}"),
    ("devices", "{\"npu\": \"ryzen-ai-max-395-npu\", \"igpu\": \"ryzen-ai-max-395-igpu\"}"),
    ("mapping", "{\"prefill\": \"npu\", \"decode\": \"igpu\"}"),
  ]

  static func text(_ key: String, _ raw: String?) -> String {
    var members = base.filter { $0.0 != key }.map { "\"\($0.0)\": \($0.1)" }
    if let raw { members.append("\"\(key)\": \(raw)") }
    return "{" + members.joined(separator: ", ") + "}"
  }

  static let cases: [(String, String?, String)] = [
    (
      "modle", "\"x\"",
      "modle: unknown key (got 'modle'; expected one of 'version', 'name', 'model'"
    ),
    ("modle", "\"x\"", "did you mean 'model'?"),
    (
      "version", "2",
      "version: unsupported scenario version (got 2; expected version 1 or lower (this LIFE reads version 1; the file is version 2))"
    ),
    ("version", "0", "version: integer out of range (got 0"),
    ("version", "\"1\"", "version: wrong type"),
    ("model", nil, "model: missing required field"),
    ("model", "\"\"", "model: empty model"),
    ("workload", "{\"prompt\": -1}", "workload.prompt: out of range (got -1"),
    ("workload", "{\"prompt\": 1e999}", "workload.prompt: integer too large (got 1e999"),
    ("workload", "{\"prompt\": 16, \"batch\": 0}", "workload.batch: out of range (got 0"),
    ("workload", "{\"prompt\": 16, \"generate\": 2.5}", "workload.generate: not a whole number"),
    ("workload", "{\"promt\": 16}", "did you mean 'prompt'?"),
    ("workload", "{}", "workload.prompt: missing required field (expected an integer ≥ 0)"),
    (
      "options", "{\"fusion\": \"fast\"}",
      "options.fusion: invalid value (got 'fast'; expected eager or fused)"
    ),
    ("options", "{\"kv_update\": \"concat\"}", "did you mean 'kv-update'?"),
    ("options", "{\"prompt\": 5}", "options.prompt: unknown key"),
    ("options", "{\"chunk\": 0}", "options.chunk"),
    ("devices", "{}", "devices: no devices"),
    (
      "devices", "{\"npu\": \"ryzen-ai-max-395-npx\"}",
      "devices.npu: unknown device (got 'ryzen-ai-max-395-npx'"
    ),
    (
      "devices",
      "{\"npu\": {\"name\": \"x\", \"kind\": \"npu\", \"peak_tops\": {\"default\": 0}, \"bandwidth_gb_s\": 1}}",
      "devices.npu.peak_tops.default: number out of range (got 0"
    ),
    ("mapping", "{\"prefill\": \"gpu\", \"decode\": \"igpu\"}", "mapping.prefill"),
    (
      "mapping",
      "{\"prefill\": \"npu\", \"decode\": \"igpu\", \"by_kind\": {\"softmx\": \"igpu\"}}",
      "did you mean 'softmax'?"
    ),
    (
      "links", "[{\"from\": \"npu\", \"to\": \"npu\", \"bandwidth_gb_s\": 1}]",
      "links[0].to: a link from a device to itself"
    ),
    (
      "links", "[{\"from\": \"npu\", \"to\": \"igpu\", \"bandwidth_gb_s\": 0}]",
      "links[0].bandwidth_gb_s: number out of range (got 0"
    ),
    (
      "links", "[{\"from\": \"npu\", \"to\": \"igpu\", \"bandwidth_gb_s\": 1e-320}]",
      "links[0].bandwidth_gb_s: number too small"
    ),
    (
      "links", "[{\"from\": \"npu\", \"to\": \"igpu\", \"bandwidth_gb_s\": 1e308}]",
      "links[0].bandwidth_gb_s: number too large (got 1e308; expected a number in [1e-9, 1e9])"
    ),
    (
      "links", "[{\"from\": \"npu\", \"to\": \"igpu\", \"bandwidth_gb_s\": 9223372036854775808}]",
      "links[0].bandwidth_gb_s: number too large (got 9223372036854775808"
    ),
    ("options", "{\"chunk\": 1099511627777}", "options.chunk: too large (got 1099511627777"),
    ("options", "{\"tile\": 1099511627777}", "options.tile: too large (got 1099511627777"),
    (
      "options", "{\"lora-rank\": 1099511627777}", "options.lora-rank: too large (got 1099511627777"
    ),
    ("options", "{\"chunk\": \"1099511627777\"}", "options.chunk: too large"),
    (
      "trace", "{\"steps\": [1, 2]}",
      "trace.steps: wrong type (got an array of 2; expected a string)"
    ),
    ("trace", "{\"steps\": \"1-3,x\"}", "trace.steps: "),
    ("trace", "{\"steps\": 7}", "trace.steps: wrong type (got 7; expected a string)"),
    (
      "links",
      "[{\"from\": \"npu\", \"to\": \"igpu\", \"bandwidth_gb_s\": 1, \"latency_us\": 1e308}]",
      "links[0].latency_us: number out of range (got 1e308; expected a number in [0, 1000000000])"
    ),
    ("overlap", "\"both\"", "overlap: unknown value (got 'both'"),
    ("trace", "{\"steps\": \"0-3\"}", "trace.steps"),
    ("trace", "{\"detail\": \"ops\"}", "did you mean 'op'?"),
    (
      "compare", "[{\"mapping\": {\"prefill\": \"npu\"}}]",
      "compare[0].name: missing required field"
    ),
  ]

  @Test(arguments: cases)
  func badValue(_ key: String, _ raw: String?, _ expected: String) {
    do {
      let scenario = try Scenario(node: JSONNode.parse(Self.text(key, raw), file: "s.json"))
      Issue.record("accepted \(scenario.name)")
    } catch {
      #expect(error.exitCode == 1, "\(error.rendered)")
      #expect(error.rendered.hasPrefix("error: s.json: "), "\(error.rendered)")
      #expect(error.rendered.contains(expected), "\(error.rendered)")
    }
  }

  @Test func baseIsValid() throws {
    let scenario = try Scenario(node: JSONNode.parse(Self.text("", nil), file: "s.json"))
    #expect(scenario.devices.count == 2)
  }

  @Test func missingFile() {
    #expect(throws: LifeError.file("/nonexistent/s.json", path: nil, "no such file")) {
      try Scenario.load(path: "/nonexistent/s.json")
    }
  }
}
