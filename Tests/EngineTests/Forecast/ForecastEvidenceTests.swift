import Foundation
import Testing
import Trace

@testable import Engine

/// The likely ranges (residual bands) and the benchmark command a forecast
/// carries.
@Suite struct ForecastEvidenceTests {
  /// Ratios 0.5, 0.6, …, 1.4 (ten values): the 10th percentile sits at rank
  /// 0.9 → 0.5 + 0.9·0.1 = 0.59, the 90th at rank 8.1 → 1.3 + 0.1·0.1 = 1.31.
  @Test func aBandIsTheTenthAndNinetiethPercentile() throws {
    let band = try #require(ResidualBand(ratios: (0..<10).map { 0.5 + Double($0) / 10 }))
    #expect(band.rows == 10)
    #expect(abs(band.low - 0.59) < 1e-12)
    #expect(abs(band.high - 1.31) < 1e-12)
    let (lo, hi) = band.range(time: 100)
    #expect(abs(lo - 59) < 1e-9 && abs(hi - 131) < 1e-9)
  }

  @Test func fewerThanFiveRowsGiveNoBand() {
    #expect(ResidualBand(ratios: [1, 1, 1, 1]) == nil)
    #expect(ResidualBand(ratios: [1, 1, 1, 1, .nan, -1]) == nil)
    #expect(ResidualBand(ratios: [1, 1, 1, 1, 2])?.rows == 5)
  }

  static func runtime(band: ResidualBand?) throws -> Runtime {
    var r = try #require(Runtime.named("llama.cpp-cuda"))
    let device = try Device.resolve("h100-sxm", at: .none)
    r.uncertainty = [:]
    if let band {
      r.uncertainty[r.classKey(of: device)] = ClassUncertainty(prefill: band, decode: band)
    }
    return r
  }

  /// TPS is the inverse of TPOT: a TPOT band [0.8, 1.25] gives a TPS range
  /// [tps / 1.25, tps / 0.8].
  @Test func rangesFollowTheBandsAndTokensPerSecondInverts() throws {
    let band = ResidualBand(rows: 12, low: 0.8, high: 1.25)
    let device = try Device.resolve("h100-sxm", at: .none)
    let runtime = try Self.runtime(band: band)
    let model = try ModelConfig.resolve("llama-2-7b")
    let e = ForecastEvidence(
      prefill: (runtime, device), decode: (runtime, device), model: model,
      options: WorkloadOptions(prompt: 512))
    let ttft = try #require(e.ttftRange(100))
    #expect(abs(ttft.0 - 80) < 1e-9 && abs(ttft.1 - 125) < 1e-9)
    let tps = try #require(e.tpsRange(100))
    #expect(abs(tps.0 - 80) < 1e-9 && abs(tps.1 - 125) < 1e-9)
    #expect(e.tpotRange(nil) == nil)
    let u = e.uncertaintyJSON
    #expect(u["rows"] == .int(24))
    guard case .string(let basis)? = u["basis"] else {
      Issue.record("basis is not a string")
      return
    }
    #expect(basis.contains("12 llama.cpp-cuda measurements on"))
  }

  @Test func withoutBandsThereIsNoBasis() throws {
    let device = try Device.resolve("h100-sxm", at: .none)
    let runtime = try Self.runtime(band: nil)
    let e = ForecastEvidence(
      prefill: (runtime, device), decode: (runtime, device),
      model: try ModelConfig.resolve("llama-2-7b"), options: WorkloadOptions(prompt: 8))
    #expect(e.ttftRange(10) == nil && e.tpsRange(10) == nil)
    #expect(e.uncertaintyJSON["basis"] == .string("no basis"))
    #expect(e.uncertaintyJSON["rows"] == .int(0))
  }

