import Trace

extension SweepGrid {
  /// The two axes `X,Y` names for a heat map (`--heatmap`): two different
  /// varied axes, by name. The one parser of that list; errors are at
  /// ``RunParameter/heatmap``.
  package func heatmapAxes(_ text: String) throws(LifeError) -> (
    x: SweepAxis.Name, y: SweepAxis.Name
  ) {
    let origin = InputOrigin.parameter(.heatmap)
    let names = text.split(separator: ",", omittingEmptySubsequences: false).map {
      $0.trimmingCharacters(in: .whitespaces).lowercased()
    }
    guard names.count == 2, names[0] != names[1] else {
      throw LifeError.usage(
        origin, "expected two different names", got: "'\(text)'",
        expected: "X,Y, two of the varied names")
    }
    let varied = axes.map(\.name.name)
    var chosen: [SweepAxis.Name] = []
    for name in names {
      guard let axis = SweepAxis.Name(named: name), varied.contains(axis.name) else {
        throw LifeError.usage(
          origin, "'\(name)' is not varied", got: "'\(text)'",
          expected: varied.isEmpty
            ? "two varied axes" : "two of " + varied.joined(separator: ", "),
          suggestion: DidYouMean.suggest(name, among: varied))
      }
      chosen.append(axis)
    }
    return (chosen[0], chosen[1])
  }
}
