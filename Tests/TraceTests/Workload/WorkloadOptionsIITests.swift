import Testing

@testable import Trace

/// The options of the workload model II: `mla-form`, `rotation`, and GGUF's
/// F16 / BF16 spelling.
@Suite struct WorkloadOptionsIITests {
  @Test func newOptions() throws {
    var o = WorkloadOptions(prompt: 1)
    #expect(o.mlaForm == .auto && o.rotation == WorkloadOptions.Rotation.none)
    // auto: online in prefill, absorbed in decode.
    #expect(o.mlaForm.form(in: .prefill) == .online && o.mlaForm.form(in: .decode) == .absorbed)
    try o.set(.mlaForm, to: "Absorbed")
    try o.set(.rotation, to: "hadamard")
    #expect(o.mlaForm == .absorbed && o.rotation == .hadamard)
    #expect(
      WorkloadOption(rawValue: "mla-form") != nil && WorkloadOption(rawValue: "rotation") != nil)
    do {
      try o.set(.mlaForm, to: "absorb")
      Issue.record("expected an error")
    } catch {
      #expect(
        error.description.contains("online or absorbed") && error.description.contains("absorbed"))
    }
  }

  @Test func ggufSixteenBitKeepsItsSpelling() throws {
    var o = WorkloadOptions(prompt: 1)
    try o.set(.weights, to: "F16")
    #expect(o.weights?.text == "F16")
    try o.set(.weights, to: "BF16")
    #expect(o.weights?.text == "BF16")
    try o.set(.weights, to: "bf16")
    #expect(o.weights == .plain(.bf16))
    // Same bytes as plain fp16 (2 B per weight, nothing to dequantize), and a
    // tied head still shares the table.
    var tied = try FamilyFixtures.config("llama")
    tied.tiedEmbeddings = true
    let gguf = try workload(tied, prompt: 4, generate: 1, [("weights", "F16")])
    let plain = try workload(tied, prompt: 4, generate: 1, [("weights", "fp16")])
    #expect(gguf.weightsBytes == plain.weightsBytes)
    #expect(
      WorkloadTotals.of(gguf).steps[0].totals.read.total
        == WorkloadTotals.of(plain).steps[0].totals.read.total)
    let json = WorkloadReport.json(workload: gguf, totals: WorkloadTotals.of(gguf))
    #expect(json["options"]?["weights"] == .string("F16"))
  }
}
