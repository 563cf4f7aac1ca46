import Testing
import Trace

@testable import Engine

@Suite struct DevicePowerTests {
  static func load(_ power: String, memory: String = "lpddr") throws(LifeError) -> Device {
    let text = """
      {"name": "x", "kind": "igpu", "peak_tops": {"default": 10}, "bandwidth_gb_s": 100,
       "memory_type": "\(memory)", "power": \(power)}
      """
    return try Device(node: JSONNode.parse(text, file: "x.json"))
  }

  /// Given max_w only: idle is 0.15 × 40 = 6 W, pj_per_byte the memory
  /// type's (LPDDR 60, HBM 48), pj_per_op derived.
  @Test func maxWattsAloneFillsTheRest() throws {
    let d = try Self.load(#"{"max_w": 40}"#)
    #expect(d.power.maxW == 40 && abs(d.power.idleW - 6) < 1e-12)
    #expect(d.power.pjPerByte == 60 && d.power.pjPerOp.isEmpty && d.power.capW == nil)
    #expect(try Self.load(#"{"max_w": 40}"#, memory: "hbm").power.pjPerByte == 48)
    // Written back and read in again, the same.
    let back = try Device(node: JSONNode(d.jsonValue, file: nil))
    #expect(back.power == d.power)
  }

  @Test func everyFieldGiven() throws {
    let d = try Self.load(
      #"{"idle_w": 2, "max_w": 30, "pj_per_op": {"int8": 0.2}, "pj_per_byte": 20, "cap_w": 12}"#)
    #expect(
      d.power == DevicePower(idleW: 2, maxW: 30, pjPerOp: ["int8": 0.2], pjPerByte: 20, capW: 12))
  }

  /// No `power`: the kind's defaults (a GPU: 450 W, 67.5 W idle, GDDR's
  /// 60 pJ/B when no memory type is given).
  @Test func kindDefaults() {
    let d = Fixture.device(.gpu, tops: 1, bandwidth: 1)
    #expect(d.power.maxW == 450 && d.power.idleW == 67.5 && d.power.pjPerByte == 60)
  }

  @Test func burstProfile() throws {
    let d = try Self.load(#"{"max_w": 40, "cap_w": 15, "burst_w": 30, "burst_s": 10}"#)
    #expect(d.power.capW == 15 && d.power.burstW == 30 && d.power.burstS == 10)
    let back = try Device(node: JSONNode(d.jsonValue, file: nil))
    #expect(back.power == d.power)
  }

  @Test func badPowerIsAnErrorAtItsField() {
    for (power, path) in [
      (#"{"max_w": 40, "cap_w": 15, "burst_w": 10, "burst_s": 1}"#, "power.burst_w"),
      (#"{"max_w": 40, "burst_w": 30, "burst_s": 1}"#, "power.burst_w"),
      (#"{"idle_w": 50, "max_w": 40}"#, "power.max_w"),
      (#"{"max_w": 40, "cap_w": 5}"#, "power.cap_w"),
      (#"{"max_w": -1}"#, "power.max_w"),
      (#"{"watts": 3}"#, "power.watts"),
      (#"{"pj_per_op": {"bf17": 1}}"#, "power.pj_per_op.bf17"),
    ] {
      let error = #expect(throws: LifeError.self) { _ = try Self.load(power) }
      #expect(error?.location.path == path, "\(power)")
    }
  }

  /// Every preset with a datasheet TDP cites it.
  @Test func presetsCiteTheirPower() throws {
    let h100 = try #require(Device.preset(named: "h100-sxm"))
    #expect(h100.power.maxW == 700 && h100.power.idleW == 105 && h100.power.pjPerByte == 48)
    #expect(!(h100.sources["power"] ?? "").isEmpty)
    for name in Device.presetNames {
      let d = try #require(Device.preset(named: name))
      #expect(d.power.maxW > d.power.idleW, "\(name)")
    }
  }

  @Test func powerCapParsesAndApplies() throws {
    let devices = [
      ("prefill", Fixture.device(tops: 1, bandwidth: 1)),
      ("decode", Fixture.device(tops: 1, bandwidth: 1)),
    ]
    #expect(try PowerCap.parse("300") == .everywhere(.init(watts: 300)))
    let map = try PowerCap.parse("decode=100")
    #expect(map == .perDevice(["decode": .init(watts: 100)]))
    #expect(
      try PowerCap.parse("prefill=80/200@5")
        == .perDevice(["prefill": .init(watts: 80, burst: .init(watts: 200, seconds: 5))]))
    let capped = try map.apply(to: devices)
    #expect(capped[0].device.power.capW == nil && capped[1].device.power.capW == 100)
    for bad in ["x", "-3", "decode=", "=4", "a=1,a=2", "80/60@5", "80/200", "80/200@0"] {
      let error = #expect(throws: LifeError.self) { _ = try PowerCap.parse(bad) }
      #expect(error?.kind == .usage, "\(bad)")
    }
    #expect(throws: LifeError.self) { _ = try PowerCap.parse("gpu=100").apply(to: devices) }
    // At or below the 67.5 W idle power of the default GPU: cannot be met.
    #expect(throws: LifeError.self) { _ = try PowerCap.parse("60").apply(to: devices) }
  }
}
