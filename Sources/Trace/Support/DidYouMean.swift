/// Finds the closest valid spelling of a name the user mistyped.
package enum DidYouMean {
  /// The candidate nearest to `input` by edit distance, if it is close enough
  /// to be a plausible typo (at most a third of the longer name, and at most 3
  /// edits), or the candidate that `input` is a prefix of. A candidate that
  /// is `input` itself (ignoring case) is never suggested: it was refused
  /// for another reason, and suggesting it would not help.
  package static func suggest(_ input: String, among candidates: [String]) -> String? {
    let lowered = input.lowercased()
    let others = candidates.filter { $0.lowercased() != lowered }
    var best: (name: String, distance: Int)?
    for candidate in others {
      let distance = editDistance(lowered, candidate.lowercased())
      if let current = best, current.distance <= distance { continue }
      best = (candidate, distance)
    }
    guard let best else { return nil }
    let limit = min(3, max(1, max(input.count, best.name.count) / 3))
    if best.distance <= limit { return best.name }
    if lowered.count >= 3,
      let prefixed = others.first(where: { $0.lowercased().hasPrefix(lowered) })
    {
      return prefixed
    }
    return nil
  }

  /// Damerau–Levenshtein distance (optimal string alignment): insertions,
  /// deletions, substitutions and adjacent transpositions each cost 1.
  package static func editDistance(_ a: String, _ b: String) -> Int {
    let x = Array(a.unicodeScalars)
    let y = Array(b.unicodeScalars)
    if x.isEmpty { return y.count }
    if y.isEmpty { return x.count }
    var previous2 = [Int](repeating: 0, count: y.count + 1)
    var previous = Array(0...y.count)
    var current = [Int](repeating: 0, count: y.count + 1)
    for i in 1...x.count {
      current[0] = i
      for j in 1...y.count {
        let cost = x[i - 1] == y[j - 1] ? 0 : 1
        var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] {
          value = min(value, previous2[j - 2] + 1)
        }
        current[j] = value
      }
      swap(&previous2, &previous)
      swap(&previous, &current)
    }
    return previous[y.count]
  }
}
