import Foundation
import Testing
import Timeline
import Trace

/// An output set replaces the old one or nothing does: a run killed
/// (SIGKILL) just before each rename of its commit — the manifest's, every
/// file's, the settled manifest's — leaves, as readers see it through
/// manifest.json, exactly the old set (killed before the commit point) or
/// exactly the new one (after it), never a mix; the next run completes it.
/// For `simulate` (alone and with `compare` variants, changing the set's
/// file names), `compare`, `serve` and `sweep`.
@Suite(.serialized) struct InterruptedRunTests {
  struct Case: Sendable, CustomStringConvertible {
    var description: String
    /// The run that writes the old set and the run that replaces it; `DIR`
    /// stands for the output directory, `RUNS` for the scratch directory.
    var old: [String]
    var new: [String]
  }

  static let single = "traces/llama2-7b-bf16-int4.json"
  static let variants = "traces/ryzen-ai-mapping-comparison.json"

  static let cases: [Case] = [
    Case(
      description: "simulate, timeline.json → timeline.json.gz",
      old: ["simulate", single, "--out", "DIR", "--generate", "3"],
      new: ["simulate", single, "--out", "DIR", "--generate", "4", "--gzip"]),
    Case(
      description: "simulate with compare variants",
      old: ["simulate", variants, "--out", "DIR", "--generate", "2", "--trace-detail", "layer"],
      new: ["simulate", variants, "--out", "DIR", "--generate", "3", "--trace-detail", "layer"]),
    Case(
      description: "compare",
      old: ["compare", "RUNS/a", "RUNS/b", "--out", "DIR"],
      new: ["compare", "RUNS/b", "RUNS/a", "--out", "DIR"]),
    Case(
      description: "serve",
      old: [
        "serve", "--model", "llama-3.2-1b", "--device", "h100-sxm", "--rate", "5", "--count", "3",
        "--prompt", "16", "--generate", "3", "--trace-detail", "step", "--out", "DIR",
      ],
      new: [
        "serve", "--model", "llama-3.2-1b", "--device", "h100-sxm", "--rate", "5", "--count", "4",
        "--prompt", "16", "--generate", "3", "--trace-detail", "step", "--gzip", "--out", "DIR",
      ]),
    Case(
      description: "sweep",
      old: [
        "sweep", "--model", "llama-3.2-1b", "--device", "h100-sxm", "--vary", "prompt=16,32",
        "--out", "DIR",
      ],
      new: [
        "sweep", "--model", "llama-3.2-1b", "--device", "h100-sxm", "--vary", "prompt=16,32",
        "--vary", "batch=1,2", "--heatmap", "prompt,batch", "--out", "DIR",
      ]),
  ]

  /// The set as a reader sees it: every file manifest.json lists, read
  /// where the manifest says its content is now.
  static func visibleSet(_ dir: String) throws -> [String: Data] {
    guard let manifest = try OutputManifest.read(directory: dir) else { return [:] }
    var out: [String: Data] = [:]
    for entry in manifest.entries {
      guard let path = try manifest.path(of: entry.name, in: dir) else { continue }
      out[entry.name] = try Data(contentsOf: URL(fileURLWithPath: path))
    }
    return out
  }

  static func arguments(_ template: [String], dir: String, runs: String) -> [String] {
    template.map {
      $0 == "DIR" ? dir : $0.hasPrefix("RUNS/") ? runs + "/" + $0.dropFirst(5) : $0
    }
  }

  @Test(arguments: cases)
  func aKillAtEveryRenameLeavesTheOldSetOrTheNew(_ test: Case) throws {
    let scratch = try SimulateSupport.directory()
    defer { SimulateSupport.remove(scratch) }
    let runs = scratch + "/runs"
    for (name, generate) in [("a", "2"), ("b", "3")] {
      let made = try LifeBinary.run([
        "simulate", Self.single, "--out", runs + "/" + name, "--generate", generate,
        "--trace-detail", "step",
      ])
      try #require(made.code == 0, "\(made)")
    }
    func run(_ template: [String], into dir: String, killAt: Int? = nil) throws -> LifeBinary.Result
    {
      try LifeBinary.run(
        Self.arguments(template, dir: dir, runs: runs),
        environment: killAt.map { ["LIFE_TEST_KILL_BEFORE_RENAME": String($0)] } ?? [:])
    }

    let reference = scratch + "/reference"
    let made = try run(test.new, into: reference)
    try #require(made.code == 0, "\(made)")
    let newSet = try Self.visibleSet(reference)
    try #require(!newSet.isEmpty)

    let dir = scratch + "/out"
    var killedAfterCommit = 0
    for k in 1...(newSet.count + 3) {
      let old = try run(test.old, into: dir)
      try #require(old.code == 0, "\(old)")
      let oldSet = try Self.visibleSet(dir)
      #expect(oldSet != newSet)

      let killed = try run(test.new, into: dir, killAt: k)
      let seen = try Self.visibleSet(dir)
      if killed.code == 0 {
        // No rename k: the run finished.
        #expect(k == newSet.count + 3, "\(test): only \(k - 1) renames")
        #expect(seen == newSet)
        break
      }
      #expect(killed.code == -SIGKILL, "\(test), rename \(k): \(killed)")
      #expect(seen == oldSet || seen == newSet, "\(test): mixed set after a kill at rename \(k)")
      if k == 1 {
        #expect(seen == oldSet, "\(test): killed before the commit point, yet not the old set")
      } else {
        #expect(seen == newSet, "\(test): killed after the commit point, yet not the new set")
        killedAfterCommit += 1
      }
    }
    #expect(killedAfterCommit == newSet.count + 1)

    // The next run into the directory completes whatever was left and
    // leaves only the set and its manifest.
    let last = try run(test.new, into: dir)
    #expect(last.code == 0, "\(last)")
    let names = try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
    #expect(names == (Array(newSet.keys) + ["manifest.json"]).sorted(), "\(names)")
    for (name, data) in newSet {
      #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/" + name)) == data, "\(name)")
    }
  }

  /// A kill after the commit point, then `life compare` of the directory:
  /// it reads the new set (from the staged files) without any run having
  /// completed the renames.
  @Test func compareReadsAHalfMovedSetAsTheNewOne() throws {
    let scratch = try SimulateSupport.directory()
    defer { SimulateSupport.remove(scratch) }
    let a = scratch + "/a", b = scratch + "/b"
    for (dir, generate) in [(a, "2"), (b, "2")] {
      let made = try LifeBinary.run([
        "simulate", Self.single, "--out", dir, "--generate", generate, "--trace-detail", "step",
      ])
      try #require(made.code == 0, "\(made)")
    }
    let killed = try LifeBinary.run(
      ["simulate", Self.single, "--out", a, "--generate", "5", "--trace-detail", "step"],
      environment: ["LIFE_TEST_KILL_BEFORE_RENAME": "3"])
    #expect(killed.code == -SIGKILL)
    let compared = try LifeBinary.run(["compare", a, b, "--out", scratch + "/c"])
    #expect(compared.code == 0, "\(compared)")
    let csv = try SimulateSupport.text(scratch + "/c/compare.csv").split(separator: "\n")
    #expect(csv.count == 3)
    // The run directory reads as the new, five-step run.
    let (row, _) = try RunDirectory.read(a)
    #expect(row.tpotMs.count == 5)
  }
}
