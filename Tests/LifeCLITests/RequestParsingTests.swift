import Engine
import Testing
import Trace

@testable import LifeCLI

/// A valid command line reaches the runner as the right typed request.
@Suite struct RequestParsingTests {
  private func call(_ arguments: [String]) -> RecordingRunner.Call? {
    let result = CommandResult.run(arguments)
    #expect(result.code == 0, "stderr: \(result.err)")
    #expect(result.err.isEmpty)
    return result.call
  }

  private func call(_ line: String) -> RecordingRunner.Call? {
    call(line.split(separator: " ").map(String.init))
  }

  @Test func workloadWithEveryFlag() {
    let line =
      "workload --model llama-2-7b --prompt 1536 --generate=128 --batch 4 --weights fp16"
      + " --activations fp16 --kv fp8 --fusion eager --kv-update concat --logits all"
      + " --scores full --embedding table --attention gqa:8 --nonlinear pwl --lora-rank 16"
      + " --lora-merge static --chunk 512 --tile 64 --json"
    guard case .workload(let request) = call(line) else {
      Issue.record("no workload request")
      return
    }
    #expect(request.model == "llama-2-7b")
    #expect(request.json)
    let o = request.options
    #expect(o.prompt == 1536 && o.generate == 128 && o.batch == 4 && o.weights == .plain(.fp16))
    #expect(o.activations == .fp16 && o.kv == .fp8)
    #expect(o.fusion == .eager && o.kvUpdate == .concat && o.logits == .all)
    #expect(o.scores == .full && o.embedding == .table && o.attention == .gqa(8))
    #expect(o.nonlinear == .pwl && o.loraRank == 16 && o.loraMerge == .static)
    #expect(o.chunk == 512 && o.tile == 64)
  }

