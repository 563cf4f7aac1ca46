import Engine
import Testing
import Trace

@Suite struct DeviceLoadingTests {
  static let contractExample = """
    {
      "name": "Ryzen AI Max+ 395 NPU",
      "kind": "npu",
      "peak_tops": {"int8": 50, "bf16": 50, "default": 50},
      "bandwidth_gb_s": 256,
      "dispatch_us": 12,
      "memory_gib": 128,
      "shared_memory_group": "soc0",
      "tile": 64,
      "efficiency": {
        "compute": 0.5,
        "memory": 0.8,
        "by_kind": {"bmm": {"compute": 0.3}, "softmax": {"memory": 0.6}},
        "compute_curve": {"over": "tokens", "points": [[128, 0.11], [1536, 0.24]]}
      }
    }
    """

  static func parse(_ text: String) throws -> Device {
    try Device(node: JSONNode.parse(text, file: "d.json"))
  }

  static func error(_ text: String) -> LifeError? {
    #expect(throws: LifeError.self) { _ = try parse(text) }
  }

  @Test func contractExampleLoads() throws {
    let d = try Self.parse(Self.contractExample)
    #expect(d.kind == .npu && d.bandwidthGBs == 256 && d.dispatchUs == 12)
    #expect(d.memoryGiB == 128 && d.tile == 64 && d.sharedMemoryGroup == "soc0")
    #expect(d.peakTops(for: .int8) == 50 && d.peakTops(for: .fp32) == 50)
    #expect(d.efficiency.byKind[.bmm]?.compute == 0.3)
    #expect(d.efficiency.byKind[.softmax]?.memory == 0.6)
    #expect(d.efficiency.computeCurve?.points.count == 2)
    // Written back and read again: the same device.
    let again = try Device(node: JSONNode(d.jsonValue, file: nil))
    #expect(again == d)
  }

