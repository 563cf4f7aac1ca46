import Foundation
import Testing
import Trace

/// `life workload`, `forecast`, `models` and `devices` through the built
/// binary: real output, exit codes, and a bad input each.
@Suite(.serialized) struct WorkloadForecastCommandTests {
  static func json(_ result: LifeBinary.Result) throws -> JSONNode {
    try JSONNode.parse(result.out, file: "stdout")
  }

  static func number(_ node: JSONNode, _ path: String...) throws -> Double {
    var n = node
    for key in path { n = try n.required(key) }
    return try n.double()
  }

  @Test func workloadJSONFollowsTheContract() throws {
    let r = try LifeBinary.run(
      "workload --model llama-2-7b --prompt 128 --generate 3 --weights int4 --json")
    #expect(r.code == 0, "\(r)")
    let root = try Self.json(r)
    #expect(try root.required("schema_version").int() == 1)
    #expect(try root.required("model").required("layers").int() == 32)
    #expect(try root.required("options").required("weights").string() == "int4")
    #expect(try root.required("prefill").required("tokens").int() == 128)
    #expect(try Self.number(root, "prefill", "ops") > 1.6e12)
    let steps = try root.required("decode").required("steps").items()
    #expect(steps.count == 3)
    #expect(try steps[2].required("kv_len").int() == 131)
    #expect(try Self.number(root, "footprint", "weights_bytes") > 3e9)
    #expect(try root.required("warnings").items().isEmpty)
  }

  @Test func workloadTableAndAModelFromAConfigFile() throws {
    let r = try LifeBinary.run(
      "workload --model traces/models/llama-3.2-1b/config.json --prompt 64 --generate 2")
    #expect(r.code == 0, "\(r)")
    #expect(r.out.contains("prefill: 64 tokens"))
    #expect(r.out.contains("decode: 2 steps"))
  }

  @Test func aModelFolderMeansItsConfigJSON() throws {
    let r = try LifeBinary.run("workload --model traces/models/qwen2.5-1.5b --prompt 16")
    #expect(r.code == 0, "\(r)")
    #expect(r.out.hasPrefix("model qwen2.5-1.5b (qwen2)"))
  }

