import Testing
import Trace

@testable import Engine

@Suite struct SweepAxisTests {
  func texts(_ spec: String) throws -> [String] { try SweepAxis.parse(spec).values.map(\.text) }

  @Test func parsesLists() throws {
    let axis = try SweepAxis.parse("prompt=128, 512,2048")
    #expect(axis.name == .prompt)
    #expect(axis.values.map(\.number) == [128, 512, 2048])
    #expect(try texts("tops=10,20.0,2.5") == ["10", "20", "2.5"])
    #expect(try texts("weights=bf16,fp16") == ["bf16", "fp16"])
    #expect(try texts("device=a.json,ryzen-ai-max-395-npu") == ["a.json", "ryzen-ai-max-395-npu"])
    #expect(try SweepAxis.parse("Compute-Efficiency=0.5").name == .computeEfficiency)
  }

  @Test func rangesIncludeStopWithoutAccumulatingError() throws {
    // count = ⌊(100 − 10)/10 + 1e-9⌋ + 1 = 10.
    #expect(
      try texts("tops=10:100:10") == ["10", "20", "30", "40", "50", "60", "70", "80", "90", "100"])
    // (0.3 − 0.1)/0.1 = 1.9999999999999998: the 1e-9 keeps 0.3; 0.1 + 2·0.1 rounds to 0.3.
    #expect(try texts("compute-efficiency=0.1:0.3:0.1") == ["0.1", "0.2", "0.3"])
    // ⌊(2 − 1)/0.3⌋ + 1 = 4: 1, 1.3, 1.6, 1.9 (stop not reached).
    #expect(try texts("bandwidth=1:2:0.3") == ["1", "1.3", "1.6", "1.9"])
    #expect(try texts("prompt=5:5:1") == ["5"])
    #expect(try SweepAxis.parse("tops=1:1000000:1").values.count == 1_000_000)
    let fine = try SweepAxis.parse("memory-efficiency=0.01:1:0.01")
    #expect(fine.values.count == 100)
    #expect(fine.values.last?.number == 1)
    #expect(fine.values[6].text == "0.07")
  }

  struct Bad: Sendable, CustomStringConvertible {
    var spec: String
    var message: String
    var suggestion: String? = nil
    /// The axis the error is at; nil for errors in the `--vary` grammar.
    var axis: String? = nil
    var description: String { spec }

    init(spec: String, message: String, suggestion: String? = nil) {
      self.spec = spec
      self.message = message
      self.suggestion = suggestion
    }

    init(spec: String, message: String, axis: String) {
      self.spec = spec
      self.message = message
      self.axis = axis
    }
  }

  static let bad: [Bad] = [
    Bad(spec: "prompt", message: "missing '='"),
    Bad(spec: "promt=1,2", message: "unknown axis", suggestion: "prompt"),
    Bad(spec: "bandwith=1", message: "unknown axis", suggestion: "bandwidth"),
    Bad(spec: "prompt=", message: "no values", axis: "prompt"),
    Bad(spec: "prompt=1,,2", message: "empty value", axis: "prompt"),
    Bad(spec: "prompt=12.5", message: "not an integer", axis: "prompt"),
    Bad(spec: "prompt=-1", message: "out of range", axis: "prompt"),
    Bad(spec: "batch=0", message: "out of range", axis: "batch"),
    Bad(spec: "tops=fast", message: "not a number", axis: "tops"),
    Bad(spec: "tops=0", message: "out of range", axis: "tops"),
    Bad(spec: "compute-efficiency=1.5", message: "out of range", axis: "compute-efficiency"),
    Bad(spec: "dispatch-us=-2", message: "out of range", axis: "dispatch-us"),
    Bad(spec: "tops=10:1:1", message: "empty range: stop is below start", axis: "tops"),
    Bad(spec: "tops=1:10:0", message: "the step must be > 0", axis: "tops"),
    Bad(spec: "tops=1:10:-1", message: "the step must be > 0", axis: "tops"),
    Bad(spec: "tops=1:10", message: "a range needs three parts", axis: "tops"),
    Bad(spec: "tops=a:10:1", message: "a range needs three numbers", axis: "tops"),
    Bad(spec: "tops=1:2000000:1", message: "range too large", axis: "tops"),
    Bad(spec: "prompt=1:10:0.5", message: "not an integer", axis: "prompt"),
    Bad(spec: "kv=fp17", message: "invalid value", axis: "kv"),
  ]

  @Test(arguments: bad) func rejects(_ c: Bad) {
    #expect {
      try SweepAxis.parse(c.spec)
    } throws: { error in
      guard let e = error as? LifeError else { return false }
      let origin: InputOrigin = c.axis.map { .sweepAxis($0) } ?? .parameter(.vary)
      return e.kind == .usage && e.location.origin == origin && e.message == c.message
        && (c.suggestion == nil || e.suggestion == c.suggestion)
    }
  }
}

