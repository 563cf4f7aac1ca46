import Engine
import Testing
import Trace

@Suite struct ScenarioTests {
  static let valid = """
    {
      "version": 1,
      "name": "hybrid",
      "model": "llama-2-7b",
      "workload": {"prompt": 1536, "generate": 128, "batch": 2},
      "options": {"weights": "bf16", "activations": "bf16", "fusion": "eager", "kv-update": "concat", "chunk": 512, "tile": 64},
      "devices": {
        "npu": "ryzen-ai-max-395-npu",
        "igpu": {"name": "my iGPU", "kind": "igpu", "peak_tops": {"default": 40}, "bandwidth_gb_s": 256},
        "file": "dev.json"
      },
      "mapping": {"prefill": "npu", "decode": "igpu", "by_kind": {"softmax": "igpu"}},
      "links": [{"from": "npu", "to": "file", "bandwidth_gb_s": 64, "latency_us": 20}],
      "overlap": "phase",
      "trace": {"detail": "layer", "steps": "1-16,100,last", "format": "perfetto"},
      "compare": [
        {"name": "all on iGPU", "mapping": {"prefill": "igpu"}, "options": {"lora-rank": 8}},
        {"name": "faster", "devices": {"igpu": "rtx-4090"}, "overlap": "op", "options": {"fusion": "fused"}}
      ]
    }
    """

  static let deviceFile =
    #"{"name": "from file", "kind": "gpu", "peak_tops": {"default": 10}, "bandwidth_gb_s": 100}"#

  static func parse(_ text: String) throws -> Scenario {
    let dir = Fixture.directory()
    _ = try Fixture.file("dev.json", deviceFile, in: dir)
    return try Scenario.load(path: try Fixture.file("s.json", text, in: dir))
  }

  static func error(_ text: String) -> LifeError? {
    #expect(throws: LifeError.self) { _ = try parse(text) }
  }

  /// `valid` with one substitution.
  static func variant(_ old: String, _ new: String) -> String {
    valid.replacingOccurrences(of: old, with: new)
  }

  @Test func validScenario() throws {
    let s = try Self.parse(Self.valid)
    #expect(s.version == 1 && s.name == "hybrid")
    #expect(s.model.text == "llama-2-7b" && !s.model.isPath)
    #expect(s.options.prompt == 1536 && s.options.generate == 128 && s.options.batch == 2)
    #expect(s.options.fusion == .eager && s.options.kvUpdate == .concat)
    #expect(s.options.chunk == 512 && s.options.tile == 64)
    #expect(s.devices.map(\.key) == ["npu", "igpu", "file"])
    #expect(s.devices[2].device.name == "from file")
    #expect(s.mapping == Mapping(prefill: "npu", decode: "igpu", byKind: [.softmax: "igpu"]))
    #expect(s.links == [Link(from: "npu", to: "file", bandwidthGBs: 64, latencyUs: 20)])
    #expect(s.overlap == .phase)
    #expect(s.trace.detail == .layer)
    #expect(s.trace.format == .perfetto)
    guard case .selection(let steps) = s.trace.steps else {
      Issue.record("no step selection")
      return
    }
    #expect(steps.contains(16, of: 128) && !steps.contains(17, of: 128))
    #expect(steps.contains(100, of: 128) && steps.contains(128, of: 128))
    #expect(s.runs.count == 3)
    #expect(s.compare[0].mapping.prefill == "igpu" && s.compare[0].mapping.decode == "igpu")
    #expect(s.compare[0].options.loraRank == 8 && s.options.loraRank == nil)
    #expect(s.compare[1].devices[1].device.name == "NVIDIA GeForce RTX 4090")
    #expect(s.compare[1].overlap == .op && s.compare[1].options.fusion == .fused)
    #expect(s.compare[1].options.kvUpdate == .concat)
    _ = try s.compare[1].simulator()
  }

  /// Needs the workload model's weight formats (`int4`), merged later.
  @Test(.enabled(if: WorkloadOptions.WeightChoice.parse("int4") != nil))
  func shippedHybridScenarioLoads() throws {
    let s = try Scenario.load(path: "traces/llama-2-7b-ryzen-ai-hybrid.json")
    #expect(s.mapping.prefill == "npu" && s.mapping.decode == "igpu")
    #expect(s.devices[0].device.sharedMemoryGroup == s.devices[1].device.sharedMemoryGroup)
  }

