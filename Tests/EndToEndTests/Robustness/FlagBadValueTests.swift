import Foundation
import Testing
import Trace

/// Bad flag values through the built binary: exit 2 (usage) or 1 (failure),
/// exactly one `error:` line on standard error, nothing on standard output,
/// and never a trap or stack trace.
@Suite(.serialized) struct FlagBadValueTests {
  struct Case: CustomStringConvertible, Sendable {
    var line: String
    var code: Int32
    var prefix: String
    var description: String { line }
  }

  static let w = "workload --model llama-3.2-1b"
  static let f = "forecast --model llama-3.2-1b --device h100-sxm"

  static let cases: [Case] = [
    Case(
      line: "\(w) --prompt 99999999999999999999", code: 2,
      prefix: "error: --prompt: integer too large (got '99999999999999999999'"),
    Case(line: "\(w) --prompt -1", code: 2, prefix: "error: --prompt: out of range (got '-1'"),
    Case(line: "\(w) --prompt 1e3", code: 2, prefix: "error: --prompt: not an integer (got '1e3'"),
    Case(
      line: "\(w) --prompt 9223372036854775807", code: 2,
      prefix:
        "error: --prompt: too large (got '9223372036854775807'; expected at most 2^40"
    ),
    Case(
      line: "\(w) --prompt 1 --generate 9223372036854775807", code: 2,
      prefix: "error: --generate: too large"),
    Case(
      line: "\(w) --prompt 10 --batch 9223372036854775807", code: 2,
      prefix: "error: --batch: too large"),
    Case(
      line: "\(w) --prompt 10 --batch 0", code: 2, prefix: "error: --batch: out of range (got '0'"),
    Case(
      line: "\(w) --prompt 1099511627776 --chunk 1", code: 2,
      prefix: "error: --chunk: too many passes"),
    Case(line: "\(w) --prompt 10 --chunk 0", code: 2, prefix: "error: --chunk: out of range"),
    Case(line: "\(w) --prompt 10 --tile -1", code: 2, prefix: "error: --tile: out of range"),
    Case(
      line: "\(w) --prompt 10 --weights int9", code: 2,
      prefix: "error: --weights: invalid value (got 'int9'"),
    Case(
      line: "\(w) --prompt 10 --kv fp4", code: 2, prefix: "error: --kv: invalid value (got 'fp4'"),
    Case(
      line: "\(w) --prompt 10 --attention gqa:3", code: 2,
      prefix: "error: --attention: KV heads must divide the attention heads (got 'gqa:3'"),
    Case(
      line: "\(w) --prompt 10 --attention gqa:9223372036854775807", code: 2,
      prefix: "error: --attention: KV heads must divide the attention heads"),
    Case(
      line: "\(w) --prompt 10 --fusion fusd", code: 2,
      prefix: "error: --fusion: invalid value (got 'fusd'"),
    Case(line: "\(w) --prompt", code: 2, prefix: "error: --prompt: "),
    Case(line: "workload --prompt 10", code: 2, prefix: "error: --model: missing required flag"),
    Case(
      line: "workload --model lama-2-7b --prompt 10", code: 2,
      prefix: "error: --model: unknown model preset (got 'lama-2-7b'"),
    Case(
      line: "workload --model /nonexistent/config.json --prompt 10", code: 1,
      prefix: "error: /nonexistent/config.json: no such file"),
    Case(
      line: "workload --model traces --prompt 10", code: 2,
      prefix: "error: --model: is a directory without a config.json (got 'traces'"),
    Case(
      line: "workload --model traces/ --prompt 10", code: 2,
      prefix: "error: --model: is a directory without a config.json (got 'traces/'"),
    Case(
      line: "workload --model no-such-model --prompt 10", code: 2,
      prefix: "error: --model: unknown model preset (got 'no-such-model'"),
    Case(
      line: "workload --model traces/measurements/v100.csv --prompt 10", code: 1,
      prefix: "error: traces/measurements/v100.csv: line 1, column 1: invalid JSON"),
    Case(
      line: "\(f) --prompt 10 --compute-efficiency 0", code: 2,
      prefix: "error: --compute-efficiency: out of range (got '0'"),
    Case(
      line: "\(f) --prompt 10 --compute-efficiency 1.5", code: 2,
      prefix: "error: --compute-efficiency: out of range (got '1.5'"),
    Case(
      line: "\(f) --prompt 10 --memory-efficiency nan", code: 2,
      prefix: "error: --memory-efficiency: not a number (got 'nan'"),
    Case(
      line: "\(f) --prompt 10 --memory-efficiency 1e-320", code: 2,
      prefix:
        "error: --memory-efficiency: number too small (got '1e-320'; expected a number in (0, 1], at least 1e-9)"
    ),
    Case(
      line: "\(f) --prompt 10 --dispatch-us inf", code: 2,
      prefix: "error: --dispatch-us: not a number (got 'inf'"),
    Case(
      line: "\(f) --prompt 10 --dispatch-us -1", code: 2,
      prefix: "error: --dispatch-us: out of range"),
    Case(
      line: "\(f) --prompt 10 --overlap both", code: 2,
      prefix: "error: --overlap: invalid value (got 'both'"),
    Case(line: "forecast --model llama-3.2-1b --prompt 10", code: 2, prefix: "error: "),
    Case(
      line: "forecast --model llama-3.2-1b --device h100-sxn --prompt 10", code: 2,
      prefix: "error: --device: unknown device (got 'h100-sxn'"),
    Case(
      line: "forecast --model llama-3.2-1b --device /nonexistent/d.json --prompt 10", code: 2,
      prefix: "error: --device: unknown device (got '/nonexistent/d.json'"),
    Case(
      line: "forecast --model llama-3.2-1b --device traces/llama2-7b-bf16-int4.json --prompt 10",
      code: 1, prefix: "error: traces/llama2-7b-bf16-int4.json: version: unknown key (got 'version'"
    ),
  ]

