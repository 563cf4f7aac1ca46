import Engine
import Testing
import Trace

@Suite struct DevicePresetTests {
  @Test func everyPresetExists() throws {
    #expect(Device.presetNames.count == 17)
    for name in Device.presetNames {
      let d = try #require(Device.preset(named: name))
      #expect(d.peakTops["default"] != nil, "\(name) has a default TOPS")
      // Round trip through JSON.
      #expect(try Device(node: JSONNode(d.jsonValue, file: nil)) == d)
    }
    #expect(Device.preset(named: "nope") == nil)
  }

  /// The paper's figures, as it states them.
  @Test func paperPlatforms() throws {
    let cpu = try #require(Device.preset(named: "ryzen9-hx370-cpu"))
    #expect(cpu.peakTops(for: .bf16) == 0.3264 && cpu.bandwidthGBs == 240)
    let v100 = try #require(Device.preset(named: "v100"))
    #expect(v100.peakTops(for: .fp16) == 126 && v100.bandwidthGBs == 900)
    let npu = try #require(Device.preset(named: "ryzen-ai-max-395-npu"))
    let igpu = try #require(Device.preset(named: "ryzen-ai-max-395-igpu"))
    #expect(npu.peakTops(for: .int8) == 50 && igpu.bandwidthGBs == 256)
    #expect(npu.sharedMemoryGroup != nil && npu.sharedMemoryGroup == igpu.sharedMemoryGroup)
  }

  @Test func tableListsEveryPreset() {
    let table = Device.presetTable
    for name in Device.presetNames { #expect(table.contains(name)) }
    #expect(table.split(separator: "\n").count == 18)
  }
}
