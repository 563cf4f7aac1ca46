/// A JSON document to write whose long arrays (one entry per decode step)
/// are produced element by element as they are written, so that writing it
/// holds one element at a time, not the whole tree.
///
/// Written by ``JSONFormat/write(_:pretty:chunk:to:)``, it is byte for byte
/// what ``JSONFormat/text(_:pretty:)`` writes for ``materialized``.
package indirect enum JSONDocument {
  /// A value held whole.
  case value(JSONValue)
  /// An object whose members are documents, in order.
  case object([(key: String, value: JSONDocument)])
  /// `count` elements, element `i` made by `element(i)` when it is written.
  /// `scalars`: every element is a number, string, boolean or null (the
  /// array is then written on one line, as for a held array of scalars).
  case array(count: Int, scalars: Bool, element: (Int) -> JSONValue)

  /// The whole value, every element made.
  package var materialized: JSONValue {
    switch self {
    case .value(let value): return value
    case .object(let members): return .object(members.map { ($0.key, $0.value.materialized) })
    case .array(let count, _, let element): return .array((0..<count).map(element))
    }
  }

  /// The members of an object (a held object's members as documents); nil
  /// for anything else.
  package var members: [(key: String, value: JSONDocument)]? {
    switch self {
    case .object(let members): return members
    case .value(.object(let members)): return members.map { ($0.key, .value($0.value)) }
    default: return nil
    }
  }

  /// The member `key` of an object, or nil.
  package subscript(key: String) -> JSONDocument? {
    members?.first { $0.key == key }?.value
  }

  /// This object with each of `pairs` set in order: replaced in place when
  /// present, appended otherwise. A non-object becomes an object of the
  /// pairs.
  package func setting(_ pairs: [(String, JSONDocument)]) -> JSONDocument {
    var out = members ?? []
    for (key, value) in pairs {
      if let i = out.firstIndex(where: { $0.key == key }) {
        out[i].value = value
      } else {
        out.append((key, value))
      }
    }
    return .object(out)
  }

  /// ``setting(_:)`` with one pair.
  package func setting(_ key: String, _ value: JSONDocument) -> JSONDocument {
    setting([(key, value)])
  }

  /// The object member `key`, or an empty object.
  package func objectMember(_ key: String) -> JSONDocument {
    if let member = self[key], member.members != nil { return member }
    return .object([])
  }

  /// Element `i` of an array (held or made), for arrays built from another.
  package var elements: (count: Int, element: (Int) -> JSONValue)? {
    switch self {
    case .array(let count, _, let element): return (count, element)
    case .value(.array(let items)): return (items.count, { items[$0] })
    default: return nil
    }
  }
}

extension JSONFormat {
  /// Throws when `document` holds a NaN or an infinity anywhere, naming
  /// its path; made elements are made, checked and dropped one at a time.
  package static func checkFinite(document: JSONDocument, path: String = "")
    throws(LifeError)
  {
    func walk(_ document: JSONDocument, _ inner: inout [PathPart]) -> Double? {
      switch document {
      case .value(let value):
        guard let (bad, parts) = firstNonFinite(value) else { return nil }
        inner = parts
        return bad
      case .object(let members):
        for member in members {
          if let bad = walk(member.value, &inner) {
            inner.append(.key(member.key))
            return bad
          }
        }
        return nil
      case .array(let count, _, let element):
        for i in 0..<count {
          if let (bad, parts) = firstNonFinite(element(i)) {
            inner = parts + [.index(i)]
            return bad
          }
        }
        return nil
      }
    }
    var inner: [PathPart] = []
    if let bad = walk(document, &inner) {
      throw nonFinite(bad, file: nil, path: path, inner: inner)
    }
  }

  /// Writes `document` as ``text(_:pretty:)`` would write its materialised
  /// value, handing the bytes to `sink` in pieces of about `chunk` bytes
  /// (always whole elements). Stops early, returning false, when `sink`
  /// returns false (the output failed).
  @discardableResult
  package static func write(
    _ document: JSONDocument, pretty: Bool = true, chunk: Int = 1 << 16,
    to sink: ([UInt8]) -> Bool
  ) -> Bool {
    var finite = true
    return write(document, pretty: pretty, chunk: chunk, finite: &finite, to: sink)
  }

  /// The bytes ``write(_:pretty:chunk:to:)`` writes for `document`, in one
  /// buffer, each element made once; throws as ``checkFinite(document:path:)``
  /// does (before anything is written) when a number is not finite.
  package static func checkedBytes(_ document: JSONDocument, pretty: Bool = true)
    throws(LifeError) -> [UInt8]
  {
    var bytes: [UInt8] = []
    var finite = true
    _ = write(document, pretty: pretty, finite: &finite) { piece in
      bytes.append(contentsOf: piece)
      return true
    }
    // Only a failure walks the document again, to name the path.
    if !finite { try checkFinite(document: document) }
    return bytes
  }

  /// ``write(_:pretty:chunk:to:)``, setting `finite` to false when a
  /// number is not finite (written as `null`).
  static func write(
    _ document: JSONDocument, pretty: Bool = true, chunk: Int = 1 << 16, finite: inout Bool,
    to sink: ([UInt8]) -> Bool
  ) -> Bool {
    var out: [UInt8] = []
    out.reserveCapacity(chunk + 4096)
    var going = true
    func flush(force: Bool) {
      guard going, force || out.count >= chunk else { return }
      if !out.isEmpty { going = sink(out) }
      out.removeAll(keepingCapacity: true)
    }
    func write(_ document: JSONDocument, indent: Int) {
      guard going else { return }
      let inner = indent >= 0 ? indent + 1 : -1
      switch document {
      case .value(let value):
        JSONFormat.write(value, into: &out, indent: indent, finite: &finite)
      case .object(let members):
        if members.isEmpty {
          append("{}", into: &out)
          return
        }
        out.append(0x7B)  // {
        for (i, member) in members.enumerated() {
          if i > 0 { out.append(0x2C) }
          newline(&out, inner)
          appendString(member.key, into: &out)
          out.append(0x3A)  // :
          if indent >= 0 { out.append(0x20) }
          write(member.value, indent: inner)
        }
        newline(&out, indent)
        out.append(0x7D)  // }
      case .array(let count, let scalars, let element):
        if count == 0 {
          append("[]", into: &out)
          return
        }
        out.append(0x5B)  // [
        for i in 0..<count {
          if i > 0 {
            out.append(0x2C)  // ,
            if indent >= 0 && scalars { out.append(0x20) }
          }
          if !scalars { newline(&out, inner) }
          JSONFormat.write(element(i), into: &out, indent: inner, finite: &finite)
          flush(force: false)
          guard going else { return }
        }
        if !scalars { newline(&out, indent) }
        out.append(0x5D)  // ]
      }
      flush(force: false)
    }
    write(document, indent: pretty ? 0 : -1)
    if pretty { out.append(0x0A) }
    flush(force: true)
    return going
  }

  /// The text of `document` (for small documents and tests).
  package static func text(document: JSONDocument, pretty: Bool = true) -> String {
    var bytes: [UInt8] = []
    write(document, pretty: pretty) { piece in
      bytes.append(contentsOf: piece)
      return true
    }
    return String(decoding: bytes, as: UTF8.self)
  }
}
