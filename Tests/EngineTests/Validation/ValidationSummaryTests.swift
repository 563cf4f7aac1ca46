import Testing
import Trace

@testable import Engine

/// `life validate`'s summary of a validation whose every forecast is 10 %
/// high: groups by kind × runtime × family, totals by family, skipped
/// reasons most first, and the `--json` object's keys.
@Suite struct ValidationSummaryTests {
  /// Every forecast is the measured value × 1.1, whatever the runtime: a
  /// 10 % error, zero-shot and calibrated. Rows whose id is in `failing`
  /// fail.
  struct TenPercentHigh: CaseForecaster {
    var failing: Set<String> = []

    func forecast(_ testCase: ValidationCase, runtime: Runtime) throws(LifeError) -> Double {
      if failing.contains(testCase.row.id) {
        throw LifeError(.failure, at: .none, "stub failure")
      }
      return testCase.measured * 1.1
    }
  }

  typealias Row = ValidationCaseTests

  /// Nine cases: an RTX 4090 with five rows (three decode, two prompt) from
  /// one source, an RTX 3090 with two decode rows and a Ryzen 9 7950X CPU
  /// with two prompt rows from another.
  static func cases() throws -> [ValidationCase] {
    var rows: [CorpusRow] = []
    for (i, g) in [64, 128, 256].enumerated() {
      rows.append(
        Row.row(id: "a-tg\(i)", source: "a", prompt: 0, generate: g, metric: .tgTokS, value: 150))
    }
    for (i, p) in [256, 512].enumerated() {
      rows.append(Row.row(id: "a-pp\(i)", source: "a", prompt: p, value: 9000))
    }
    for (i, g) in [64, 128].enumerated() {
      rows.append(
        Row.row(
          id: "b-tg\(i)", source: "b", device: "rtx-3090", prompt: 0, generate: g,
          metric: .tgTokS, value: 120))
    }
    for (i, p) in [128, 512].enumerated() {
      rows.append(
        Row.row(
          id: "b-pp\(i)", source: "b", device: "ryzen9-7950x-cpu", runtime: "llama.cpp-cpu",
          prompt: p, value: 60))
    }
    return try rows.map { try ValidationCase.resolve($0).get() }
  }

  static let skipped: [(row: CorpusRow, reason: ValidationCase.Skip)] = [
    (Row.row(id: "s-1", weights: nil), .weightsNotStated),
    (Row.row(id: "s-2", device: "no-such-gpu"), .unknownDevice),
    (Row.row(id: "s-3", device: "no-such-npu"), .unknownDevice),
  ]

  static func close(_ a: Double?, _ b: Double) -> Bool {
    guard let a else { return false }
    return abs(a - b) < 1e-9
  }

  @Test func everyErrorIsTenPercent() throws {
    let validation = Validation(
      cases: try Self.cases(), skipped: Self.skipped, forecaster: TenPercentHigh())
    #expect(validation.outcomes.map(\.testCase.row.id) == (try Self.cases()).map(\.row.id))
    for o in validation.outcomes {
      #expect(Self.close(o.zeroShot, o.testCase.measured * 1.1), "\(o.testCase.row.id)")
      #expect(Self.close(o.zeroShotError, 10), "\(o.testCase.row.id)")
      #expect(o.failure == nil)
      #expect(o.classKey == RuntimeFit.classKey(of: o.testCase.device, in: o.testCase.runtime))
      // Calibrated only where the device has more rows than a fit needs:
      // the RTX 4090's five.
      if o.testCase.row.device == "rtx-4090" {
        #expect(Self.close(o.calibratedError, 10), "\(o.testCase.row.id)")
      } else {
        #expect(o.calibrated == nil, "\(o.testCase.row.id)")
      }
    }
  }

