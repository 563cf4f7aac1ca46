import Foundation
import Testing
import Trace

/// Seeded random command lines through the built binary: any flag of
/// `forecast` with an absurd value. Exit 0 with finite JSON, or exit 1 or 2
/// with exactly one `error:` line; never a trap.
@Suite(.serialized) struct FlagFuzzTests {
  static let flags = [
    "--prompt", "--generate", "--batch", "--weights", "--activations", "--kv", "--fusion",
    "--kv-update", "--logits", "--scores", "--embedding", "--attention", "--nonlinear",
    "--lora-rank", "--lora-merge", "--chunk", "--tile", "--compute-efficiency",
    "--memory-efficiency", "--dispatch-us", "--overlap", "--model", "--device", "--promt", "--",
  ]
  static let values = [
    "0", "-1", "1", "3", "64", "1e999", "-1e999", "nan", "inf", "1e-320", "0.5", "1.5",
    "99999999999999999999", "9223372036854775807", "1099511627776", "", " ", "int4", "Q4_K_M",
    "int3:g7", "gqa:0", "gqa:2", "mla", "eager", "concat", "all", "full", "table", "pwl", "static",
    "phase", "llama-3.2-1b", "traces/", "/nonexistent.json", "h100-sxm", "<script>", "\u{0}x",
  ]

  /// A tiny deterministic generator (SplitMix64).
  struct Random {
    var state: UInt64
    mutating func next(_ bound: Int) -> Int {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return Int((z ^ (z >> 31)) % UInt64(bound))
    }
  }

  @Test func randomCommandLines() throws {
    var random = Random(state: 0x5EED_0010)
    for _ in 0..<300 {
      var arguments = [
        "forecast", "--model", "llama-3.2-1b", "--device", "h100-sxm", "--prompt", "8", "--json",
      ]
      for _ in 0...random.next(3) {
        arguments.append(Self.flags[random.next(Self.flags.count)])
        arguments.append(Self.values[random.next(Self.values.count)])
      }
      let result = try LifeBinary.run(arguments, timeout: 60)
      let line = arguments.joined(separator: " ")
      #expect([0, 1, 2].contains(result.code), "\(line)\n\(result)")
      #expect(!result.err.contains("Backtrac") && !result.err.contains("Fatal error"), "\(line)")
      if result.code == 0 {
        try JSONFormat.checkFinite(try JSONParser.parse(result.out, file: nil))
      } else {
        #expect(result.err.hasPrefix("error: "), "\(line)\n\(result)")
        #expect(result.err.filter { $0 == "\n" }.count == 1, "\(line)\n\(result)")
      }
    }
  }
}
