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

  /// Five prefill and five decode rows: the written device carries the
  /// bands of its held-out rows, and a forecast on it takes its likely
  /// ranges from them (TTFT × the prefill band), naming the calibration.
  @Test func theCalibratedDeviceGivesForecastsItsOwnLikelyRanges() throws {
    let dir = try scratch()
    defer { try? FileManager.default.removeItem(at: dir) }
    let rows = [
      "ttft_ms,4.1,64,0", "ttft_ms,4.6,128,0", "ttft_ms,7.0,256,0", "ttft_ms,13.9,512,0",
      "ttft_ms,26.0,1024,0", "tpot_ms,3.9,64,4", "tpot_ms,4.1,128,4", "tpot_ms,3.8,256,4",
      "tpot_ms,4.4,512,4", "tpot_ms,4.0,1024,4",
    ]
    let csv = dir.appendingPathComponent("m.csv")
    try ("metric,value,prompt,generate\n" + rows.joined(separator: "\n") + "\n")
      .write(to: csv, atomically: true, encoding: .utf8)
    let out = dir.appendingPathComponent("rtx-4090.json").path
    let result = try LifeBinary.run([
      "calibrate", "--model", "llama-3.2-1b", "--device", "rtx-4090", "--measurements", csv.path,
      "--out", out,
    ])
    #expect(result.code == 0, "\(result)")
    let device = try JSONNode.parse(String(contentsOfFile: out, encoding: .utf8), file: out)
    let band = try device.required("uncertainty")
    let low = try band.required("prefill").required("low").double()
    let high = try band.required("prefill").required("high").double()
    #expect(try band.required("prefill").required("rows").int() == 5)
    #expect(try band.required("decode").required("rows").int() == 5)
    #expect(low > 0 && low <= high)
    let forecast = try LifeBinary.run([
      "forecast", "--model", "llama-3.2-1b", "--device", out, "--prompt", "512", "--generate", "4",
      "--json",
    ])
    #expect(forecast.code == 0, "\(forecast)")
    let json = try JSONNode.parse(forecast.out, file: "stdout")
    let ttft = try json.required("ttft_ms").double()
    let range = try json.required("ttft_ms_range").items().map { (n) throws(LifeError) in
      try n.double()
    }
    #expect(range.count == 2)
    #expect(abs(range[0] - ttft * low) <= 1e-9 * ttft && abs(range[1] - ttft * high) <= 1e-9 * ttft)
    let basis = try json.required("uncertainty").required("basis").string()
    #expect(basis.contains("TTFT: 5 held-out calibration measurements of this device"))
    #expect(basis.contains("life calibrate") && !basis.contains("life validate"))
    #expect(try json.required("uncertainty").required("rows").int() == 10)
    let text = try LifeBinary.run([
      "forecast", "--model", "llama-3.2-1b", "--device", out, "--prompt", "512", "--generate", "4",
    ])
    #expect(text.out.contains("from 5 held-out calibration measurements of this device)"))
  }

  /// llama-bench's own output, copied from llama.cpp's README at build 1275
  /// (Tests/EngineTests/Calibration/Fixtures/SOURCES.md): Llama 7B Q4_0 on
  /// an RTX 3090 Ti, pp512 and tg128, calibrating the RTX 3090 preset. The
  /// file is renamed without an extension: it is recognised by content.
  @Test(arguments: ["readme-b1275.csv", "readme-b1275.json"])
  func calibratesOnRawLlamaBenchOutput(_ name: String) throws {
    let dir = try scratch()
    defer { try? FileManager.default.removeItem(at: dir) }
    let input = dir.appendingPathComponent("llama-bench-output")
    try FileManager.default.copyItem(
      at: LifeBinary.packageRoot.appendingPathComponent(
        "Tests/EngineTests/Calibration/Fixtures/" + name),
      to: input)
    let out = dir.appendingPathComponent("rtx-3090.json").path
    let result = try LifeBinary.run([
      "calibrate", "--model", "llama-2-7b", "--device", "rtx-3090", "--measurements", input.path,
      "--out", out, "--fit", "compute,memory", "--runtime", "llama.cpp-cuda",
    ])
    #expect(result.code == 0, "\(result)")
    #expect(result.out.contains("line 2: pp_tok_s prompt=512 G=0 batch=1: "))
    #expect(result.out.contains(": tg_tok_s prompt=0 G=128 batch=1: "))
    #expect(result.out.contains("MAPE: "))
    #expect(FileManager.default.fileExists(atPath: out))
    let forecast = try LifeBinary.run([
      "forecast", "--model", "llama-2-7b", "--device", out, "--prompt", "512", "--weights", "Q4_0",
      "--json",
    ])
    #expect(forecast.code == 0, "\(forecast)")
    #expect(forecast.out.contains("(calibrated)"))
  }

  /// A llama-bench csv whose header lost a column its rows kept (llama.cpp's
  /// README of 2024-09): exit 1 naming the file, line and column.
  @Test func llamaBenchHeaderThatDoesNotMatchItsRowsExitsOne() throws {
    let path = "Tests/EngineTests/Calibration/Fixtures/readme-2024-09-opencl-removed.csv"
    let result = try LifeBinary.run([
      "calibrate", "--model", "llama-2-7b", "--device", "rtx-3090", "--measurements", path,
      "--out", "/nonexistent/never.json",
    ])
    #expect(result.code == 1, "\(result)")
    #expect(
      result.err.hasPrefix(
        "error: \(path): line 2, column 27: the row does not match the header on line 1"))
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