  @Test func familyForcesAnUnknownModelType() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "life-family-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let config = dir.appendingPathComponent("config.json")
    try Data(
      #"{"model_type": "my_llama", "hidden_size": 64, "num_hidden_layers": 2, "num_attention_heads": 4, "vocab_size": 100, "intermediate_size": 128}"#
        .utf8
    ).write(to: config)
    let refused = try LifeBinary.run(["workload", "--model", config.path, "--prompt", "8"])
    #expect(refused.code == 1, "\(refused)")
    #expect(refused.err.contains("model_type: unknown value (got 'my_llama'"))
    let forced = try LifeBinary.run(
      ["workload", "--model", config.path, "--prompt", "8", "--family", "llama"])
    #expect(forced.code == 0, "\(forced)")
    #expect(forced.out.contains("(llama)"))
    let typo = try LifeBinary.run(
      ["workload", "--model", config.path, "--prompt", "8", "--family", "lama"])
    #expect(typo.code == 2, "\(typo)")
    #expect(typo.err.hasPrefix("error: --family: unknown family (got 'lama'"))
    #expect(typo.err.contains("did you mean 'llama'?"))
    // The other commands that take --model take --family too.
    let out = dir.appendingPathComponent("out")
    let sweep = try LifeBinary.run([
      "sweep", "--model", config.path, "--family", "llama", "--device", "v100", "--generate", "2",
      "--vary", "prompt=8,16", "--out", out.path + "-sweep",
    ])
    #expect(sweep.code == 0, "\(sweep)")
    let serve = try LifeBinary.run([
      "serve", "--model", config.path, "--family", "llama", "--device", "v100", "--rate", "10",
      "--count", "2", "--prompt", "8", "--generate", "2", "--out", out.path + "-serve",
    ])
    #expect(serve.code == 0, "\(serve)")
  }

  @Test func aNestedTextConfigIsForecastAndSaysSo() throws {
    let r = try LifeBinary.run(
      "forecast --model llama-4-scout --device h100-sxm --prompt 64 --generate 2")
    #expect(r.code == 0, "\(r)")
    #expect(r.err.contains("the text model under text_config is forecast"))
  }

  @Test func directoriesGivenAsFilesAreUsageErrors() throws {
    let model = try LifeBinary.run("workload --model traces --prompt 16")
    #expect(model.code == 2, "\(model)")
    #expect(
      model.err.hasPrefix("error: --model: is a directory without a config.json (got 'traces'"))
    let device = try LifeBinary.run("forecast --model llama-2-7b --prompt 8 --device traces")
    #expect(device.code == 2, "\(device)")
    #expect(device.err.hasPrefix("error: --device: is a directory (got 'traces'"))
  }

  @Test func workloadBadWeightsIsAUsageError() throws {
    let r = try LifeBinary.run("workload --model llama-2-7b --prompt 8 --weights q4_k_n")
    #expect(r.code == 2, "\(r)")
    #expect(r.err.hasPrefix("error: --weights: invalid value (got 'q4_k_n'"))
    #expect(r.err.contains("did you mean 'Q4_K_M'?"))
    #expect(r.out.isEmpty)
  }

  @Test func workloadMissingConfigFileFails() throws {
    let r = try LifeBinary.run("workload --model no/such/config.json --prompt 8")
    #expect(r.code != 0 && r.code != 137, "\(r)")
    #expect(r.err.hasPrefix("error: "))
    #expect(r.err.contains("no/such/config.json"))
  }

  @Test func forecastJSONAddsTimesThatAddUp() throws {
    let r = try LifeBinary.run(
      "forecast --model llama-2-7b --prompt 512 --generate 16 --device rtx-4090 --weights Q4_0 --json"
    )
    #expect(r.code == 0, "\(r)")
    let root = try Self.json(r)
    let ttft = try Self.number(root, "ttft_ms")
    let tpot = try root.required("tpot_ms").items().map { try $0.double() }
    #expect(tpot.count == 16)
    let sum = tpot.reduce(0, +)
    #expect(abs(try Self.number(root, "e2e_ms") - (ttft + sum)) <= 1e-9 * (ttft + sum))
    #expect(abs(try Self.number(root, "tps") - 16 / (sum / 1000)) <= 1e-9 * 16 / (sum / 1000))
    #expect(try root.required("mapping").required("prefill").string() == "device")
    #expect(
      try root.required("devices").required("device").required("name").string().contains("4090"))
    #expect(try root.required("prefill").required("bound").string() == "compute")
    let step = try root.required("decode").required("steps").items()[0]
    #expect(try step.required("bound").string() == "memory")
    #expect(try step.required("device").string() == "device")
    #expect(try root.required("footprint").required("fits").required("device").bool())
    #expect(try root.required("dispatch_calls").required("decode_per_step").items().count == 16)
  }

  @Test func forecastTextOnTwoDevices() throws {
    let r = try LifeBinary.run(
      "forecast --model llama-2-7b --prompt 1536 --generate 4 --weights int4"
        + " --prefill-device ryzen-ai-max-395-npu --decode-device ryzen-ai-max-395-igpu")
    #expect(r.code == 0, "\(r)")
    #expect(r.out.contains("TTFT"))
    #expect(r.out.contains("TPOT"))
    #expect(r.out.contains("NPU") && r.out.contains("iGPU"))
  }

  @Test func forecastUnknownDeviceSuggestsAPreset() throws {
    let r = try LifeBinary.run("forecast --model llama-2-7b --prompt 8 --device rtx-4089")
    #expect(r.code == 2 || r.code == 1, "\(r)")
    #expect(r.err.hasPrefix("error: --device: "))
    #expect(r.err.contains("did you mean"))
  }

  @Test func forecastDeviceFileWithABadEfficiencyNamesThePath() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("life-e2e-\(UUID())")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("dev.json")
    try Data(
      #"{"name": "x", "kind": "gpu", "peak_tops": {"default": 100}, "bandwidth_gb_s": 1000, "efficiency": {"compute": 1.5, "memory": 0.8}}"#
        .utf8
    ).write(to: file)
    let r = try LifeBinary.run([
      "forecast", "--model", "llama-2-7b", "--prompt", "8", "--device", file.path,
    ])
    #expect(r.code == 1, "\(r)")
    #expect(r.err.contains("efficiency.compute"))
    #expect(r.err.contains("got 1.5"))
  }

  @Test func modelsAndDevicesListEveryPreset() throws {
    let models = try LifeBinary.run("models --json")
    #expect(models.code == 0, "\(models)")
    let names = try Self.json(models).required("models").items().map {
      try $0.required("name").string()
    }
    #expect(names == ModelConfig.presetNames)
    let devices = try LifeBinary.run("devices --json")
    #expect(devices.code == 0, "\(devices)")
    let keys = try Self.json(devices).required("devices").members().map(\.key)
    #expect(keys.contains("h100-sxm") && keys.contains("ryzen-ai-max-395-npu"))
    let table = try LifeBinary.run("devices")
    #expect(table.code == 0 && table.out.contains("raspberry-pi-5-cpu"))
  }
}
