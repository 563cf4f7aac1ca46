import Foundation
import Testing
import Trace

@testable import Engine

@Suite struct DevicePresetTests {
  /// At least 40 presets over the four kinds, each with datasheet fields
  /// only (efficiencies and dispatch come from the runtime and the class),
  /// vendor, backend and memory type, and a source for every figure.
  @Test func everyPresetIsADatasheet() throws {
    #expect(Device.presetNames.count >= 40)
    var kinds: Set<DeviceKind> = []
    for name in Device.presetNames {
      let d = try #require(Device.preset(named: name), "\(name)")
      kinds.insert(d.kind)
      #expect(d.peakTops["default"] != nil, "\(name) has a default TOPS")
      #expect(d.given.isEmpty, "\(name) gives no efficiency or dispatch of its own")
      #expect(d.vendor != nil && d.backend != nil && d.memoryType != nil, "\(name) traits")
      for field in ["peak_tops", "bandwidth_gb_s", "memory_gib"] {
        #expect(!(d.sources[field] ?? "").isEmpty, "\(name) cites \(field)")
      }
      // The device as used writes back and reads in with the same figures.
      let back = try Device(node: JSONNode(d.jsonValue, file: nil))
      #expect(back.peakTops == d.peakTops && back.bandwidthGBs == d.bandwidthGBs)
      #expect(back.memoryGiB == d.memoryGiB && back.vendor == d.vendor)
    }
    #expect(kinds == Set(DeviceKind.allCases))
    #expect(Device.preset(named: "nope") == nil)
  }

  @Test func presetsMatchShippedFiles() throws {
    // Tests run from the package root.
    for (name, json) in DevicePresets.data {
      let file = try String(
        contentsOfFile: "traces/devices/presets/\(name).json", encoding: .utf8)
      #expect(
        file.trimmingCharacters(in: .whitespacesAndNewlines)
          == json.trimmingCharacters(in: .whitespacesAndNewlines), "\(name)")
    }
    let files = try FileManager.default.contentsOfDirectory(atPath: "traces/devices/presets")
      .filter { $0.hasSuffix(".json") }
    #expect(files.count == DevicePresets.data.count, "run scripts/gen-device-presets.sh")
  }

  /// The paper's platforms: its figures for the HX 370 CPU (326.4 GFLOPS,
  /// 240 GB/s), AMD's for the Ryzen AI Max+ 395 and NVIDIA's for the V100
  /// (125 TFLOPS fp16 tensor, 900 GB/s; the paper rounds to 126).
  @Test func paperPlatforms() throws {
    let cpu = try #require(Device.preset(named: "ryzen9-hx370-cpu"))
    #expect(cpu.peakTops(for: .bf16) == 0.3264 && cpu.bandwidthGBs == 240)
    let v100 = try #require(Device.preset(named: "v100"))
    #expect(v100.peakTops(for: .fp16) == 125 && v100.bandwidthGBs == 900)
    let npu = try #require(Device.preset(named: "ryzen-ai-max-395-npu"))
    let igpu = try #require(Device.preset(named: "ryzen-ai-max-395-igpu"))
    #expect(npu.peakTops(for: .int8) == 50 && igpu.bandwidthGBs == 256)
    #expect(npu.sharedMemoryGroup != nil && npu.sharedMemoryGroup == igpu.sharedMemoryGroup)
  }

  /// GeForce cards list FP16 with FP16 accumulate at twice the FP32-
  /// accumulate rate (Ada whitepaper, RTX 4090: 330.3 and 165.2).
  @Test func geforceAccumulateRates() throws {
    let gpu = try #require(Device.preset(named: "rtx-4090"))
    #expect(gpu.peakTops["fp16"] == 330.3 && gpu.peakTops["fp16_acc32"] == 165.2)
    #expect(gpu.peakTops(forKey: "fp16_acc32") == 165.2)
    // A device without fp16_acc32 falls back to bf16, then fp16.
    let m3 = try #require(Device.preset(named: "m3-max-gpu"))
    #expect(m3.peakTops(forKey: "fp16_acc32") == m3.peakTops["fp16"])
    #expect(m3.peakTops(forKey: "int8") == m3.peakTops["fp16"])
  }

  @Test func tableListsEveryPreset() {
    let table = Device.presetTable
    for name in Device.presetNames { #expect(table.contains(name)) }
    #expect(table.split(separator: "\n").count == Device.presetNames.count + 1)
  }
}
