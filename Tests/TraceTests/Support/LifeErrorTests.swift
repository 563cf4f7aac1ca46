import Testing

@testable import Trace

/// The one rendering of every error: `error: <where>: <what> (got ...;
/// expected ...); did you mean '...'?`.
@Suite struct LifeErrorTests {
  @Test func fullShape() {
    let error = LifeError(
      .failure, at: ErrorLocation(file: "s.json", path: "devices.npu.peak_tops"), "unknown key",
      got: "'bf61'", expected: "one of 'bf16', 'int8'", suggestion: "bf16")
    #expect(
      error.rendered
        == "error: s.json: devices.npu.peak_tops: unknown key (got 'bf61'; expected one of 'bf16',"
        + " 'int8'); did you mean 'bf16'?")
    #expect(error.exitCode == 1)
  }

  @Test func partsAreOptional() {
    #expect(LifeError(.usage, at: .none, "nothing to do").rendered == "error: nothing to do")
    #expect(
      LifeError.usage(.option(.prompt), "missing value").rendered == "error: prompt: missing value")
    #expect(
      LifeError.usage(.option(.batch), "out of range", got: "'0'").rendered
        == "error: batch: out of range (got '0')")
    #expect(
      LifeError.usage(.option(.batch), "out of range", expected: "an integer ≥ 1").rendered
        == "error: batch: out of range (expected an integer ≥ 1)")
    #expect(
      LifeError.file("m.json", path: nil, "no such file").rendered == "error: m.json: no such file")
  }

  @Test func exitCodes() {
    #expect(LifeError.usage(.argument("--x"), "bad").exitCode == 2)
    #expect(LifeError.file(nil, path: nil, "bad").exitCode == 1)
  }

  @Test func locationJoinsOriginFileAndPath() {
    #expect(
      ErrorLocation(file: "a.json", path: "x.y", origin: .parameter(.device)).description
        == "device: a.json: x.y")
    let error = LifeError.usage(.option(.kvUpdate), "bad", got: "'x'")
    #expect(error.description(naming: { "--" + $0.name }) == "--kv-update: bad (got 'x')")
    #expect(InputOrigin.sweepAxis("tops").name == "vary tops")
    #expect(ErrorLocation(file: "", path: "x").description == "x")
    #expect(ErrorLocation.none.description == "")
    #expect(ErrorLocation.file("f").description == "f")
  }
}