  @Test func workloadDefaults() {
    var expected = WorkloadOptions(prompt: 0)
    expected.prompt = 7
    #expect(
      call("workload --model m --prompt 7")
        == .workload(WorkloadCommand(model: "m", options: expected, json: false)))
  }

  @Test func flagsAfterDoubleDashArePositionals() {
    #expect(
      call(["simulate", "--out", "o", "--", "--odd-name.json"])
        == .simulate(SimulateCommand(scenario: "--odd-name.json", out: "o")))
  }

  @Test func forecastDevices() {
    var options = WorkloadOptions(prompt: 16)
    options.generate = 2
    #expect(
      call(
        "forecast --model m --prompt 16 --generate 2 --device npu --decode-device igpu.json"
          + " --overlap phase --compute-efficiency 0.5 --memory-efficiency=1 --dispatch-us 0"
          + " --strict")
        == .forecast(
          ForecastCommand(
            model: "m", options: options, json: false, prefillDevice: "npu",
            decodeDevice: "igpu.json", device: "npu", overlap: .phase,
            overrides: DeviceOverrides(
              computeEfficiency: 0.5, memoryEfficiency: 1, dispatchUs: 0),
            strict: true)))
    guard
      case .forecast(let phases) = call(
        "forecast --model m --prompt 1 --prefill-device a --decode-device b")
    else {
      Issue.record("no forecast request")
      return
    }
    #expect(phases.device == nil && phases.prefillDevice == "a" && phases.decodeDevice == "b")
    #expect(phases.overlap == .op && phases.overrides.isEmpty)
  }

  @Test func simulateOverridesKeepTheirOrder() {
    guard
      case .simulate(let request) = call(
        "simulate s.json --out dir --model m --weights bf16 --generate 3 --trace-detail layer"
          + " --trace-steps 1-16,last --gzip")
    else {
      Issue.record("no simulate request")
      return
    }
    #expect(request.scenario == "s.json" && request.out == "dir" && request.model == "m")
    #expect(request.overrides == [.weights(.plain(.bf16)), .generate(3)])
    #expect(request.traceDetail == .layer && request.gzip && request.traceFormat == nil)
    #expect(request.traceSteps == (try? StepChoice.parse("1-16,last")))
    var options = WorkloadOptions(prompt: 100)
    options.apply(request.overrides)
    #expect(options.generate == 3 && options.prompt == 100)
  }

  @Test func traceFormatIsParsedCaseInsensitively() {
    guard case .simulate(let request) = call("simulate s.json --out dir --trace-format Perfetto")
    else {
      Issue.record("no simulate request")
      return
    }
    #expect(request.traceFormat == .perfetto)
  }

  /// `--trace-steps` takes every list `trace.steps` in a scenario takes: one
  /// grammar (``StepChoice``).
  @Test(arguments: [
    "1", "1-16", "1-16,last", "all", "ALL", "3,5,7-9,last", "2-2", "1-3, 7,last", "2-last",
    "auto",
  ])
  func validStepLists(_ text: String) {
    guard
      case .simulate(let request) = call([
        "simulate", "s.json", "--out", "o", "--trace-steps", text,
      ])
    else {
      Issue.record("refused \(text)")
      return
    }
    #expect(request.traceSteps == (try? StepChoice.parse(text)))
  }

  @Test(arguments: ["", "0", "16-1", "1-", "-3", "first", "1,,2", "1-2-3", "x", "last-2"])
  func invalidStepLists(_ text: String) {
    let result = CommandResult.run(["simulate", "s.json", "--out", "o", "--trace-steps", text])
    #expect(result.code == 2)
    #expect(result.err.hasPrefix("error: --trace-steps: "))
  }

  @Test func compareAndCalibrate() {
    #expect(
      call("compare a b c --out o") == .compare(CompareCommand(runs: ["a", "b", "c"], out: "o")))
    #expect(
      call("calibrate --model m --device d --measurements x.csv --out y.json")
        == .calibrate(
          CalibrateCommand(
            model: "m", device: "d", measurements: "x.csv", out: "y.json",
            fit: [.compute, .memory, .dispatch])))
    guard
      case .calibrate(let fit) = call(
        "calibrate --model m --device d --measurements x.csv --out y.json --fit compute-curve,memory"
      )
    else {
      Issue.record("no calibrate request")
      return
    }
    #expect(fit.fit == [.computeCurve, .memory])
  }

  @Test func listCommands() {
    #expect(call("models") == .models(ModelsCommand(json: false)))
    #expect(call("devices --json") == .devices(DevicesCommand(json: true)))
  }

  @Test func sweepGrid() {
    guard
      case .sweep(.grid(let spec)) = call(
        "sweep --model m --device d --vary prompt=128:1024:*2 --vary weights=bf16,fp16"
          + " --vary compute-efficiency=0.1:0.5:0.1 --vary bandwidth=64,128.5 --generate 8"
          + " --out o --heatmap prompt,weights --shard 2/3 --overlap phase")
    else {
      Issue.record("no sweep grid")
      return
    }
    #expect(spec.model == "m" && spec.device == "d" && spec.out == "o")
    #expect(spec.options.generate == 8 && spec.overlap == .phase)
    #expect(
      spec.axes.map(\.name) == [.prompt, .weights, .computeEfficiency, .bandwidth])
    #expect(spec.axes[0].values.map(\.text) == ["128", "256", "512", "1024"])
    #expect(spec.axes[1].values.map(\.text) == ["bf16", "fp16"])
    #expect(spec.axes[2].values.map(\.text) == ["0.1", "0.2", "0.3", "0.4", "0.5"])
    #expect(spec.axes[3].values.map(\.text) == ["64", "128.5"])
    #expect(spec.pointCount == 4 * 2 * 5 * 2)
    #expect(spec.heatmap == SweepSpec.Heatmap(x: .prompt, y: .weights))
    #expect(spec.shard == (try? SweepShard(index: 2, count: 3)))
  }

  @Test func sweepDevicesAndLinearRanges() {
    guard
      case .sweep(.grid(let spec)) = call(
        "sweep --model m --prompt 64 --vary device=a.json,npu --vary batch=1:7:3 --out o"
          + " --vary dispatch-us=0:1:0.25")
    else {
      Issue.record("no sweep grid")
      return
    }
    #expect(spec.device == nil)
    #expect(spec.axes[0].name == .device)
    #expect(spec.axes[0].values.map(\.text) == ["a.json", "npu"])
    #expect(spec.axes[1].values.map(\.text) == ["1", "4", "7"])
    #expect(spec.axes[2].values.map(\.text) == ["0", "0.25", "0.5", "0.75", "1"])
  }

  @Test func sweepMerge() {
    #expect(call("sweep --merge s1 s2 --out o") == .sweep(.merge(shards: ["s1", "s2"], out: "o")))
  }

  @Test func runnerFailuresExitWithTheirCode() {
    let runner = RecordingRunner()
    runner.failure = LifeError.file("m.json", path: "layers", "wrong type", got: "'x'")
    let result = CommandResult.run(
      ["workload", "--model", "m.json", "--prompt", "1"], runner: runner)
    #expect(result.code == 1)
    #expect(result.err == "error: m.json: layers: wrong type (got 'x')\n")
  }

  @Test func defaultRunnerNamesAnUnknownModelWithASuggestion() {
    let out = CapturedText()
    let err = CapturedText()
    let arguments = ["workload", "--model", "llama-2-7", "--prompt", "1"]
    let code = LifeCommand.run(arguments: arguments, stdout: out, stderr: err)
    #expect(code == 2)
    #expect(err.text.hasPrefix("error: --model: unknown model preset (got 'llama-2-7'"))
    #expect(err.text.contains("did you mean 'llama-2-7b'?"))
    #expect(out.text.isEmpty)
  }

  @Test func defaultRunnerListsEveryModelPreset() {
    let out = CapturedText()
    let err = CapturedText()
    #expect(LifeCommand.run(arguments: ["models"], stdout: out, stderr: err) == 0)
    for name in ModelConfig.presetNames { #expect(out.text.contains(name)) }
  }
}