  /// A datasheet alone gets the kind's defaults.
  @Test func kindDefaultsFillIn() throws {
    let d = try Self.parse(
      #"{"name": "x", "kind": "gpu", "peak_tops": {"fp16": 100}, "bandwidth_gb_s": 1000}"#)
    #expect(d.efficiency == DeviceKind.gpu.defaultEfficiency)
    #expect(d.dispatchUs == DeviceKind.gpu.defaultDispatchUs)
    #expect(d.memoryGiB == nil && d.tile == nil)
    #expect(d.peakTops(for: .bf16) == nil)
  }

  /// An `efficiency` object replaces the kind's defaults entirely: no
  /// by_kind from the defaults survives, and both values are its own.
  @Test func efficiencyObjectReplacesDefaults() throws {
    let d = try Self.parse(
      #"{"name": "x", "kind": "cpu", "peak_tops": {"default": 1}, "bandwidth_gb_s": 10, "efficiency": {"compute": 0.9, "memory": 0.2}}"#
    )
    #expect(d.efficiency == Efficiency(compute: 0.9, memory: 0.2))
  }

  @Test func unknownKeyHasDidYouMean() {
    let e = Self.error(
      #"{"name": "x", "kind": "cpu", "peak_tops": {"default": 1}, "bandwith_gb_s": 10}"#)
    #expect(e?.location.path == "bandwith_gb_s")
    #expect(e?.suggestion == "bandwidth_gb_s")
    #expect(e?.location.file == "d.json")
  }

  @Test func invalidValues() {
    let base = #""name": "x", "kind": "cpu", "bandwidth_gb_s": 10"#
    #expect(Self.error(#"{\#(base), "peak_tops": {"bf61": 1}}"#)?.suggestion == "bf16")
    #expect(Self.error(#"{\#(base), "peak_tops": {}}"#)?.location.path == "peak_tops")
    #expect(
      Self.error(#"{\#(base), "peak_tops": {"default": 0}}"#)?.location.path == "peak_tops.default")
    #expect(
      Self.error(#"{\#(base), "peak_tops": {"default": -1}}"#)?.location.path == "peak_tops.default"
    )
    #expect(
      Self.error(
        #"{"name": "x", "kind": "tpu", "peak_tops": {"default": 1}, "bandwidth_gb_s": 1}"#)?
        .location.path == "kind")
    #expect(
      Self.error(#"{"name": "x", "kind": "cpu", "peak_tops": {"default": 1}}"#)?.location.path
        == "bandwidth_gb_s")
    #expect(
      Self.error(
        #"{"name": "x", "kind": "cpu", "peak_tops": {"default": 1}, "bandwidth_gb_s": 0}"#)?
        .location.path == "bandwidth_gb_s")
    let p = #"\#(base), "peak_tops": {"default": 1}"#
    #expect(
      Self.error(#"{\#(p), "efficiency": {"compute": 1.5, "memory": 0.5}}"#)?.location.path
        == "efficiency.compute")
    #expect(
      Self.error(#"{\#(p), "efficiency": {"compute": 0, "memory": 0.5}}"#)?.location.path
        == "efficiency.compute")
    #expect(
      Self.error(#"{\#(p), "efficiency": {"compute": 0.5}}"#)?.location.path == "efficiency.memory")
    #expect(
      Self.error(
        #"{\#(p), "efficiency": {"compute": 0.5, "memory": 0.5, "by_kind": {"gemn": {"compute": 0.5}}}}"#
      )?.suggestion == "gemm")
    #expect(
      Self.error(
        #"{\#(p), "efficiency": {"compute": 0.5, "memory": 0.5, "by_kind": {"gemm": {}}}}"#)?
        .location.path == "efficiency.by_kind.gemm")
    #expect(
      Self.error(
        #"{\#(p), "efficiency": {"memory": 0.5, "compute_curve": {"points": [[128, 0.2], [64, 0.3]]}}}"#
      )?.location.path == "efficiency.compute_curve.points[1][0]")
    #expect(
      Self.error(#"{\#(p), "efficiency": {"memory": 0.5, "compute_curve": {"points": []}}}"#)?
        .location.path == "efficiency.compute_curve.points")
    #expect(
      Self.error(
        #"{\#(p), "efficiency": {"memory": 0.5, "compute_curve": {"over": "batch", "points": [[1, 0.5]]}}}"#
      )?.location.path == "efficiency.compute_curve.over")
    #expect(Self.error(#"{\#(p), "tile": 0}"#)?.location.path == "tile")
    #expect(Self.error(#"{\#(p), "memory_gib": 0}"#)?.location.path == "memory_gib")
    #expect(Self.error(#"{\#(p), "dispatch_us": -1}"#)?.location.path == "dispatch_us")
  }

  /// A curve with no global value uses the curve; the global defaults to the
  /// curve's last point.
  @Test func curveWithoutGlobal() throws {
    let d = try Self.parse(
      #"{"name": "x", "kind": "npu", "peak_tops": {"default": 1}, "bandwidth_gb_s": 1, "efficiency": {"memory": 0.5, "compute_curve": {"points": [[128, 0.1], [2048, 0.3]]}}}"#
    )
    #expect(d.efficiency.compute == 0.3)
  }

  @Test func loadFromFileAndResolve() throws {
    let path = try Fixture.file("npu.json", Self.contractExample)
    #expect(try Device.load(path: path).name == "Ryzen AI Max+ 395 NPU")
    #expect(try Device.resolve(path, at: .parameter(.device)).kind == .npu)
    #expect(try Device.resolve("v100", at: .parameter(.device)).bandwidthGBs == 900)
    let e = #expect(throws: LifeError.self) {
      _ = try Device.resolve("h100-sxn", at: .parameter(.device))
    }
    #expect(e?.suggestion == "h100-sxm")
    #expect(e?.kind == .usage)
  }

  /// A calibrated device's `uncertainty` (its held-out bands) reads back
  /// as written; a bad band names its JSON path.
  @Test func uncertaintyRoundTripsAndBadBandsNameTheirPath() throws {
    var device = try Self.parse(Self.contractExample)
    #expect(device.uncertainty == nil)
    device.uncertainty = ClassUncertainty(
      prefill: ResidualBand(rows: 7, low: 0.861, high: 1.339), decode: nil)
    let again = try Self.parse(DeviceJSON.text(device))
    #expect(again.uncertainty == device.uncertainty)
    #expect(DeviceJSON.text(device).contains(#""uncertainty": {"#))
    let p = #""name": "x", "kind": "cpu", "bandwidth_gb_s": 10, "peak_tops": {"default": 1}"#
    #expect(
      Self.error(#"{\#(p), "uncertainty": {"prefill": {"rows": 5, "low": 1.2, "high": 1.1}}}"#)?
        .location.path == "uncertainty.prefill.high")
    #expect(
      Self.error(#"{\#(p), "uncertainty": {"decode": {"rows": 0, "low": 1, "high": 1}}}"#)?
        .location.path == "uncertainty.decode.rows")
    #expect(
      Self.error(#"{\#(p), "uncertainty": {"decod": {"rows": 5, "low": 1, "high": 1}}}"#)?
        .suggestion == "decode")
  }
}