  @Test func groupsAndTotals() throws {
    let summary = ValidationSummary(
      Validation(cases: try Self.cases(), skipped: Self.skipped, forecaster: TenPercentHigh()))
    #expect(summary.rows == 9 && summary.devices == 3 && summary.sources == 2)
    #expect(summary.failed == 0)
    let keys = summary.groups.map { "\($0.kind.rawValue) \($0.runtime) \($0.family)" }
    #expect(keys == ["cpu llama.cpp-cpu pp", "gpu llama.cpp-cuda pp", "gpu llama.cpp-cuda tg"])
    #expect(summary.groups.map { $0.zeroShot?.count } == [2, 2, 5])
    #expect(summary.groups.map { $0.calibrated?.count } == [nil, 2, 3])
    for g in summary.groups {
      #expect(Self.close(g.zeroShot?.median, 10) && Self.close(g.zeroShot?.p90, 10))
    }
    #expect(summary.zeroShot["tg"]?.count == 5 && summary.zeroShot["pp"]?.count == 4)
    #expect(summary.calibrated["tg"]?.count == 3 && summary.calibrated["pp"]?.count == 2)
    #expect(Self.close(summary.zeroShot["tg"]?.median, 10))
    #expect(Self.close(summary.calibrated["pp"]?.p90, 10))
    // Most first; ties by reason.
    #expect(summary.skipped.map(\.reason) == [.unknownDevice, .weightsNotStated])
    #expect(summary.skipped.map(\.count) == [2, 1])
  }

  @Test func jsonKeys() throws {
    let json = ValidationSummary(
      Validation(cases: try Self.cases(), skipped: Self.skipped, forecaster: TenPercentHigh())
    ).json
    guard case .object(let top) = json else {
      Issue.record("not an object")
      return
    }
    #expect(
      top.map(\.key) == [
        "rows", "devices", "sources", "failed", "zero_shot", "calibrated", "skipped",
      ])
    #expect(json["rows"] == .int(9) && json["devices"] == .int(3) && json["sources"] == .int(2))
    #expect(json["failed"] == .int(0))
    let zero = try #require(json["zero_shot"])
    guard case .object(let section) = zero else {
      Issue.record("zero_shot not an object")
      return
    }
    #expect(
      section.map(\.key) == ["tg", "pp", "tg_p90", "pp_p90", "tg_rows", "pp_rows", "groups"])
    // Errors of 10.000…01 % print rounded to two decimals: 10.
    #expect(zero["tg"] == .num(10) && zero["pp"] == .num(10))
    #expect(zero["tg_p90"] == .num(10) && zero["pp_p90"] == .num(10))
    #expect(zero["tg_rows"] == .int(5) && zero["pp_rows"] == .int(4))
    guard case .array(let groups) = try #require(zero["groups"]) else {
      Issue.record("groups not an array")
      return
    }
    #expect(groups.count == 3)
    #expect(
      groups.first
        == .object([
          ("kind", .string("cpu")), ("runtime", .string("llama.cpp-cpu")),
          ("metric", .string("pp")), ("rows", .int(2)), ("median", .num(10)), ("p90", .num(10)),
        ]))
    // Calibrated: the groups that have calibrated rows only.
    guard case .array(let calibrated) = try #require(json["calibrated"]?["groups"]) else {
      Issue.record("calibrated groups not an array")
      return
    }
    #expect(calibrated.count == 2)
    #expect(json["calibrated"]?["tg_rows"] == .int(3))
    #expect(
      json["skipped"]
        == .object([("device not a preset", .int(2)), ("weights not stated", .int(1))]))
  }

  @Test func failedForecastsAreCountedNotSummarised() throws {
    let validation = Validation(
      cases: try Self.cases(), skipped: [], forecaster: TenPercentHigh(failing: ["b-pp0"]),
      calibrate: false)
    let failed = try #require(validation.outcomes.first { $0.testCase.row.id == "b-pp0" })
    #expect(failed.zeroShot == nil && failed.failure == "stub failure")
    let summary = ValidationSummary(validation)
    #expect(summary.rows == 9 && summary.failed == 1)
    #expect(summary.zeroShot["pp"]?.count == 3)
    #expect(summary.calibrated.isEmpty)
    #expect(summary.groups.first?.zeroShot?.count == 1)
    #expect(summary.skipped.isEmpty)
    let json = summary.json
    #expect(json["calibrated"]?["tg"] == .null && json["calibrated"]?["tg_rows"] == .int(0))
    #expect(json["skipped"] == .object([]))
  }
}
