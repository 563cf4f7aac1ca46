import Foundation
import Trace

/// What `life validate` reports of a ``Validation``: counts, the medians
/// and 90th percentiles of the absolute errors by device kind × runtime ×
/// family, and over all rows by family.
package struct ValidationSummary: Sendable {
  /// One device kind × runtime × family.
  package struct Group: Sendable, Equatable {
    /// The device kind.
    package var kind: DeviceKind
    /// The runtime's name.
    package var runtime: String
    /// `pp` (prefill: pp, TTFT) or `tg` (decode: tg, TPOT, end to end).
    package var family: String
    /// Zero-shot errors.
    package var zeroShot: ErrorSummary?
    /// Calibrated leave-one-out errors.
    package var calibrated: ErrorSummary?
  }

  /// Rows forecast.
  package var rows: Int
  /// Distinct devices and sources among them.
  package var devices: Int
  package var sources: Int
  /// The groups, by kind, runtime and family.
  package var groups: [Group]
  /// Over all rows, by family (`pp`, `tg`).
  package var zeroShot: [String: ErrorSummary]
  package var calibrated: [String: ErrorSummary]
  /// Rows that could not be forecast: reason and count, most first.
  package var skipped: [(reason: ValidationCase.Skip, count: Int)]
  /// Rows whose zero-shot forecast failed.
  package var failed: Int

  /// The families, in report order.
  package static let families = ["tg", "pp"]

  /// The summary of `validation`.
  package init(_ validation: Validation) {
    let outcomes = validation.outcomes
    rows = outcomes.count
    devices = Set(outcomes.map(\.testCase.row.device)).count
    sources = Set(outcomes.map(\.testCase.row.source)).count
    failed = outcomes.filter { $0.zeroShot == nil }.count
    struct Key: Hashable, Comparable {
      var kind: DeviceKind
      var runtime: String
      var family: String
      static func < (a: Key, b: Key) -> Bool {
        (a.kind.rawValue, a.runtime, a.family) < (b.kind.rawValue, b.runtime, b.family)
      }
    }
    var zero: [Key: [Double]] = [:]
    var cal: [Key: [Double]] = [:]
    var allZero: [String: [Double]] = [:]
    var allCal: [String: [Double]] = [:]
    for o in outcomes {
      let family = o.testCase.quantity.family
      let key = Key(kind: o.testCase.device.kind, runtime: o.testCase.runtime.name, family: family)
      zero[key, default: []] += o.zeroShotError.map { [$0] } ?? []
      cal[key, default: []] += o.calibratedError.map { [$0] } ?? []
      if let e = o.zeroShotError { allZero[family, default: []].append(e) }
      if let e = o.calibratedError { allCal[family, default: []].append(e) }
    }
    groups = Set(zero.keys).union(cal.keys).sorted().map { k in
      Group(
        kind: k.kind, runtime: k.runtime, family: k.family,
        zeroShot: ErrorSummary(zero[k] ?? []), calibrated: ErrorSummary(cal[k] ?? []))
    }
    zeroShot = allZero.compactMapValues { ErrorSummary($0) }
    calibrated = allCal.compactMapValues { ErrorSummary($0) }
    var reasons: [ValidationCase.Skip: Int] = [:]
    for s in validation.skipped { reasons[s.reason, default: 0] += 1 }
    skipped = reasons.map { (reason: $0.key, count: $0.value) }.sorted {
      ($1.count, $0.reason.rawValue) < ($0.count, $1.reason.rawValue)
    }
  }

  /// `life validate --json`'s object.
  package var json: JSONValue {
    func number(_ v: Double) -> JSONValue { v.isFinite ? .num((v * 100).rounded() / 100) : .null }
    func summary(_ s: ErrorSummary?) -> JSONValue {
      guard let s else { return .null }
      return .object([
        ("rows", .int(s.count)), ("median", number(s.median)), ("p90", number(s.p90)),
      ])
    }
    func section(_ overall: [String: ErrorSummary], _ pick: (Group) -> ErrorSummary?) -> JSONValue {
      var members: [(key: String, value: JSONValue)] = []
      for f in Self.families { members.append((f, overall[f].map { number($0.median) } ?? .null)) }
      for f in Self.families {
        members.append((f + "_p90", overall[f].map { number($0.p90) } ?? .null))
      }
      for f in Self.families { members.append((f + "_rows", .int(overall[f]?.count ?? 0))) }
      members.append(
        (
          "groups",
          .array(
            groups.compactMap { g in
              guard let s = pick(g) else { return nil }
              return .object([
                ("kind", .string(g.kind.rawValue)), ("runtime", .string(g.runtime)),
                ("metric", .string(g.family)), ("rows", .int(s.count)),
                ("median", number(s.median)), ("p90", number(s.p90)),
              ])
            })
        ))
      return .object(members)
    }
    return .object([
      ("rows", .int(rows)), ("devices", .int(devices)), ("sources", .int(sources)),
      ("failed", .int(failed)),
      ("zero_shot", section(zeroShot, \.zeroShot)),
      ("calibrated", section(calibrated, \.calibrated)),
      (
        "skipped",
        .object(skipped.map { (key: $0.reason.rawValue, value: JSONValue.int($0.count)) })
      ),
    ])
  }
}
