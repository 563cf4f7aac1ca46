import Trace

/// summary.json: the forecast JSON with `scenario` and `tool_version` added.
package enum SummaryFile {
  /// The summary text: `forecast`'s members (an object), then `scenario`
  /// (the scenario as given, or null) and `tool_version`, replacing members
  /// of those names. Throws when a number is not finite.
  package static func text(
    forecast: JSONValue, scenario: JSONValue?, toolVersion: String
  ) throws(LifeError) -> String {
    guard case .object(let members) = forecast else {
      throw LifeError(
        .failure, at: .none, "the forecast to summarise is not a JSON object",
        got: forecast.typeName, expected: "an object")
    }
    var out = members.filter { $0.key != "scenario" && $0.key != "tool_version" }
    out.append((key: "scenario", value: scenario ?? .null))
    out.append((key: "tool_version", value: .string(toolVersion)))
    let value = JSONValue.object(out)
    try JSONFormat.checkFinite(value)
    return JSONFormat.text(value)
  }
}
