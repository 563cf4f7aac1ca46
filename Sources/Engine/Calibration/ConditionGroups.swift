/// Measurement rows grouped by the conditions they were measured under
/// (``Measurement/condition``): rows with equal conditions have equal
/// forecasts, so each group is forecast once.
struct ConditionGroups {
  /// The rows, in order.
  let rows: [Measurement]
  /// One row per distinct condition, in order of first appearance.
  let representatives: [Measurement]
  /// For each row, the index of its condition in ``representatives``.
  let index: [Int]

  init(_ rows: [Measurement]) {
    var representatives: [Measurement] = []
    var conditions: [Measurement] = []
    var index: [Int] = []
    index.reserveCapacity(rows.count)
    for m in rows {
      let c = m.condition
      if let i = conditions.firstIndex(of: c) {
        index.append(i)
      } else {
        index.append(conditions.count)
        conditions.append(c)
        representatives.append(m)
      }
    }
    self.rows = rows
    self.representatives = representatives
    self.index = index
  }
}