  @Test(arguments: cases)
  func badFlag(_ c: Case) throws {
    let result = try LifeBinary.run(c.line)
    #expect(result.code == c.code, "\(result)")
    #expect(result.err.hasPrefix(c.prefix), "\(result)")
    #expect(result.err.filter { $0 == "\n" }.count == 1, "\(result)")
    #expect(!result.err.contains("Backtrac") && !result.err.contains("Fatal error"), "\(result)")
    #expect(result.out.isEmpty, "\(result)")
  }

  /// A prompt of 0 decodes from an empty cache: TTFT 0, step 1 attends to
  /// one key.
  @Test func emptyPromptForecast() throws {
    let result = try LifeBinary.run("\(Self.f) --prompt 0 --generate 3 --json")
    #expect(result.code == 0, "\(result)")
    let json = try JSONParser.parse(result.out, file: nil)
    try JSONFormat.checkFinite(json)
    guard case .number(let ttft)? = json["ttft_ms"] else {
      Issue.record("no ttft_ms")
      return
    }
    #expect(ttft.value == 0)
    guard case .array(let steps)? = json["decode"]?["steps"] else {
      Issue.record("no decode.steps")
      return
    }
    #expect(steps.count == 3)
    #expect(steps.first?["kv_len"].map { JSONFormat.text($0, pretty: false) } == "1")
  }

  /// A 10^9-token prompt: finite counts, a warning, exit 0.
  @Test func billionTokenPrompt() throws {
    let result = try LifeBinary.run("\(Self.f) --prompt 1000000000 --json")
    #expect(result.code == 0, "\(result)")
    try JSONFormat.checkFinite(try JSONParser.parse(result.out, file: nil))
    #expect(result.err.contains("warning: "))
  }

  /// Many decode steps, summary only. (10^6 steps is quadratic in a debug
  /// build today: see docs/errors.md; the suite runs 2000.)
  @Test func manyDecodeSteps() throws {
    let result = try LifeBinary.run("\(Self.f) --prompt 16 --generate 2000 --json")
    #expect(result.code == 0)
    try JSONFormat.checkFinite(try JSONParser.parse(result.out, file: nil))
  }
}
