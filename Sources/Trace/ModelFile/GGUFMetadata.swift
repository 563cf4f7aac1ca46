/// Typed reads of GGUF metadata with errors that name the file and the key
/// (`x.gguf: metadata.llama.block_count: missing required field`).
struct GGUFMetadata {
  let header: GGUFHeader
  let file: String

  func path(_ key: String) -> String { "metadata." + key }

  func error(
    _ key: String, _ message: String, got: String? = nil, expected: String? = nil,
    suggestion: String? = nil
  ) -> LifeError {
    LifeError.file(
      file, path: path(key), message, got: got, expected: expected, suggestion: suggestion)
  }

  /// A string value, or nil when absent.
  func string(_ key: String) throws(LifeError) -> String? {
    guard let value = header[key] else { return nil }
    guard let s = value.string else {
      throw error(key, "wrong type", got: value.type.name, expected: "a string")
    }
    return s
  }

  /// A required string value.
  func requiredString(_ key: String) throws(LifeError) -> String {
    guard let s = try string(key) else {
      throw error(key, "missing required field", expected: "a string")
    }
    return s
  }

  /// An integer of any width in [min, max], or nil when absent. A per-layer
  /// array is accepted when every layer has the same value.
  func int(_ key: String, min: Int, max: Int) throws(LifeError) -> Int? {
    guard let value = header[key] else { return nil }
    let n: Int
    if let i = value.integer {
      n = i
    } else if let array = value.array, let values = array.integers, let first = values.first {
      let low = values.min() ?? first
      let high = values.max() ?? first
      guard low == high else {
        throw error(
          key, "per-layer values differ", got: "values from \(low) to \(high)",
          expected: "one value for every layer")
      }
      n = first
    } else {
      throw error(key, "wrong type", got: value.brief, expected: "an integer")
    }
    guard n >= min, n <= max else {
      throw error(
        key, "integer out of range", got: String(n), expected: "an integer in [\(min), \(max)]")
    }
    return n
  }

  /// A required integer in [min, max].
  func requiredInt(_ key: String, min: Int, max: Int) throws(LifeError) -> Int {
    guard let n = try int(key, min: min, max: max) else {
      throw error(key, "missing required field", expected: "an integer in [\(min), \(max)]")
    }
    return n
  }

  /// A finite number ≥ `min` (integer or float), or nil when absent.
  func double(_ key: String, min: Double) throws(LifeError) -> Double? {
    guard let value = header[key] else { return nil }
    guard let x = value.number else {
      throw error(key, "wrong type", got: value.brief, expected: "a number")
    }
    guard x.isFinite, x >= min else {
      throw error(key, "number out of range", got: String(x), expected: "a finite number ≥ \(min)")
    }
    return x
  }
}
