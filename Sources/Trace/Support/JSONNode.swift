/// A JSON value together with where it came from (file and dotted path), so
/// every typed read can report exactly which field is wrong.
///
/// ```swift
/// let root = try JSONNode.load(file: "scenario.json")
/// let members = try root.object(allowed: ["version", "model"])
/// let prompt = try root.required("workload").required("prompt").int(min: 0)
/// ```
package struct JSONNode: Sendable {
  /// The value.
  package let value: JSONValue
  /// The file it was read from, as the user named it.
  package let file: String?
  /// The dotted path of this value inside the file (`""` for the root).
  package let path: String

  /// Wraps a value.
  package init(_ value: JSONValue, file: String?, path: String = "") {
    self.value = value
    self.file = file
    self.path = path
  }

  /// Parses text into a root node.
  package static func parse(_ text: String, file: String?) throws(LifeError) -> JSONNode {
    JSONNode(try JSONParser.parse(text, file: file), file: file)
  }

  /// Reads and parses a file into a root node.
  package static func load(file: String) throws(LifeError) -> JSONNode {
    let bytes = try FileInput.readBytes(file)
    return JSONNode(try JSONParser.parse(bytes, file: file), file: file)
  }

  /// An error at this node.
  package func error(_ message: String, expected: String? = nil, suggestion: String? = nil)
    -> LifeError
  {
    LifeError.file(
      file, path: path.isEmpty ? nil : path, message, got: value.brief, expected: expected,
      suggestion: suggestion)
  }

  /// Where this node is, for errors raised by parsers that take a location.
  package var location: ErrorLocation {
    ErrorLocation(file: file, path: path.isEmpty ? nil : path)
  }

  private func child(_ key: String) -> String { path.isEmpty ? key : path + "." + key }

  // MARK: - Objects

  /// The members of an object, in order. With `allowed`, any other key is an
  /// error that suggests the closest allowed key.
  package func members(allowed: [String]? = nil) throws(LifeError) -> [(
    key: String, node: JSONNode
  )] {
    guard case .object(let members) = value else {
      throw error("wrong type", expected: "an object")
    }
    if let allowed {
      for member in members where !allowed.contains(member.key) {
        throw LifeError.file(
          file, path: child(member.key), "unknown key", got: "'\(member.key)'",
          expected: "one of " + allowed.map { "'\($0)'" }.joined(separator: ", "),
          suggestion: DidYouMean.suggest(member.key, among: allowed))
      }
    }
    return members.map { ($0.key, JSONNode($0.value, file: file, path: child($0.key))) }
  }

  /// The member `key`, or nil when absent or `null`.
  package func optional(_ key: String) throws(LifeError) -> JSONNode? {
    guard case .object(let members) = value else {
      throw error("wrong type", expected: "an object")
    }
    guard let found = members.first(where: { $0.key == key }) else { return nil }
    if case .null = found.value { return nil }
    return JSONNode(found.value, file: file, path: child(key))
  }

  /// The member `key`; an error naming the field when it is missing.
  package func required(_ key: String, expected: String? = nil) throws(LifeError) -> JSONNode {
    if let node = try optional(key) { return node }
    throw LifeError.file(
      file, path: child(key), "missing required field", expected: expected)
  }

  // MARK: - Arrays

  /// The items of an array, each with its path (`path[3]`).
  package func items() throws(LifeError) -> [JSONNode] {
    guard case .array(let items) = value else { throw error("wrong type", expected: "an array") }
    return items.enumerated().map { JSONNode($1, file: file, path: "\(path)[\($0)]") }
  }

  // MARK: - Scalars

  /// A string.
  package func string() throws(LifeError) -> String {
    guard case .string(let s) = value else { throw error("wrong type", expected: "a string") }
    return s
  }

  /// One of a fixed set of strings; anything else is an error with a
  /// did-you-mean.
  package func choice(_ allowed: [String]) throws(LifeError) -> String {
    let s = try string()
    guard allowed.contains(s) else {
      throw error(
        "unknown value", expected: "one of " + allowed.map { "'\($0)'" }.joined(separator: ", "),
        suggestion: DidYouMean.suggest(s, among: allowed))
    }
    return s
  }

  /// A boolean.
  package func bool() throws(LifeError) -> Bool {
    guard case .bool(let b) = value else { throw error("wrong type", expected: "true or false") }
    return b
  }

  /// A finite number within an inclusive range; `exclusiveMin` makes the lower
  /// bound exclusive.
  package func double(
    min: Double = -.greatestFiniteMagnitude, max: Double = .greatestFiniteMagnitude,
    exclusiveMin: Bool = false
  ) throws(LifeError) -> Double {
    guard case .number(let n) = value else { throw error("wrong type", expected: "a number") }
    guard n.value.isFinite else { throw error("number out of range", expected: "a finite number") }
    let tooLow = exclusiveMin ? n.value <= min : n.value < min
    if tooLow || n.value > max {
      throw error(
        "number out of range",
        expected: NumberText.rangeText(
          kind: "a number", min: min == -.greatestFiniteMagnitude ? nil : JSONFormat.number(min),
          max: max == .greatestFiniteMagnitude ? nil : JSONFormat.number(max),
          exclusiveMin: exclusiveMin))
    }
    return n.value
  }

  /// An integer within an inclusive range.
  package func int(min: Int = Int.min, max: Int = Int.max) throws(LifeError) -> Int {
    guard case .number(let n) = value else { throw error("wrong type", expected: "an integer") }
    guard let exact = n.exactInt else {
      if n.value.isFinite && n.value != n.value.rounded() {
        throw error("not a whole number", expected: "an integer")
      }
      throw error("integer too large", expected: "an integer of at most 64 bits")
    }
    guard exact >= Int64(min), exact <= Int64(max) else {
      throw error(
        "integer out of range",
        expected: NumberText.rangeText(
          kind: "an integer", min: min == .min ? nil : String(min),
          max: max == .max ? nil : String(max), exclusiveMin: false))
    }
    return Int(exact)
  }
}

extension JSONNode {
  /// The setting this value gives `option`: a string through the option's
  /// parser, or a JSON number for an integer option, read as a number. A
  /// bad value is an error at this node (file and path), a failure.
  package func setting(_ option: WorkloadOption) throws(LifeError) -> WorkloadSetting {
    let here = ErrorLocation(file: file, path: path.isEmpty ? nil : path)
    switch value {
    case .string(let text): return try option.parse(text, at: here)
    case .number where option.isInteger:
      let n = try int()
      do {
        return try option.setting(integer: n)
      } catch {
        throw error.placed(at: here, got: value.brief)
      }
    default:
      throw error(
        "wrong type",
        expected: (option.isInteger ? "an integer or a string: " : "a string: ") + option.accepted)
    }
  }
}
