import Trace

extension Calibrator {
  /// The most refits the held-out forecasts take: up to this many rows,
  /// each is left out alone; beyond, the rows are dealt round-robin into
  /// this many folds and each fold is left out together, so the cost stays
  /// linear in the rows.
  static let maxFolds = 20

  /// Refits without each row in turn (same curve knots), or without each
  /// fold of rows when there are more than ``maxFolds``, and forecasts the
  /// rows left out. A row whose removal leaves the parameters undetermined
  /// gets a note instead of a forecast.
  func heldOut(_ rows: [Measurement], layout: ParameterLayout) throws(LifeError)
    -> CalibrationResult.LeaveOneOut
  {
    let k = min(rows.count, Self.maxFolds)
    var byRow = [CalibrationResult.HeldOut?](repeating: nil, count: rows.count)
    for fold in 0..<k {
      let left = rows.indices.filter { $0 % k == fold }
      let others = rows.indices.filter { $0 % k != fold }.map { rows[$0] }
      do {
        let fit = try fitOnce(others, layout: layout)
        for i in left {
          let f = try forecast(rows[i], fit.parameters)
          byRow[i] = .init(
            measurement: rows[i], forecast: f,
            errorPercent: CalibrationResult.errorPercent(measured: rows[i].value, forecast: f),
            note: nil)
        }
      } catch {
        for i in left where byRow[i] == nil {
          byRow[i] = .init(
            measurement: rows[i], forecast: nil, errorPercent: nil, note: error.message)
        }
      }
    }
    let held = byRow.compactMap { $0 }
    let errors = held.compactMap(\.errorPercent).map(abs)
    let mean = errors.isEmpty ? nil : errors.reduce(0, +) / Double(errors.count)
    return .init(rows: held, meanAbsoluteErrorPercent: mean)
  }
}
