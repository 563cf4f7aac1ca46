extension TimelineMerge {
  /// The keys whose integer values move with a run's group.
  static func shift(forKey key: ArraySlice<UInt8>, base: Int) -> Int? {
    // Compared as bytes: no string is made for every key of every event.
    if key.elementsEqual(pidKey) { return base }
    if key.elementsEqual(tidKey) { return 10 * base }
    if key.elementsEqual(idKey) || key.elementsEqual(bindIdKey) { return base * 1_000_000 }
    return nil
  }

  static let pidKey = Array("pid".utf8)
  static let tidKey = Array("tid".utf8)
  static let idKey = Array("id".utf8)
  static let bindIdKey = Array("bind_id".utf8)

  /// The event with its top-level integer `pid`, `tid`, `bind_id` and `id`
  /// moved, rewritten as bytes without parsing the rest; nil when the event
  /// needs the full treatment (metadata events, whose names are prefixed,
  /// and anything unusual). Also returns the new pid.
  static func fastShifted(_ bytes: [UInt8], base: Int) -> (text: String, pid: Int?)? {
    let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\")
    // A `"M"` anywhere may be a metadata event: take the slow path.
    if bytes.count < 2 || bytes[0] != UInt8(ascii: "{") { return nil }
    for i in 0..<(bytes.count - 2)
    where bytes[i] == quote && bytes[i + 1] == UInt8(ascii: "M") && bytes[i + 2] == quote {
      return nil
    }
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count + 8)
    var pid: Int?
    var depth = 0
    var i = 0
    var expectingKey = false
    while i < bytes.count {
      let byte = bytes[i]
      if byte == quote {
        // A string: copy it; at depth 1 in key position, look at the key.
        let start = i
        i += 1
        while i < bytes.count, bytes[i] != quote {
          i += bytes[i] == backslash ? 2 : 1
        }
        guard i < bytes.count else { return nil }
        i += 1
        out.append(contentsOf: bytes[start..<i])
        if depth == 1, expectingKey, i < bytes.count, bytes[i] == UInt8(ascii: ":"),
          let delta = shift(forKey: bytes[(start + 1)..<(i - 1)], base: base)
        {
          out.append(UInt8(ascii: ":"))
          var j = i + 1
          var negative = false
          if j < bytes.count, bytes[j] == UInt8(ascii: "-") {
            negative = true
            j += 1
          }
          var value = 0
          let digitsStart = j
          while j < bytes.count, bytes[j] >= UInt8(ascii: "0"), bytes[j] <= UInt8(ascii: "9"),
            j - digitsStart < 15
          {
            value = value * 10 + Int(bytes[j] - UInt8(ascii: "0"))
            j += 1
          }
          guard j > digitsStart, j < bytes.count,
            bytes[j] == UInt8(ascii: ",") || bytes[j] == UInt8(ascii: "}")
          else { return nil }
          let moved = (negative ? -value : value) + delta
          if bytes[(start + 1)..<(i - 1)].elementsEqual(pidKey) { pid = moved }
          out.append(contentsOf: String(moved).utf8)
          i = j
        }
        expectingKey = false
        continue
      }
      switch byte {
      case UInt8(ascii: "{"):
        depth += 1
        expectingKey = true
      case UInt8(ascii: "["): depth += 1
      case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1
      case UInt8(ascii: ","): expectingKey = true
      default: break
      }
      out.append(byte)
      i += 1
    }
    return (String(decoding: out, as: UTF8.self), pid)
  }
}
