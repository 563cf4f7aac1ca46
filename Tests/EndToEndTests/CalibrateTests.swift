import Foundation
import Testing
import Trace

/// `life calibrate` through the binary: a bundled file calibrates, the
/// written device loads in `forecast`, and bad inputs exit 1 naming what is
/// wrong.
@Suite(.serialized) struct CalibrateTests {
  func scratch() throws -> URL {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("life-calibrate-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  @Test func calibratesAndTheDeviceLoadsInForecast() throws {
    let dir = try scratch()
    defer { try? FileManager.default.removeItem(at: dir) }
    let out = dir.appendingPathComponent("npu.json").path
    let result = try LifeBinary.run([
      "calibrate", "--model", "llama-2-7b", "--device", "ryzen-ai-max-395-npu", "--measurements",
      "traces/measurements/ryzen-ai-max-395-npu.csv", "--out", out, "--fit", "compute",
    ])
    #expect(result.code == 0, "\(result)")
    #expect(result.out.contains("compute = "))
    #expect(result.out.contains("MAPE: "))
    #expect(result.out.contains("leave-one-out"))
    let forecast = try LifeBinary.run([
      "forecast", "--model", "llama-2-7b", "--device", out, "--prompt", "128", "--weights",
      "int4", "--activations", "bf16", "--json",
    ])
    #expect(forecast.code == 0, "\(forecast)")
    #expect(forecast.out.contains("\"ttft_ms\""))
    #expect(forecast.out.contains("(calibrated)"))
  }

  @Test func missingFileExitsOne() throws {
    let result = try LifeBinary.run(
      "calibrate --model llama-2-7b --device v100 --measurements no/such.csv --out x.json")
    #expect(result.code == 1, "\(result)")
    #expect(result.err.hasPrefix("error: "))
    #expect(result.err.contains("no/such.csv"))
  }

  func runCSV(_ text: String, fit: String = "compute,memory,dispatch") throws -> LifeBinary.Result {
    let dir = try scratch()
    defer { try? FileManager.default.removeItem(at: dir) }
    let csv = dir.appendingPathComponent("m.csv")
    try text.write(to: csv, atomically: true, encoding: .utf8)
    let out = dir.appendingPathComponent("out.json")
    let result = try LifeBinary.run([
      "calibrate", "--model", "llama-2-7b", "--device", "v100", "--measurements", csv.path,
      "--out", out.path, "--fit", fit,
    ])
    #expect(!FileManager.default.fileExists(atPath: out.path), "no file on failure")
    return result
  }

  @Test func badColumnExitsOneWithDidYouMean() throws {
    let result = try runCSV("metric,valu,prompt,generate\nttft_ms,100,512,0\n")
    #expect(result.code == 1, "\(result)")
    #expect(result.err.contains("unknown column"))
    #expect(result.err.contains("did you mean 'value'?"))
  }

  @Test func onlyDecodeRowsCannotFitCompute() throws {
    let result = try runCSV(
      "metric,value,prompt,generate\ntpot_ms,25,512,2\ntpot_ms,27,1024,2\n", fit: "compute")
    #expect(result.code == 1, "\(result)")
    #expect(result.err.contains("cannot fit compute"))
  }
}
