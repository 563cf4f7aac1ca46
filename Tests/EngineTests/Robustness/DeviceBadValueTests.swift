import Engine
import Testing
import Trace

/// Device JSON: every bad value is a failure naming the file and the JSON
/// path, with a did-you-mean for unknown keys.
@Suite struct DeviceBadValueTests {
  static let base: [(String, String)] = [
    ("name", "\"Test\""), ("kind", "\"gpu\""), ("peak_tops", "{\"bf16\": 100, \"default\": 50}"),
    ("bandwidth_gb_s", "1000"),
  ]

  static func text(_ key: String, _ raw: String?) -> String {
    var members = base.filter { $0.0 != key }.map { "\"\($0.0)\": \($0.1)" }
    if let raw { members.append("\"\(key)\": \(raw)") }
    return "{" + members.joined(separator: ", ") + "}"
  }

  static let cases: [(String, String?, String)] = [
    ("name", nil, "name: missing required field (expected a string)"),
    ("name", "42", "name: wrong type (got 42; expected a string)"),
    (
      "kind", "\"tpu\"",
      "kind: unknown value (got 'tpu'; expected one of 'cpu', 'npu', 'igpu', 'gpu')"
    ),
    ("kind", "\"gpus\"", "did you mean 'gpu'?"),
    ("peak_tops", "{}", "peak_tops: no peak TOPS given"),
    ("peak_tops", "{\"bf61\": 5}", "peak_tops.bf61: unknown key (got 'bf61'"),
    (
      "peak_tops", "{\"default\": 0}",
      "peak_tops.default: number out of range (got 0; expected a number > 0)"
    ),
    ("peak_tops", "{\"default\": -5}", "peak_tops.default: number out of range (got -5"),
    (
      "peak_tops", "{\"default\": 1e999}",
      "peak_tops.default: number out of range (got 1e999; expected a finite number)"
    ),
    (
      "peak_tops", "{\"default\": 1e-320}",
      "peak_tops.default: number too small (got 1e-320; expected a number in [1e-9, 1e9])"
    ),
    (
      "peak_tops", "{\"default\": 1e297}",
      "peak_tops.default: number too large (got 1e297; expected a number in [1e-9, 1e9])"
    ),
    (
      "bandwidth_gb_s", "1e308",
      "bandwidth_gb_s: number too large (got 1e308; expected a number in [1e-9, 1e9])"
    ),
    (
      "bandwidth_gb_s", "9223372036854775808",
      "bandwidth_gb_s: number too large (got 9223372036854775808; expected a number in [1e-9, 1e9])"
    ),
    (
      "peak_tops", "{\"default\": \"50\"}",
      "peak_tops.default: wrong type (got '50'; expected a number)"
    ),
    ("peak_tops", "[50]", "peak_tops: wrong type (got an array of 1; expected an object)"),
    ("bandwidth_gb_s", nil, "bandwidth_gb_s: missing required field (expected a number > 0)"),
    ("bandwidth_gb_s", "0", "bandwidth_gb_s: number out of range (got 0; expected a number > 0)"),
    (
      "bandwidth_gb_s", "-1e999",
      "bandwidth_gb_s: number out of range (got -1e999; expected a finite number)"
    ),
    (
      "dispatch_us", "-1",
      "dispatch_us: number out of range (got -1; expected a number in [0, 1000000000])"
    ),
    (
      "dispatch_us", "1e308",
      "dispatch_us: number out of range (got 1e308; expected a number in [0, 1000000000])"
    ),
    ("memory_gib", "0", "memory_gib: number out of range (got 0; expected a number > 0)"),
    ("tile", "0", "tile: integer out of range (got 0; expected an integer in [1, 1048576])"),
    ("tile", "64.5", "tile: not a whole number"),
    ("tile", "99999999999999999999", "tile: integer too large"),
    ("shared_memory_group", "\"\"", "shared_memory_group: empty group name"),
    ("bandwith_gb_s", "5", "bandwith_gb_s: unknown key (got 'bandwith_gb_s'; expected one of"),
    ("bandwith_gb_s", "5", "did you mean 'bandwidth_gb_s'?"),
    (
      "efficiency", "{\"compute\": 0, \"memory\": 0.5}",
      "efficiency.compute: number out of range (got 0; expected a number in (0, 1])"
    ),
    (
      "efficiency", "{\"compute\": 1.5, \"memory\": 0.5}",
      "efficiency.compute: number out of range (got 1.5; expected a number in (0, 1])"
    ),
    (
      "efficiency", "{\"compute\": -0.5, \"memory\": 0.5}",
      "efficiency.compute: number out of range (got -0.5"
    ),
    ("efficiency", "{\"compute\": 0.5}", "efficiency.memory: missing required field"),
    (
      "efficiency", "{\"compute\": 0.5, \"memory\": 0.5, \"by_kind\": {\"gemm\": {}}}",
      "efficiency.by_kind.gemm: empty override"
    ),
    (
      "efficiency",
      "{\"compute\": 0.5, \"memory\": 0.5, \"by_kind\": {\"gem\": {\"compute\": 0.5}}}",
      "did you mean 'gemm'?"
    ),
    (
      "efficiency",
      "{\"compute\": 0.5, \"memory\": 0.5, \"by_kind\": {\"gemm\": {\"compute\": 2}}}",
      "efficiency.by_kind.gemm.compute: number out of range (got 2"
    ),
    (
      "efficiency", "{\"memory\": 0.5, \"compute_curve\": {\"points\": []}}",
      "efficiency.compute_curve.points: no points"
    ),
    (
      "efficiency", "{\"memory\": 0.5, \"compute_curve\": {\"points\": [[128, 0.5], [64, 0.6]]}}",
      "efficiency.compute_curve.points[1][0]: points out of order"
    ),
    (
      "efficiency", "{\"memory\": 0.5, \"compute_curve\": {\"points\": [[128]]}}",
      "efficiency.compute_curve.points[0]: wrong number of values"
    ),
    (
      "efficiency", "{\"memory\": 0.5, \"compute_curve\": {\"points\": [[128, 0]]}}",
      "efficiency.compute_curve.points[0][1]: number out of range (got 0"
    ),
    (
      "efficiency",
      "{\"memory\": 0.5, \"compute_curve\": {\"over\": \"batch\", \"points\": [[1, 1]]}}",
      "efficiency.compute_curve.over: unknown value (got 'batch'"
    ),
  ]

  @Test(arguments: cases)
  func badValue(_ key: String, _ raw: String?, _ expected: String) {
    do {
      let device = try Device(node: JSONNode.parse(Self.text(key, raw), file: "dev.json"))
      Issue.record("accepted \(device.name)")
    } catch {
      #expect(error.exitCode == 1)
      #expect(error.rendered.hasPrefix("error: dev.json: "), "\(error.rendered)")
      #expect(error.rendered.contains(expected), "\(error.rendered)")
    }
  }

  @Test func baseIsValid() throws {
    let device = try Device(node: JSONNode.parse(Self.text("", nil), file: nil))
    #expect(device.bandwidthGBs == 1000)
  }

  @Test func missingFileAndUnknownPreset() {
    #expect(throws: LifeError.self) { try Device.load(path: "/nonexistent/dev.json") }
    do {
      _ = try Device.resolve("h100-sxn", at: .parameter(.device))
      Issue.record("accepted")
    } catch {
      #expect(error.exitCode == 2)
      #expect(
        error.rendered.hasPrefix(
          "error: device: unknown device (got 'h100-sxn'; expected a preset (life devices) or a device JSON file); did you mean 'h100-sxm'?"
        ), "\(error.rendered)")
    }
  }
}