@Suite struct SweepGridTests {
  func grid() throws -> SweepGrid {
    try SweepGrid(axes: [
      SweepAxis.parse("prompt=128,256"), SweepAxis.parse("tops=10,20,30"),
      SweepAxis.parse("bandwidth=50,100"),
    ])
  }

  @Test func firstAxisVariesSlowest() throws {
    let g = try grid()
    #expect(g.count == 12)
    // index = (p·3 + t)·2 + b: point 9 is p = 1, t = 1, b = 1.
    #expect(g.valueIndices(of: 9) == [1, 1, 1])
    #expect(g.index(of: [1, 1, 1]) == 9)
    #expect(g.point(9).values.map(\.value.text) == ["256", "20", "100"])
    #expect(g.point(0).values.map(\.value.text) == ["128", "10", "50"])
    for i in 0..<g.count { #expect(g.index(of: g.valueIndices(of: i)) == i) }
  }

  @Test func refusesDuplicateAxes() {
    #expect(throws: LifeError.self) {
      try SweepGrid(axes: [SweepAxis.parse("tops=1"), SweepAxis.parse("tops=2")])
    }
  }

  @Test func shardsAreDisjointAndCover() throws {
    // total 10, N = 3: ⌊0·10/3⌋ = 0, ⌊10/3⌋ = 3, ⌊20/3⌋ = 6, 10.
    let ranges = try (1...3).map { try SweepShard(index: $0, count: 3).range(total: 10) }
    #expect(ranges == [0..<3, 3..<6, 6..<10])
    for n in 1...7 {
      let all = try (1...n).flatMap { Array(try SweepShard(index: $0, count: n).range(total: 5)) }
      #expect(all == Array(0..<5))
    }
    #expect(try SweepShard.parse("2/8") == SweepShard(index: 2, count: 8))
    for bad in ["0/3", "4/3", "1/0", "x/3", "1-3", "1/3/4"] {
      #expect(throws: LifeError.self, "\(bad)") { try SweepShard.parse(bad) }
    }
  }

  @Test func pointsApplyToOptionsAndDevices() throws {
    let g = try SweepGrid(axes: [
      SweepAxis.parse("prompt=64"), SweepAxis.parse("kv=int8"), SweepAxis.parse("tops=7"),
      SweepAxis.parse("compute-efficiency=0.25"), SweepAxis.parse("dispatch-us=3"),
    ])
    let p = g.point(0)
    var options = WorkloadOptions(prompt: 1)
    try p.apply(to: &options)
    #expect(options.prompt == 64 && options.kv == .int8)
    #expect(p.workloadKey == "prompt=64 kv=int8")
    var device = CalibrationSupportTests.npu
    p.apply(to: &device)
    #expect(device.peakTops == ["int8": 7, "bf16": 7, "default": 7])
    #expect(device.efficiency.compute == 0.25 && device.efficiency.computeCurve == nil)
    #expect(device.efficiency.byKind == [.softmax: KindEfficiency(memory: 0.6)])
    #expect(device.dispatchUs == 3)
  }
}