  @Test func modelPathIsRelativeToTheFile() throws {
    let s = try Self.parse(
      Self.variant(#""model": "llama-2-7b""#, #""model": "models/config.json""#))
    #expect(s.model.isPath && s.model.resolvedPath.hasSuffix("/models/config.json"))
  }

  @Test func unknownKeys() {
    #expect(Self.error(Self.variant(#""overlap""#, #""overlapp""#))?.suggestion == "overlap")
    #expect(Self.error(Self.variant(#""batch": 2"#, #""bacth": 2"#))?.suggestion == "batch")
    #expect(Self.error(Self.variant(#""kv-update""#, #""kv_update""#))?.suggestion == "kv-update")
    #expect(
      Self.error(Self.variant(#""by_kind": {"softmax""#, #""by_kind": {"softmaks""#))?.suggestion
        == "softmax")
    #expect(
      Self.error(Self.variant(#""detail": "layer""#, #""detial": "layer""#))?.suggestion == "detail"
    )
    #expect(
      Self.error(Self.variant(#""latency_us""#, #""latency""#))?.location.path == "links[0].latency"
    )
    #expect(
      Self.error(Self.variant(#""lora-rank": 8"#, #""batch-size": 1"#))?.location.path
        == "compare[0].options.batch-size")
    #expect(
      Self.error(Self.variant(#""name": "faster""#, #""nmae": "faster""#))?.suggestion == "name")
    #expect(
      Self.error(Self.variant(#""peak_tops": {"default": 40}"#, #""peak_top": {"default": 40}"#))?
        .location.path == "devices.igpu.peak_top")
  }

  @Test func invalidValues() {
    let e = Self.error(Self.variant(#""version": 1"#, #""version": 2"#))
    #expect(e?.location.path == "version")
    #expect(
      e?.expected?.contains("version 2") == true && e?.expected?.contains("version 1") == true)
    #expect(
      Self.error(Self.variant(#""prompt": 1536"#, #""prompt": -1"#))?.location.path
        == "workload.prompt")
    #expect(
      Self.error(Self.variant(#""batch": 2"#, #""batch": 0"#))?.location.path == "workload.batch")
    #expect(
      Self.error(Self.variant(#""fusion": "eager""#, #""fusion": "eagre""#))?.suggestion == "eager")
    #expect(
      Self.error(Self.variant(#""chunk": 512"#, #""chunk": 0"#))?.location.path == "options.chunk")
    #expect(
      Self.error(Self.variant(#""chunk": 512"#, #""chunk": true"#))?.location.path
        == "options.chunk")
    #expect(
      Self.error(
        Self.variant(#""npu": "ryzen-ai-max-395-npu""#, #""npu": "ryzen-ai-max-359-npu""#))?
        .suggestion == "ryzen-ai-max-395-npu")
    #expect(
      Self.error(Self.variant(#""npu": "ryzen-ai-max-395-npu""#, #""npu": 5"#))?.location.path
        == "devices.npu")
    #expect(
      Self.error(Self.variant(#""decode": "igpu""#, #""decode": "ipgu""#))?.suggestion == "igpu")
    #expect(
      Self.error(Self.variant(#"{"softmax": "igpu"}"#, #"{"softmax": "gpu"}"#))?.location.path
        == "mapping.by_kind.softmax")
    #expect(
      Self.error(Self.variant(#""to": "file""#, #""to": "npu""#))?.location.path == "links[0].to")
    #expect(
      Self.error(Self.variant(#""bandwidth_gb_s": 64"#, #""bandwidth_gb_s": 0"#))?.location.path
        == "links[0].bandwidth_gb_s")
    #expect(
      Self.error(Self.variant(#""overlap": "phase""#, #""overlap": "phasee""#))?.suggestion
        == "phase")
    #expect(
      Self.error(Self.variant(#""detail": "layer""#, #""detail": "layers""#))?.suggestion == "layer"
    )
    #expect(
      Self.error(Self.variant(#""perfetto""#, #""proto""#))?.location.path == "trace.format")
    #expect(
      Self.error(Self.variant(#""format": "perfetto""#, #""format": "perfeto""#))?.suggestion
        == "perfetto")
    #expect(
      Self.error(Self.variant(#""1-16,100,last""#, #""16-1""#))?.location.path == "trace.steps")
    #expect(
      Self.error(Self.variant(#""1-16,100,last""#, #""0,3""#))?.location.path == "trace.steps")
    #expect(Self.error(Self.variant(#""model": "llama-2-7b","#, ""))?.location.path == "model")
    #expect(
      Self.error(Self.variant(#""file": "dev.json""#, #""file": "missing.json""#))?.location.path
        == "devices.file")
    #expect(
      Self.error(
        Self.variant(
          #""mapping": {"prefill": "npu", "decode": "igpu", "by_kind": {"softmax": "igpu"}},"#, ""))?
        .location.path == "mapping")
    #expect(
      Self.error(
        Self.variant(#""devices": {"igpu": "rtx-4090"}"#, #""devices": {"igpu": "rtx-4909"}"#))?
        .location.path == "compare[1].devices.igpu")
  }

  @Test func stepSelection() throws {
    #expect(StepSelection("all") == .all)
    let s = try #require(StepSelection("1-3, 10, 20-last"))
    #expect((1...30).filter { s.contains($0, of: 25) } == [1, 2, 3, 10, 20, 21, 22, 23, 24, 25])
    #expect(!s.contains(0, of: 25) && !s.contains(26, of: 25))
    #expect(s.text == "1-3,10,20-last")
    #expect(StepSelection("last")?.contains(7, of: 7) == true)
    for bad in ["", "x", "3-1", "1-2-3", "last-3", "0", "1,,2"] {
      #expect(StepSelection(bad) == nil, "\(bad)")
    }
  }

  /// On the hybrid scenario, doubling the NPU's TOPS halves a
  /// compute-bound prefill and leaves TPOT alone; doubling the iGPU's
  /// bandwidth halves TPOT and leaves TTFT alone. (Synthetic passes: 21.55
  /// TOPs of prefill, Table 6; 4.71 GB per decode step, Table 7.)
  @Test func hybridScalesWithEachDevice() throws {
    let s = try Self.parse(
      #"{"model": "llama-2-7b", "workload": {"prompt": 1536, "generate": 2}, "devices": {"npu": "ryzen-ai-max-395-npu", "igpu": "ryzen-ai-max-395-igpu"}, "mapping": {"prefill": "npu", "decode": "igpu"}}"#
    )
    func forecast(_ devices: [(key: String, device: Device)]) throws -> Forecast {
      var run = s.run
      run.devices = devices.map { entry in
        var d = entry.device
        d.dispatchUs = 0
        return (entry.key, d)
      }
      let passes: [(pass: PassInfo, records: [OpRecord])] = [
        (Fixture.prefill(1536), [Fixture.op(ops: 21.55e12, read: 4e9)]),
        (Fixture.decode(1, prompt: 1536), [Fixture.op(.decode, step: 1, ops: 27e9, read: 4.71e9)]),
        (Fixture.decode(2, prompt: 1536), [Fixture.op(.decode, step: 2, ops: 27e9, read: 4.71e9)]),
      ]
      return try Fixture.forecast(run.simulator(), passes)
    }
    let base = try forecast(s.devices)
    var fastNPU = s.devices
    fastNPU[0].device.peakTops = fastNPU[0].device.peakTops.mapValues { $0 * 2 }
    let npu2 = try forecast(fastNPU)
    var fastIGPU = s.devices
    fastIGPU[1].device.bandwidthGBs *= 2
    let igpu2 = try forecast(fastIGPU)
    #expect(base.prefill.bound == .compute)
    #expect(abs(npu2.ttftMs / base.ttftMs - 0.5) < 1e-9)
    #expect(npu2.steps.map(\.tpotMs) == base.steps.map(\.tpotMs))
    #expect(igpu2.ttftMs == base.ttftMs)
    // Step 2 has no hand-off: exactly half. Step 1 carries the 20 µs sync.
    #expect(abs(igpu2.steps[1].tpotMs / base.steps[1].tpotMs - 0.5) < 1e-9)
    #expect(abs(base.steps[0].tpotMs - base.steps[1].tpotMs - 0.020) < 1e-9)
  }
}

extension ScenarioRun {
  /// The simulator of this run's devices, with the `ideal` runtime.
  fileprivate func simulator() throws -> Simulator {
    try Simulator(
      name: name, devices: devices, mapping: mapping, links: links, overlap: overlap)
  }
}
