import Testing

@testable import Trace

/// Table 9: decode memory (bytes read, GiB) of the 1st and 2000th generated
/// token. Flags as Table 7.
@Suite struct Table9Tests {
  static let rows: [(prompt: Int, variant: String, first: Double, last: Double)] = [
    (128, "bf16-bf16", 12.75, 14.71), (128, "bf16-int4", 3.65, 5.60),
    (128, "bf16-int4-kv4", 3.53, 3.90), (4096, "bf16-bf16", 16.66, 18.62),
    (4096, "bf16-int4", 7.55, 9.51), (4096, "bf16-int4-kv4", 4.26, 4.60),
  ]

  @Test(arguments: 0..<6) func row(_ index: Int) throws {
    let row = Self.rows[index]
    let w = try workload(llama2(), prompt: row.prompt, Table5Tests.flags(row.variant))
    var first = WorkloadTotals()
    w.emit(w.decodePass(step: 1), into: &first)
    var last = WorkloadTotals()
    w.emit(w.decodePass(step: 2000), into: &last)
    let a = try #require(first.steps.first).totals.read.total / GiB
    let b = try #require(last.steps.first).totals.read.total / GiB
    #expect(close(a, row.first, 0.10), "first \(a)")
    #expect(close(b, row.last, 0.10), "last \(b)")
    // Ratio from the paper's own columns (its printed 1.18x for 4096
    // bf16-bf16 is 18.62 / 16.66 = 1.12).
    #expect(abs(b / a - row.last / row.first) <= 0.06, "ratio \(b / a)")
  }
}
