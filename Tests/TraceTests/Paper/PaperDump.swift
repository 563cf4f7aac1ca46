import Foundation
import Testing

@testable import Trace

/// Prints our numbers beside the paper's (for docs/validation.md). Runs only
/// with LIFE_DUMP=1.
@Suite struct PaperDump {
  @Test func dump() throws {
    guard ProcessInfo.processInfo.environment["LIFE_DUMP"] == "1" else { return }
    for row in Table4Tests.rows {
      let w = try workload(
        llama2(), prompt: row.prompt, paperEager + [("weights", "bf16"), ("activations", "bf16")])
      let t = WorkloadTotals.of(w).prefill
      print(
        String(
          format: "T4 %d gemm %.2f bmm %.2f softmax %.2f tops %.2f kv %.3f", row.prompt,
          100 * (t.opsByKind[.gemm] ?? 0) / t.ops, 100 * (t.opsByKind[.bmm] ?? 0) / t.ops,
          100 * (t.opsByKind[.softmax] ?? 0) / t.ops, t.ops / 1e12,
          w.kvCacheBytes(tokens: row.prompt) / GiB))
    }
    for row in Table5Tests.rows {
      let w = try workload(llama2(), prompt: row.prompt, Table5Tests.flags(row.variant))
      let t = WorkloadTotals.of(w).prefill
      print(
        String(
          format: "T5 %@ %d tops %.4f rd %.2f wr %.2f kv %.3f", row.variant, row.prompt,
          t.ops / 1e12,
          t.read.total / GiB, t.written.total / GiB, w.kvCacheBytes(tokens: row.prompt) / GiB))
    }
    for v in 0..<3 {
      for (i, p) in Table7Tests.prompts.enumerated() {
        let flags =
          v == 2
          ? Table5Tests.flags("bf16-int4-kv4")
          : Table5Tests.flags(v == 0 ? "bf16-bf16" : "bf16-int4")
        let w = try workload(llama2(), prompt: p, generate: 1, flags)
        let s = WorkloadTotals.of(w).steps[0].totals
        print(
          String(
            format: "T7 v%d %d gops %.2f (%.2f) mem %.2f (%.2f)", v, p, s.ops / 1e9,
            Table7Tests.gops[v][i], s.read.total / GiB, Table7Tests.memory[v][i]))
      }
    }
    for row in Table9Tests.rows {
      let w = try workload(llama2(), prompt: row.prompt, Table5Tests.flags(row.variant))
      var a = WorkloadTotals(); w.emit(w.decodePass(step: 1), into: &a)
      var b = WorkloadTotals(); w.emit(w.decodePass(step: 2000), into: &b)
      let x = a.steps[0].totals.read.total / GiB, y = b.steps[0].totals.read.total / GiB
      print(
        String(
          format: "T9 %d %@ first %.2f last %.2f ratio %.3f", row.prompt, row.variant, x, y, y / x))
    }
    for fusion in ["eager", "fused"] {
      for kv in [nil, "int8", "int4"] as [String?] {
        if fusion == "eager" && kv != nil { continue }
        var line = "T11 \(fusion) \(kv ?? "-")"
        for att in ["mha", "gqa:8", "mqa", "mla"] {
          let r = try Table11Tests.readBytes(att, fusion: fusion, kv: kv) / 1024 / 1024
          line += String(format: " %@ %.0f", att, r)
        }
        let absorbed =
          try Table11Tests.readBytes("mla", fusion: fusion, kv: kv, mlaForm: "absorbed") / 1024
          / 1024
        line += String(format: " mla-absorbed %.0f", absorbed)
        print(line)
      }
    }
    for name in ModelConfig.presetNames {
      print(
        "T8 \(name) \(try Table8Tests.dispatches(name)) absorbed \(try Table8Tests.dispatches(name, ["mla-form": "absorbed"])) params \(try ModelConfig.preset(named: name).parameterCount / 1e9)"
      )
    }
  }
}
