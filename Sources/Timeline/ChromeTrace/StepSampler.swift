/// Chooses which decode steps to draw when the whole run would exceed the
/// event budget: the first steps, evenly spaced ones, and the last.
enum StepSampler {
  /// Up to `count` steps out of `first...last`, ascending: a quarter (at
  /// least one) from the start, the last step, and the rest evenly spaced
  /// in between.
  static func choose(from first: Int, through last: Int, count: Int) -> [Int] {
    guard last >= first, count > 0 else { return [] }
    let available = last - first + 1
    if count >= available { return Array(first...last) }
    if count == 1 { return [last] }
    let head = max(1, count / 4)
    var chosen = Array(first..<(first + head))
    let middle = count - head - 1
    let gapStart = first + head
    let gapEnd = last - 1
    if middle > 0, gapEnd >= gapStart {
      let span = gapEnd - gapStart + 1
      for i in 0..<middle {
        // Centres of `middle` equal buckets over the gap.
        let step = gapStart + (2 * i + 1) * span / (2 * middle)
        if let previous = chosen.last, step <= previous { continue }
        chosen.append(step)
      }
    }
    chosen.append(last)
    return chosen
  }

  /// Ascending steps as compact text: `1-16,100,200`.
  static func rangesText(_ steps: [Int]) -> String {
    var parts: [String] = []
    var index = 0
    while index < steps.count {
      var end = index
      while end + 1 < steps.count, steps[end + 1] == steps[end] + 1 { end += 1 }
      parts.append(end == index ? "\(steps[index])" : "\(steps[index])-\(steps[end])")
      index = end + 1
    }
    return parts.joined(separator: ",")
  }
}
