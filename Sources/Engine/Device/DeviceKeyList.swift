import Trace

/// The one grammar of per-device lists on the command line and in
/// scenarios: `KEY=VALUE,KEY=VALUE`, keys trimmed, each key once
/// (`--runtime npu=onnxruntime-genai,igpu=llama.cpp-vulkan`,
/// `--power-cap-w npu=5,igpu=30`).
enum DeviceKeyList {
  /// The map of `text`, each value read by `value`; errors are at
  /// `location` (a usage error, or a failure inside a file), `list` names
  /// the list ("not a runtime list") and `expected` says what it takes.
  static func parse<T>(
    _ text: String, list: String, expected: String, at location: ErrorLocation,
    value: (Substring) throws(LifeError) -> T
  ) throws(LifeError) -> [String: T] {
    let kind: LifeError.Kind = location.file == nil ? .usage : .failure
    var map: [String: T] = [:]
    for part in text.split(separator: ",", omittingEmptySubsequences: false) {
      let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      let key = pieces.first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
      guard pieces.count == 2, !key.isEmpty else {
        throw LifeError(kind, at: location, list, got: "'\(text)'", expected: expected)
      }
      if map[key] != nil {
        throw LifeError(kind, at: location, "device key '\(key)' given twice", got: "'\(text)'")
      }
      map[key] = try value(pieces[1])
    }
    return map
  }
}
