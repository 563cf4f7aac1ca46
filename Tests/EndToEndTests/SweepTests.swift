import Foundation
import LifeTestSupport
import Testing
import Trace

/// `life sweep` through the binary: points equal single forecasts to the
/// last digit, shards merge into the unsharded file byte for byte (also
/// run as 4 jobs by GNU parallel), the `model` axis and the `fits` column
/// agree with `life forecast`, bad `--vary` exits 2 with a did-you-mean.
@Suite(.serialized) struct SweepTests {
  func scratch() throws -> URL {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("life-sweep-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  static let grid = [
    "sweep", "--model", "llama-2-7b", "--device", "v100", "--generate", "3", "--vary",
    "prompt=64,300", "--vary", "tops=50,126", "--vary", "bandwidth=900,1500",
  ]

  @Test func pointsEqualSingleForecasts() throws {
    let dir = try scratch()
    defer { try? FileManager.default.removeItem(at: dir) }
    let result = try LifeBinary.run(Self.grid + ["--out", dir.path])
    #expect(result.code == 0, "\(result)")
    let csv = try String(contentsOf: dir.appendingPathComponent("sweep.csv"), encoding: .utf8)
    let lines = csv.split(separator: "\n").map { $0.split(separator: ",").map(String.init) }
    #expect(lines.count == 1 + 8)
    // Point 3: prompt 64, tops 126, bandwidth 1500 (the first axis slowest).
    let row = lines[4]
    #expect(Array(row[0...3]) == ["3", "64", "126", "1500"])
    let device = dir.appendingPathComponent("d.json")
    // The same point as a forecast: the V100 with tops 126 (its fp16 and
    // default already are) and bandwidth 1500, from a device file with the
    // gpu kind's default efficiencies (DeviceKind.defaultEfficiency).
    let json = """
      {"name": "NVIDIA V100", "kind": "gpu", "peak_tops": {"fp16": 126, "fp32": 126, "default": 126},
       "bandwidth_gb_s": 1500, "dispatch_us": 2, "memory_gib": 32,
       "efficiency": {"compute": 0.55, "memory": 0.75}}
      """
    try json.write(to: device, atomically: true, encoding: .utf8)
    let forecast = try LifeBinary.run([
      "forecast", "--model", "llama-2-7b", "--device", device.path, "--prompt", "64",
      "--generate", "3", "--json",
    ])
    #expect(forecast.code == 0, "\(forecast)")
    // Compare the printed numbers as text (a JSON parser may round).
    func first(_ key: String) -> String {
      guard let range = forecast.out.range(of: "\"\(key)\": ") else { return "?" }
      let rest = forecast.out[range.upperBound...]
      return String(rest.prefix { $0 != "," && $0 != "\n" })
    }
    #expect(row[4] == first("ttft_ms"))
    #expect(row[5] == first("t_compute_ms"))  // the prefill's comes first
    #expect(row[6] == first("t_memory_ms"))
    #expect(row[8] == first("tpot_ms_mean"))
    #expect(row[9] == first("tps"))
  }

  @Test func shardsMergeIntoTheUnshardedFileByteForByte() throws {
    let dir = try scratch()
    defer { try? FileManager.default.removeItem(at: dir) }
    let whole = dir.appendingPathComponent("whole")
    #expect(try LifeBinary.run(Self.grid + ["--out", whole.path]).code == 0)
    var shards: [String] = []
    for i in 1...3 {
      let out = dir.appendingPathComponent("s\(i)").path
      let result = try LifeBinary.run(Self.grid + ["--out", out, "--shard", "\(i)/3"])
      #expect(result.code == 0, "\(result)")
      shards.append(out)
    }
    let merged = dir.appendingPathComponent("merged")
    let result = try LifeBinary.run(
      ["sweep", "--merge"] + shards.reversed() + ["--out", merged.path])
    #expect(result.code == 0, "\(result)")
    let a = try Data(contentsOf: whole.appendingPathComponent("sweep.csv"))
    let b = try Data(contentsOf: merged.appendingPathComponent("sweep.csv"))
    #expect(a == b)
  }

  @Test func chartsFollowTheAxes() throws {
    let dir = try scratch()
    defer { try? FileManager.default.removeItem(at: dir) }
    let result = try LifeBinary.run([
      "sweep", "--model", "llama-2-7b", "--device", "v100", "--prompt", "1024", "--vary",
      "chunk=128,256,512", "--vary", "tops=50,100", "--heatmap", "chunk,tops", "--out", dir.path,
    ])
    #expect(result.code == 0, "\(result)")
    for file in ["sweep.csv", "heatmap-chunk-tops.svg", "chunked-prefill.svg"] {
      #expect(
        FileManager.default.fileExists(atPath: dir.appendingPathComponent(file).path), "\(file)")
    }
    // No decode steps: no decode heat maps.
    #expect(
      !FileManager.default.fileExists(
        atPath: dir.appendingPathComponent("heatmap-chunk-tops-tpot.svg").path))
  }

  /// With decode steps, `--heatmap` also draws TPOT and tokens per second,
  /// each cell's tooltip holding the point's value from sweep.csv.
  @Test func decodeHeatMapsShowTheSweepsValues() throws {
    let dir = try scratch()
    defer { try? FileManager.default.removeItem(at: dir) }
    let result = try LifeBinary.run(Self.grid + ["--heatmap", "prompt,tops", "--out", dir.path])
    #expect(result.code == 0, "\(result)")
    let csv = try String(contentsOf: dir.appendingPathComponent("sweep.csv"), encoding: .utf8)
    let rows = csv.split(separator: "\n").dropFirst().map { $0.split(separator: ",") }
    // Point 2: prompt 64, tops 126, bandwidth 900 (the held first value).
    let row = try #require(rows.first { $0[0] == "2" })
    let tpot = try #require(Double(String(row[8])))
    let tps = try #require(Double(String(row[9])))
    for (file, label, value) in [
      ("heatmap-prompt-tops-tpot.svg", "TPOT ms", tpot),
      ("heatmap-prompt-tops-tps.svg", "tok/s", tps),
    ] {
      let svg = try String(contentsOf: dir.appendingPathComponent(file), encoding: .utf8)
      // Tooltips print values to 3 significant digits.
      let shown = String(format: "%.3g", value)
      #expect(svg.contains("prompt=64, tops=126: \(label) = \(shown)<"), "\(file)")
      #expect(svg.contains("log scale"), "\(file)")
    }
  }

  /// `--vary model=...`: each point equals `life forecast` of its model, and
  /// `fits` is the forecast's `footprint.fits`.
  @Test func modelAxisAndFitsColumnMatchForecasts() throws {
    let dir = try scratch()
    defer { try? FileManager.default.removeItem(at: dir) }
    let result = try LifeBinary.run([
      "sweep", "--vary", "model=llama-3.2-1b,qwen3-32b", "--device", "v100", "--prompt", "512",
      "--generate", "2", "--vary", "batch=1,8", "--out", dir.path,
    ])
    #expect(result.code == 0, "\(result)")
    let csv = try String(contentsOf: dir.appendingPathComponent("sweep.csv"), encoding: .utf8)
    let lines = csv.split(separator: "\n").map { $0.split(separator: ",").map(String.init) }
    #expect(lines.first?.first == "point" && lines.first?[1] == "model")
    #expect(lines.first?.last == "fits")
    #expect(lines.count == 1 + 4)
    for row in lines.dropFirst() {
      let forecast = try LifeBinary.run([
        "forecast", "--model", row[1], "--device", "v100", "--prompt", "512", "--generate", "2",
        "--batch", row[2], "--json",
      ])
      #expect(forecast.code == 0, "\(forecast)")
      let json = try JSONSerialization.jsonObject(with: Data(forecast.out.utf8)) as? [String: Any]
      let fits = (json?["footprint"] as? [String: Any])?["fits"] as? [String: Bool]
      #expect(row.last == String(fits?["device"] ?? true), "\(row)")
      #expect(forecast.out.contains("\"ttft_ms\": \(row[3]),"), "\(row)")
    }
    // A 32B model in bf16 does not fit a 32 GiB V100.
    #expect(lines.dropFirst().contains { $0[1] == "qwen3-32b" && $0.last == "false" })
    #expect(lines.dropFirst().contains { $0[1] == "llama-3.2-1b" && $0.last == "true" })
  }

  @Test func modelMustBeGivenOrVariedOnce() throws {
    for args in [
      ["--device", "v100", "--prompt", "8", "--vary", "tops=1,2"],
      ["--model", "llama-2-7b", "--vary", "model=llama-2-7b", "--device", "v100", "--prompt", "8"],
    ] {
      let result = try LifeBinary.run(["sweep"] + args + ["--out", "unused"])
      #expect(result.code == 2, "\(result)")
      #expect(result.err.contains("model"), "\(result)")
    }
    let result = try LifeBinary.run([
      "sweep", "--vary", "model=no-such-model", "--device", "v100", "--prompt", "8", "--out",
      "unused",
    ])
    #expect(result.code != 0 && result.err.contains("model"), "\(result)")
  }

  /// The job-array recipe of docs/scale.md on one machine: GNU parallel runs
  /// 4 shards as separate processes, `--merge` joins them, and the merged
  /// sweep.csv is byte-identical to one run of the whole grid.
  @Test(.enabled(if: ExternalTools.runParallel, Comment(rawValue: ExternalTools.parallelSkipNote)))
  func fourShardsThroughGNUParallelMergeByteForByte() throws {
    let dir = try scratch()
    defer { try? FileManager.default.removeItem(at: dir) }
    let whole = dir.appendingPathComponent("whole").path
    #expect(try LifeBinary.run(Self.grid + ["--out", whole]).code == 0)
    let parallel = try #require(ExternalTools.executable("parallel"), "GNU parallel is missing")
    let binary = try #require(LifeBinary.url?.path, "\(LifeBinary.missingMessage)")
    let command =
      ([binary] + Self.grid).joined(separator: " ")
      + " --shard {}/4 --out \(dir.path)/shard-{}"
    let run = try ExternalTools.run(
      parallel,
      ["--will-cite", "--halt", "now,fail=1", "-j", "4", command, ":::", "1", "2", "3", "4"])
    #expect(run.status == 0, "\(run)")
    let merged = dir.appendingPathComponent("merged").path
    let result = try LifeBinary.run(
      ["sweep", "--merge"] + (1...4).map { "\(dir.path)/shard-\($0)" } + ["--out", merged])
    #expect(result.code == 0, "\(result)")
    let a = try Data(contentsOf: URL(fileURLWithPath: whole + "/sweep.csv"))
    let b = try Data(contentsOf: URL(fileURLWithPath: merged + "/sweep.csv"))
    #expect(!a.isEmpty && a == b)
  }

  @Test func badVaryExitsTwoWithDidYouMean() throws {
    for (vary, hint) in [
      ("bandwith=1,2", "did you mean 'bandwidth'?"), ("tops=10:1:1", "empty range"),
    ] {
      let result = try LifeBinary.run(
        [
          "sweep", "--model", "llama-2-7b", "--device", "v100", "--prompt", "8", "--vary", vary,
          "--out", "unused",
        ])
      #expect(result.code == 2, "\(result)")
      #expect(result.err.contains(hint), "\(result)")
      #expect(result.out.isEmpty)
    }
  }
}
