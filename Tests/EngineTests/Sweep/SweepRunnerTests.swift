import Foundation
import Testing
import Trace

@testable import Engine

@Suite struct SweepRunnerTests {
  /// tc = 1000/tops, tm = 500/bandwidth (ms): a closed form to check placement.
  static func evaluate(_ p: SweepPoint) throws(LifeError) -> SweepResult {
    let tops = p.value(of: .tops)?.number ?? 1
    let bw = p.value(of: .bandwidth)?.number ?? 1
    let prompt = p.value(of: .prompt)?.number ?? 1
    let tc = prompt * 1000 / tops
    let tm = 500 / bw
    return SweepResult(
      ttftMs: max(tc, tm), tComputeMs: tc, tMemoryMs: tm, tpotMsMean: tm, tps: 1000 / tm)
  }

  func grid() throws -> SweepGrid {
    try SweepGrid(axes: [
      SweepAxis.parse("prompt=1,2,3"), SweepAxis.parse("tops=10:100:10"),
      SweepAxis.parse("bandwidth=5:50:5"),
    ])
  }

  @Test func resultsArePlacedByIndexWhateverTheThreads() throws {
    let g = try grid()
    let one = try SweepRunner(threads: 1).run(g, evaluate: Self.evaluate)
    let many = try SweepRunner(threads: 8, chunk: 3).run(g, evaluate: Self.evaluate)
    #expect(one == many)
    #expect(one.count == 300)
    #expect(one.map(\.point.index) == Array(0..<300))
    #expect(SweepCSV.text(axes: g.axes, rows: one) == SweepCSV.text(axes: g.axes, rows: many))
  }

  @Test func reportsProgressForEveryPoint() throws {
    let g = try grid()
    let counter = Counter()
    _ = try SweepRunner(threads: 4).run(
      g,
      progress: { done, total in
        counter.add(done, total)
      }, evaluate: Self.evaluate)
    #expect(counter.calls == 300)
    #expect(counter.maxDone == 300 && counter.total == 300)
  }

  @Test func throwsTheLowestFailingPoint() throws {
    let g = try grid()
    #expect {
      try SweepRunner(threads: 8, chunk: 1).run(g) { p throws(LifeError) in
        if p.index == 77 || p.index == 200 {
          throw LifeError(.failure, at: .none, "bad \(p.index)")
        }
        return try Self.evaluate(p)
      }
    } throws: { ($0 as? LifeError)?.message == "bad 77" }
  }

  @Test func csvHasPointAxesAndResultColumns() throws {
    let g = try SweepGrid(axes: [SweepAxis.parse("tops=10,20"), SweepAxis.parse("bandwidth=50")])
    let rows = try SweepRunner().run(g) { p throws(LifeError) in
      let tops = p.value(of: .tops)?.number ?? 1
      // tc = 100/tops, tm = 4: point 0 is compute-bound (10 ≥ 4), G = 0 → empty tpot, tps.
      return SweepResult(
        ttftMs: max(100 / tops, 4), tComputeMs: 100 / tops, tMemoryMs: 4, tpotMsMean: nil, tps: nil,
        fits: tops < 15)
    }
    #expect(
      SweepCSV.text(axes: g.axes, rows: rows)
        == "point,tops,bandwidth,ttft_ms,t_compute_ms,t_memory_ms,tc_tm,tpot_ms_mean,tps,bound,fits\n"
        + "0,10,50,10,10,4,2.5,,,compute,true\n" + "1,20,50,5,5,4,1.25,,,compute,false\n")
    let r = SweepResult(ttftMs: 1, tComputeMs: 1, tMemoryMs: 0, tpotMsMean: nil, tps: nil)
    #expect(r.tcTm == nil && r.bound == "compute")
    #expect(
      SweepResult(ttftMs: 3, tComputeMs: 1, tMemoryMs: 3, tpotMsMean: nil, tps: nil).bound
        == "memory")
  }

  @Test func shardedAndMergedEqualsUnshardedByteForByte() throws {
    let g = try grid()
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("life-sweep-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let whole = try SweepRunner().run(g, evaluate: Self.evaluate)
    let expected = SweepCSV.text(axes: g.axes, rows: whole)
    for n in [1, 3, 7] {
      var dirs: [String] = []
      for i in 1...n {
        let dir = directory + "/n\(n)-shard\(i)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let rows = try SweepRunner().run(
          g, shard: SweepShard(index: i, count: n), evaluate: Self.evaluate)
        let shard = try OutputTransaction(directory: dir, owned: [SweepCSV.fileName])
        try SweepCSV.write(axes: g.axes, rows: rows, in: shard)
        try shard.commit()
        dirs.append(dir)
      }
      // Any order of the shard directories.
      let merged = try SweepMerge.merge(dirs.reversed())
      #expect(merged == expected, "n = \(n)")
      let out = directory + "/merged\(n)"
      try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
      let transaction = try OutputTransaction(directory: out, owned: [SweepCSV.fileName])
      let path = try SweepMerge.write(dirs, in: transaction)
      try transaction.commit()
      #expect(try String(contentsOfFile: path, encoding: .utf8) == expected)
    }
  }

  @Test func mergeRefusesMismatchedDuplicateAndMissingShards() throws {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("life-merge-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    func file(_ name: String, _ text: String) throws -> String {
      let path = directory + "/" + name
      try text.write(toFile: path, atomically: true, encoding: .utf8)
      return path
    }
    let h = "point,tops,ttft_ms\n"
    let a = try file("a.csv", h + "0,1,2\n1,2,3\n")
    let b = try file("b.csv", "point,bandwidth,ttft_ms\n2,3,4\n")
    let dup = try file("dup.csv", h + "1,2,3\n")
    let gap = try file("gap.csv", h + "3,2,3\n")
    let notSweep = try file("x.csv", "tops,ttft_ms\n1,2\n")
    func message(_ paths: [String]) -> String? {
      do {
        _ = try SweepMerge.merge(paths)
        return nil
      } catch {
        return error.message
      }
    }
    #expect(message([a, b])?.hasPrefix("header differs") == true)
    #expect(message([a, dup])?.hasPrefix("point 1 appears twice") == true)
    #expect(message([a, gap]) == "point 2 is missing")
    #expect(message([notSweep]) == "not a sweep.csv")
    #expect(message([directory + "/none.csv"]) == "no such file")
  }
}

final class Counter: @unchecked Sendable {
  private let lock = NSLock()
  private(set) var calls = 0
  private(set) var maxDone = 0
  private(set) var total = 0

  func add(_ done: Int, _ total: Int) {
    lock.lock()
    defer { lock.unlock() }
    calls += 1
    maxDone = max(maxDone, done)
    self.total = total
  }
}