  @Test func theVerifyCommandFillsWhatItKnowsAndMarksTheRest() throws {
    let template = VerifyTemplate(
      command: "bench -m {model}.gguf -p {prompt} -n {generate} -d {depth} -ub {chunk}"
        + " -fa {flash_attn} -ctk {kv_gguf} -t {threads}",
      byKind: [.cpu: "cpu-bench -p {prompt"])
    var options = WorkloadOptions(prompt: 1024)
    options.generate = 64
    options.depth = 4096
    options.kv = .int8
    options.flashAttention = true
    let model = try ModelConfig.resolve("llama-2-7b")
    #expect(
      template.command(for: .gpu, model: model, options: options)
        == "bench -m llama-2-7b.gguf -p 1024 -n 64 -d 4096 -ub 512 -fa 1 -ctk q8_0 -t <threads>")
    // An unclosed brace is kept as written.
    #expect(template.command(for: .cpu, model: model, options: options) == "cpu-bench -p {prompt")
  }

  @Test func llamaCppForecastsCarryTheLlamaBenchCommand() throws {
    var options = WorkloadOptions(prompt: 512)
    options.generate = 128
    let pipeline = ForecastPipeline(
      model: try ModelConfig.resolve("llama-2-7b"), options: options,
      devices: [("device", try Device.resolve("rtx-4090", at: .none))],
      mapping: Mapping(prefill: "device", decode: "device"),
      runtime: try RuntimeChoice.parse("llama.cpp-cuda"))
    let json = try pipeline.run().json
    guard case .string(let command)? = json["verify_command"] else {
      Issue.record("no verify_command")
      return
    }
    #expect(command.hasPrefix("llama-bench -m llama-2-7b.gguf -p 512 -n 128"))
    #expect(command.hasSuffix("-ngl 99"))
    #expect(json["uncertainty"]?["basis"] != nil)
  }
}

/// A calibrated device's own bands replace its class's.
@Suite struct CalibratedForecastEvidenceTests {
  static func options() -> WorkloadOptions {
    var options = WorkloadOptions(prompt: 512)
    options.generate = 16
    return options
  }

  @Test func aCalibratedDeviceTakesItsOwnBands() throws {
    let classBand = ResidualBand(rows: 40, low: 0.5, high: 2)
    let runtime = try ForecastEvidenceTests.runtime(band: classBand)
    var device = try Device.resolve("h100-sxm", at: .none)
    device.uncertainty = ClassUncertainty(
      prefill: ResidualBand(rows: 6, low: 0.9, high: 1.1), decode: nil)
    let e = ForecastEvidence(
      prefill: (runtime, device), decode: (runtime, device),
      model: try ModelConfig.resolve("llama-2-7b"), options: Self.options())
    let ttft = try #require(e.ttftRange(200))
    #expect(abs(ttft.0 - 180) < 1e-9 && abs(ttft.1 - 220) < 1e-9)
    // The calibration had no decode rows: no basis, not the class's band.
    #expect(e.tpotRange(10) == nil && e.tpsRange(100) == nil)
    #expect(e.prefill?.text == "6 held-out calibration measurements of this device")
    #expect(
      e.uncertaintyJSON["basis"]
        == .string(
          "TTFT: 6 held-out calibration measurements of this device"
            + " (10th–90th percentile of measured ÷ held-out forecast, life calibrate)"))
    #expect(e.uncertaintyJSON["rows"] == .int(6))
  }

  /// Prefill on a calibrated device, decode on a zero-shot one: each part
  /// names its own method.
  @Test func mixedBasesNameEachMethod() throws {
    let runtime = try ForecastEvidenceTests.runtime(
      band: ResidualBand(rows: 40, low: 0.5, high: 2))
    let zeroShot = try Device.resolve("h100-sxm", at: .none)
    var calibrated = zeroShot
    calibrated.uncertainty = ClassUncertainty(
      prefill: ResidualBand(rows: 7, low: 0.9, high: 1.2), decode: nil)
    let e = ForecastEvidence(
      prefill: (runtime, calibrated), decode: (runtime, zeroShot),
      model: try ModelConfig.resolve("llama-2-7b"), options: Self.options())
    guard case .string(let basis)? = e.uncertaintyJSON["basis"] else {
      Issue.record("basis is not a string")
      return
    }
    #expect(
      basis
        == "TTFT: 7 held-out calibration measurements of this device (10th–90th percentile of"
        + " measured ÷ held-out forecast, life calibrate); TPOT: 40 llama.cpp-cuda measurements on "
        + runtime.classKey(of: zeroShot)
        + " devices (10th–90th percentile of measured ÷ zero-shot forecast, life validate)")
    #expect(e.uncertaintyJSON["rows"] == .int(47))
  }
}
