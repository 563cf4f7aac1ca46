/// The points of a series worth drawing on a plot `columns` pixels wide:
/// every index when the series fits, else, for each pixel column, the
/// indices of its minimum and maximum (once when they coincide), in order.
/// The curve keeps every peak and trough at a bounded number of points.
enum ColumnExtremes {
  static func indices(_ values: [Double], columns: Int) -> [Int] {
    guard values.count > columns, columns > 0 else { return Array(values.indices) }
    var shown: [Int] = []
    shown.reserveCapacity(2 * columns)
    var start = 0
    for column in 0..<columns {
      let end = (column + 1) * values.count / columns
      guard end > start else { continue }
      var lo = start, hi = start
      for i in start..<end {
        if values[i] < values[lo] { lo = i }
        if values[i] > values[hi] { hi = i }
      }
      shown.append(min(lo, hi))
      if lo != hi { shown.append(max(lo, hi)) }
      start = end
    }
    return shown
  }
}
