extension CalibrationResult.LeaveOneOut {
  /// The likely-range bands of forecasts on the calibrated device: the
  /// 10th and 90th percentiles of measured ÷ held-out forecast time, over
  /// the prefill rows (`ttft_ms`, `pp_tok_s`) for TTFT and the decode rows
  /// (`tpot_ms`, `tg_tok_s`) for TPOT. A rate is inverted into a time
  /// ratio (forecast rate ÷ measured rate). `e2e_tok_s` rows mix both
  /// phases and count for neither; rows that could not be refitted are
  /// skipped. A phase with fewer than ``ResidualBand/minimumRows`` held-out
  /// rows has no band.
  package var uncertainty: ClassUncertainty {
    var prefill: [Double] = []
    var decode: [Double] = []
    for row in rows {
      guard let forecast = row.forecast, forecast > 0 else { continue }
      let measured = row.measurement.value
      switch row.measurement.metric {
      case .ttftMs: prefill.append(measured / forecast)
      case .ppTokS: prefill.append(forecast / measured)
      case .tpotMs: decode.append(measured / forecast)
      case .tgTokS: decode.append(forecast / measured)
      case .e2eTokS: continue
      }
    }
    return ClassUncertainty(
      prefill: ResidualBand(ratios: prefill), decode: ResidualBand(ratios: decode))
  }
}
