import Trace

extension JSONValue {
  /// This object with each of `pairs` set in order (replaced in
  /// place when present, appended otherwise), with the members copied once.
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
}
