import Foundation
import Trace

/// What a calibration produced: the fitted parameters, each row's measured
/// and forecast value, the mean absolute percentage error and a
/// leave-one-out report.
package struct CalibrationResult: Sendable, Equatable {
  /// The fitted parameters (unfitted ones as the base device had them).
  package var parameters: CalibrationParameters
  /// The parameters that were fitted, in `--fit` order.
  package var fitted: [CalibrationParameter]
  /// Each fitted scalar by name (`compute`, `memory`, `dispatch`,
  /// `compute-curve at N tokens`) and value (efficiency, or µs for dispatch).
  package var values: [NamedValue]
  /// One entry per measurement, in file order.
  package var rows: [Row]
  /// Mean of |error %| over the rows.
  package var mape: Double
  /// Solver iterations of the chosen start.
  package var iterations: Int
  /// Held-out errors, when asked for.
  package var leaveOneOut: LeaveOneOut?

  /// A fitted scalar.
  package struct NamedValue: Sendable, Equatable {
    /// Its name.
    package var name: String
    /// Its value: an efficiency in (0, 1], or µs for dispatch.
    package var value: Double
  }

  /// A measurement against its forecast.
  package struct Row: Sendable, Equatable {
    /// The measurement.
    package var measurement: Measurement
    /// The forecast of its metric with the fitted parameters.
    package var forecast: Double
    /// (forecast − measured) / measured × 100.
    package var errorPercent: Double
  }

  /// Refitting without each row in turn and forecasting the row left out.
  package struct LeaveOneOut: Sendable, Equatable {
    /// One entry per measurement, in file order.
    package var rows: [HeldOut]
    /// Mean |held-out error %| over the rows that could be refitted; nil
    /// when none could.
    package var meanAbsoluteErrorPercent: Double?
  }

  /// One held-out row.
  package struct HeldOut: Sendable, Equatable {
    /// The row left out.
    package var measurement: Measurement
    /// Its forecast from the fit without it; nil when the other rows could
    /// not determine the parameters.
    package var forecast: Double?
    /// (forecast − measured) / measured × 100; nil as above.
    package var errorPercent: Double?
    /// Why there is no forecast, when there is none.
    package var note: String?
  }
}

extension CalibrationResult {
  /// (forecast − measured) / measured × 100.
  package static func errorPercent(measured: Double, forecast: Double) -> Double {
    (forecast - measured) / measured * 100
  }

  /// The result as JSON, members in a fixed order.
  package var json: JSONValue {
    var members: [(key: String, value: JSONValue)] = [
      ("fitted", .object(values.map { ($0.name, JSONValue.num($0.value)) })),
      ("mape_percent", .num(mape)),
      ("iterations", .int(iterations)),
      (
        "rows",
        .array(
          rows.map { row in
            .object(
              Self.rowMembers(row.measurement) + [
                ("measured", .num(row.measurement.value)), ("forecast", .num(row.forecast)),
                ("error_percent", .num(row.errorPercent)),
              ])
          })
      ),
    ]
    if let loo = leaveOneOut {
      members.append(
        (
          "leave_one_out",
          .object([
            ("mean_abs_error_percent", .num(loo.meanAbsoluteErrorPercent)),
            (
              "rows",
              .array(
                loo.rows.map { held in
                  .object(
                    Self.rowMembers(held.measurement) + [
                      ("measured", .num(held.measurement.value)), ("forecast", .num(held.forecast)),
                      ("error_percent", .num(held.errorPercent)), ("note", .str(held.note)),
                    ])
                })
            ),
          ])
        ))
    }
    return .object(members)
  }

  static func rowMembers(_ m: Measurement) -> [(key: String, value: JSONValue)] {
    [
      ("line", .int(m.line)), ("metric", .string(m.metric.rawValue)), ("prompt", .int(m.prompt)),
      ("generate", .int(m.generate)), ("batch", .int(m.batch)),
    ]
  }

  /// A plain-text report: fitted values, a table of rows, MAPE and the
  /// leave-one-out errors.
  package var text: String {
    var out = "fitted:\n"
    for v in values {
      let unit = v.name == "dispatch" ? " us" : ""
      out += "  \(v.name) = \(Self.fixed(v.value, 6))\(unit)\n"
    }
    out += "rows (metric, prompt, generate, batch: measured -> forecast, error):\n"
    for row in rows {
      let m = row.measurement
      out +=
        "  line \(m.line): \(m.metric.rawValue) prompt=\(m.prompt) G=\(m.generate)"
        + " batch=\(m.batch): \(Self.fixed(m.value, 4)) -> \(Self.fixed(row.forecast, 4))"
        + " (\(Self.signed(row.errorPercent))%)\n"
    }
    out += "MAPE: \(Self.fixed(mape, 2))%\n"
    if let loo = leaveOneOut {
      out += "leave-one-out (refit without the row, forecast it):\n"
      for held in loo.rows {
        let m = held.measurement
        out += "  line \(m.line): \(m.metric.rawValue) prompt=\(m.prompt): "
        if let e = held.errorPercent, let f = held.forecast {
          out += "\(Self.fixed(m.value, 4)) -> \(Self.fixed(f, 4)) (\(Self.signed(e))%)\n"
        } else {
          out += "not refitted: \(held.note ?? "undetermined")\n"
        }
      }
      if let mean = loo.meanAbsoluteErrorPercent {
        out += "held-out mean absolute error: \(Self.fixed(mean, 2))%\n"
      }
    }
    return out
  }

  static func fixed(_ x: Double, _ digits: Int) -> String {
    String(format: "%.\(digits)f", x)
  }

  static func signed(_ x: Double) -> String {
    String(format: "%+.2f", x)
  }
}
