import Trace

extension Calibrator {
  /// Refits without each row in turn (same curve knots) and forecasts the
  /// row left out. A row whose removal leaves the parameters undetermined
  /// gets a note instead of a forecast.
  func heldOut(_ rows: [Measurement], layout: ParameterLayout) throws(LifeError)
    -> CalibrationResult.LeaveOneOut
  {
    var held: [CalibrationResult.HeldOut] = []
    for i in rows.indices {
      var others = rows
      let left = others.remove(at: i)
      do {
        let fit = try fitOnce(others, layout: layout)
        let f = try forecast(left, fit.parameters)
        held.append(
          .init(
            measurement: left, forecast: f,
            errorPercent: CalibrationResult.errorPercent(measured: left.value, forecast: f),
            note: nil))
      } catch {
        held.append(.init(measurement: left, forecast: nil, errorPercent: nil, note: error.message))
      }
    }
    let errors = held.compactMap(\.errorPercent).map(abs)
    let mean = errors.isEmpty ? nil : errors.reduce(0, +) / Double(errors.count)
    return .init(rows: held, meanAbsoluteErrorPercent: mean)
  }
}
