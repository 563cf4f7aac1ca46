import Trace

extension JSONValue {
  /// This object with `key` set to `value`: replaced in place when present,
  /// appended otherwise. A non-object becomes an object with that one key.
  func setting(_ key: String, _ value: JSONValue) -> JSONValue {
    guard case .object(var members) = self else { return .object([(key, value)]) }
    if let i = members.firstIndex(where: { $0.key == key }) {
      members[i].value = value
    } else {
      members.append((key, value))
    }
    return .object(members)
  }

  /// This object with each of `pairs` set in order (as successive
  /// ``setting(_:_:)`` calls would, with the members copied once).
  func setting(_ pairs: [(String, JSONValue)]) -> JSONValue {
    guard !pairs.isEmpty else { return self }
    var members: [(key: String, value: JSONValue)] = []
    if case .object(let existing) = self { members = existing }
    members.reserveCapacity(members.count + pairs.count)
    for (key, value) in pairs {
      if let i = members.firstIndex(where: { $0.key == key }) {
        members[i].value = value
      } else {
        members.append((key, value))
      }
    }
    return .object(members)
  }

  /// The object member `key`, or an empty object.
  func objectMember(_ key: String) -> JSONValue {
    if let value = self[key], case .object = value { return value }
    return .object([])
  }
}
