import Trace

/// summary.json: the forecast JSON with `scenario` and `tool_version` added.
package enum SummaryFile {
  /// The summary: `forecast`'s members (an object), then `scenario` (the
  /// scenario as given, or null) and `tool_version`, replacing members of
  /// those names. Throws when a number is not finite.
  package static func document(
    forecast: JSONDocument, scenario: JSONValue?, toolVersion: String
  ) throws(LifeError) -> JSONDocument {
    guard let members = forecast.members else {
      throw LifeError(
        .failure, at: .none, "the forecast to summarise is not a JSON object",
        got: forecast.materialized.typeName, expected: "an object")
    }
    var out = members.filter { $0.key != "scenario" && $0.key != "tool_version" }
    out.append((key: "scenario", value: .value(scenario ?? .null)))
    out.append((key: "tool_version", value: .value(.string(toolVersion))))
    let document = JSONDocument.object(out)
    try JSONFormat.checkFinite(document: document)
    return document
  }

  /// Writes the summary into `file` as it is made (a million decode steps
  /// never sit in memory as JSON).
  static func write(_ document: JSONDocument, to file: AtomicFile) {
    JSONFormat.write(document) { bytes in
      file.write(bytes: bytes)
      return file.failure == nil
    }
  }
}
