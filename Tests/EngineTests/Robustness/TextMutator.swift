import Trace

/// Seeded mutations of an input file's text: byte edits, number swaps with
/// absurd values, and (for JSON) structural edits — drop, rename or retype a
/// key — then truncation. Every mutation is a function of the seed alone.
struct TextMutator {
  /// Number spellings that stress parsers and arithmetic.
  static let absurdNumbers = [
    "0", "-0", "-1", "1e999", "-1e999", "1e308", "NaN", "nan", "inf", "0.5", "1.5", "-3.25",
    "99999999999999999999999", "18446744073709551616", "9223372036854775807",
    "-9223372036854775808", "1099511627776", "1e-320", "2", "1048576",
  ]

  var random: SplitMix64

  /// `text` after one to three mutations.
  mutating func mutate(_ text: String, json: Bool) -> String {
    var current = text
    for _ in 0...random.index(3) { current = mutateOnce(current, json: json) }
    return current
  }

  mutating func mutateOnce(_ text: String, json: Bool) -> String {
    let choice = random.index(json ? 10 : 7)
    switch choice {
    case 0: return edit(text) { bytes, r in bytes.removeSubrange(r) }
    case 1:
      return edit(text) { bytes, r in bytes.insert(contentsOf: Array(bytes[r]), at: r.lowerBound) }
    case 2: return swapBytes(text)
    case 3, 4: return replaceNumber(text)
    case 5: return truncate(text)
    case 6: return insertJunk(text)
    default: return mutateStructure(text)
    }
  }

  private mutating func edit(_ text: String, _ change: (inout [UInt8], Range<Int>) -> Void)
    -> String
  {
    var bytes = Array(text.utf8)
    guard !bytes.isEmpty else { return text }
    let start = random.index(bytes.count)
    let end = min(bytes.count, start + 1 + random.index(8))
    change(&bytes, start..<end)
    return String(decoding: bytes, as: UTF8.self)
  }

  private mutating func swapBytes(_ text: String) -> String {
    var bytes = Array(text.utf8)
    guard bytes.count > 1 else { return text }
    bytes.swapAt(random.index(bytes.count), random.index(bytes.count))
    return String(decoding: bytes, as: UTF8.self)
  }

  private mutating func truncate(_ text: String) -> String {
    let bytes = Array(text.utf8)
    return String(decoding: bytes.prefix(random.index(bytes.count + 1)), as: UTF8.self)
  }

  private mutating func insertJunk(_ text: String) -> String {
    var bytes = Array(text.utf8)
    let junk: [[UInt8]] = [[0], [0xFF, 0xFE], Array("\u{202E}".utf8), [0x0A], Array("\"".utf8)]
    bytes.insert(contentsOf: random.pick(junk), at: random.index(bytes.count + 1))
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Replaces one run of digits (with its sign, fraction and exponent) by an
  /// absurd number.
  private mutating func replaceNumber(_ text: String) -> String {
    let bytes = Array(text.utf8)
    var runs: [Range<Int>] = []
    var i = 0
    func isNumberByte(_ b: UInt8) -> Bool {
      (b >= 0x30 && b <= 0x39) || b == 0x2E || b == 0x65 || b == 0x45 || b == 0x2D || b == 0x2B
    }
    while i < bytes.count {
      if bytes[i] >= 0x30 && bytes[i] <= 0x39 {
        var start = i
        if start > 0, bytes[start - 1] == 0x2D { start -= 1 }
        while i < bytes.count, isNumberByte(bytes[i]) { i += 1 }
        runs.append(start..<i)
      } else {
        i += 1
      }
    }
    guard !runs.isEmpty else { return text }
    var out = bytes
    out.replaceSubrange(random.pick(runs), with: Array(random.pick(Self.absurdNumbers).utf8))
    return String(decoding: out, as: UTF8.self)
  }

  /// Parses JSON and drops, renames or retypes one member or item; text
  /// that does not parse is returned as it is.
  private mutating func mutateStructure(_ text: String) -> String {
    guard let value = try? JSONParser.parse(text, file: nil) else { return text }
    var count = 0
    Self.countNodes(value, &count)
    var target = random.index(count)
    let action = random.index(3)
    let replacement = random.pick([
      JSONValue.string("x"), .string(""), .bool(true), .null, .array([]), .object([]),
      .string("<script>alert(1)</script>"), .array([.string("1")]),
    ])
    let mutated = rewrite(value, &target, action: action, replacement: replacement)
    return JSONFormat.text(mutated)
  }

  static func countNodes(_ value: JSONValue, _ count: inout Int) {
    count += 1
    switch value {
    case .array(let items): for item in items { countNodes(item, &count) }
    case .object(let members): for member in members { countNodes(member.value, &count) }
    default: break
    }
  }

  /// Walks in pre-order; when `target` reaches 0 at an object member, that
  /// member is dropped (action 0), renamed (1) or replaced (2).
  private mutating func rewrite(
    _ value: JSONValue, _ target: inout Int, action: Int, replacement: JSONValue
  ) -> JSONValue {
    target -= 1
    switch value {
    case .object(let members):
      var out: [(key: String, value: JSONValue)] = []
      for member in members {
        if target == 0 {
          target = -1
          switch action {
          case 0: continue
          case 1: out.append((member.key + "s", member.value))
          default: out.append((member.key, replacement))
          }
          continue
        }
        out.append(
          (member.key, rewrite(member.value, &target, action: action, replacement: replacement)))
      }
      return .object(out)
    case .array(let items):
      var out: [JSONValue] = []
      for item in items {
        if target == 0 {
          target = -1
          if action == 0 { continue }
          out.append(replacement)
          continue
        }
        out.append(rewrite(item, &target, action: action, replacement: replacement))
      }
      return .array(out)
    default:
      return value
    }
  }
}
