import Testing
import Trace

@testable import Engine

/// A device's class keys, most specific first, and the class a runtime
/// times it with: the first of those keys the runtime has, else `default`.
@Suite struct DeviceClassTests {
  static func device(
    _ kind: DeviceKind, vendor: DeviceVendor? = nil, memory: MemoryType? = nil
  ) -> Device {
    var d = Fixture.device(kind, tops: 100, bandwidth: 1000)
    d.vendor = vendor
    d.memoryType = memory
    return d
  }

  /// A runtime whose classes are `keys`, each with a distinct memory
  /// efficiency so the test can tell which one `figures(for:)` picked.
  static func runtime(_ keys: [String]) -> Runtime {
    var classes: [String: ClassFigures] = [:]
    for (i, key) in keys.enumerated() {
      classes[key] = ClassFigures(
        compute: ComputeCurveModel(
          max: 0.5, halfTokens: 0, referenceTops: 100, sizeExponent: 0, declineTokens: nil,
          declineExponent: 0),
        memory: 0.1 + 0.01 * Double(i), byKind: [:],
        launchUs: PhaseValues(prefill: 1, decode: 1), hostUs: PhaseValues(prefill: 0, decode: 0))
    }
    return Runtime(
      name: "test", summary: "", backend: nil, defaults: [], accounting: .standard, kernels: nil,
      peaks: .computeType, classes: classes, verify: nil, sources: [:])
  }

  @Test func keysWithVendorAndMemory() {
    let d = Self.device(.gpu, vendor: .nvidia, memory: .hbm)
    #expect(DeviceClass.keys(of: d) == ["gpu.nvidia.hbm", "gpu.nvidia", "gpu.hbm", "gpu"])
  }

  @Test func keysWithVendorOnly() {
    #expect(DeviceClass.keys(of: Self.device(.igpu, vendor: .apple)) == ["igpu.apple", "igpu"])
  }

  @Test func keysWithMemoryOnly() {
    #expect(DeviceClass.keys(of: Self.device(.cpu, memory: .ddr)) == ["cpu.ddr", "cpu"])
  }

  @Test func keysWithNeither() {
    #expect(DeviceClass.keys(of: Self.device(.npu)) == ["npu"])
  }

  @Test func presetKeys() throws {
    let h100 = try #require(Device.preset(named: "h100-sxm"))
    #expect(DeviceClass.keys(of: h100).first == "gpu.nvidia.hbm")
    let rtx = try #require(Device.preset(named: "rtx-4090"))
    #expect(DeviceClass.keys(of: rtx).first == "gpu.nvidia.gddr")
  }

  @Test(arguments: [
    // (runtime's classes, device's vendor, memory, expected key)
    (["gpu.hbm", "gpu", "default"], DeviceVendor.nvidia, MemoryType.hbm, "gpu.hbm"),
    (["gpu.hbm", "gpu", "default"], .nvidia, .gddr, "gpu"),
    (["gpu.nvidia", "gpu.hbm", "default"], .nvidia, .hbm, "gpu.nvidia"),
    (["gpu.nvidia.hbm", "gpu.nvidia", "default"], .nvidia, .hbm, "gpu.nvidia.hbm"),
    (["gpu.nvidia.hbm", "gpu.nvidia", "default"], .amd, .hbm, "default"),
    (["igpu", "cpu"], .amd, .hbm, "default"),
  ])
  func classKeyIsTheMostSpecificPresent(
    _ keys: [String], _ vendor: DeviceVendor, _ memory: MemoryType, _ expected: String
  ) {
    let runtime = Self.runtime(keys)
    let device = Self.device(.gpu, vendor: vendor, memory: memory)
    #expect(RuntimeFit.classKey(of: device, in: runtime) == expected)
    // The figures the forecast uses are that class's (nil when the key is
    // `default` and the runtime has none).
    #expect(runtime.figures(for: device) == runtime.classes[expected])
  }

  @Test func otherKindsFallBackToDefault() {
    let runtime = Self.runtime(["gpu", "default"])
    #expect(RuntimeFit.classKey(of: Self.device(.cpu, memory: .ddr), in: runtime) == "default")
    #expect(runtime.figures(for: Self.device(.cpu)) == runtime.classes["default"])
  }
}
