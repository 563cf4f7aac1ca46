import Trace

/// The interned strings of one Perfetto packet sequence: event names,
/// categories, debug-annotation (argument) names and string values, each
/// numbered from 1
/// in order of first use, so the bytes depend only on the events. Entries
/// not yet written wait in ``pending`` and go out in the next packet,
/// before any packet that uses them. Each table holds at most
/// ``maxEntries``; names beyond that are written inline.
final class PerfettoInterner {
  /// The most entries one table holds.
  static let maxEntries = 1 << 16

  /// `InternedData` fields not yet written.
  @exclusivity(unchecked) private(set) var pending = ByteText(capacity: 1024)
  private var names: [ByteKey: UInt64] = [:]
  /// Recent event names by a cheap hash of their bytes: a shortcut to
  /// ``names`` for the name of every operator.
  @exclusivity(unchecked) private var recentNames = [RecentName?](
    repeating: nil, count: PerfettoInterner.recentSlots)
  private static let recentSlots = 4096

  private struct RecentName {
    var quoted: [UInt8]
    var iid: UInt64
  }
  private var categories: [ByteKey: UInt64] = [:]
  private var argNames: [String: UInt64] = [:]
  private var stringValues: [ByteKey: UInt64] = [:]
  /// Argument names by the address of their literal: a shortcut to
  /// ``argNames`` (the numbering itself follows the text).
  private var argLiterals: [UInt: UInt64] = [:]

  /// Whether entries wait to be written.
  var hasPending: Bool { pending.count > 0 }

  /// Forgets the pending entries (after they were written).
  func clearPending() { pending.removeAll() }

  /// The iid of the event name whose JSON string literal is `quoted`; nil
  /// when the table is full.
  func name(quoted: [UInt8]) -> UInt64? {
    // FNV-1a over the bytes picks the slot.
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in quoted { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
    let slot = Int(truncatingIfNeeded: hash) & (Self.recentSlots - 1)
    if let recent = recentNames[slot], recent.quoted == quoted { return recent.iid }
    let iid = intern(ByteKey(quoted), in: &names, field: PerfettoField.Interned.eventNames)
    if let iid { recentNames[slot] = RecentName(quoted: quoted, iid: iid) }
    return iid
  }

  /// The iid of the category whose JSON string literal is `quoted`; nil
  /// when the table is full.
  func category(quoted: [UInt8]) -> UInt64? {
    intern(ByteKey(quoted), in: &categories, field: PerfettoField.Interned.eventCategories)
  }

  /// The iid of an argument name (always interned: names are literals of
  /// the writer, a closed set).
  func argName(_ literal: StaticString) -> UInt64 {
    let address = UInt(bitPattern: literal.utf8Start)
    if let iid = argLiterals[address] { return iid }
    let iid = argName(text: literal.withUTF8Buffer { String(decoding: $0, as: UTF8.self) })
    argLiterals[address] = iid
    return iid
  }

  /// The iid of an argument name given as text (always interned; the
  /// names a comparison copies come from LIFE's own timelines, each event
  /// checked and of bounded size).
  func argName(text: String) -> UInt64 {
    if let known = argNames[text] { return known }
    let iid = UInt64(argNames.count + 1)
    argNames[text] = iid
    appendEntry(PerfettoField.Interned.debugAnnotationNames, iid: iid, text: text)
    return iid
  }

  /// The iid of an argument's string value (UTF-8 bytes); nil when the
  /// table is full.
  func stringValue(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64? {
    let key = ByteKey(Array(bytes))
    if let iid = stringValues[key] { return iid }
    guard stringValues.count < Self.maxEntries else { return nil }
    let iid = UInt64(stringValues.count + 1)
    stringValues[key] = iid
    var entry = ByteText(capacity: bytes.count + 12)
    entry.appendVarintField(PerfettoField.Interned.iid, iid)
    entry.appendBytesField(PerfettoField.Interned.name, bytes)
    pending.appendMessageField(PerfettoField.Interned.debugAnnotationStringValues, entry)
    return iid
  }

  private func intern(_ quoted: ByteKey, in table: inout [ByteKey: UInt64], field: UInt64)
    -> UInt64?
  {
    if let iid = table[quoted] { return iid }
    guard table.count < Self.maxEntries else { return nil }
    let iid = UInt64(table.count + 1)
    table[quoted] = iid
    appendEntry(field, iid: iid, text: Self.unquoted(quoted.bytes))
    return iid
  }

  private func appendEntry(_ field: UInt64, iid: UInt64, text: String) {
    var entry = ByteText(capacity: text.utf8.count + 12)
    entry.appendVarintField(PerfettoField.Interned.iid, iid)
    entry.appendStringField(PerfettoField.Interned.name, text)
    pending.appendMessageField(field, entry)
  }

  /// The text of a JSON string literal.
  static func unquoted(_ quoted: [UInt8]) -> String {
    if case .string(let text)? = try? JSONParser.parse(quoted, file: nil) { return text }
    return String(decoding: quoted, as: UTF8.self)
  }
}

/// Bytes as a dictionary key, hashed in one pass (an array of bytes
/// hashes byte by byte).
struct ByteKey: Hashable {
  let bytes: [UInt8]

  init(_ bytes: [UInt8]) { self.bytes = bytes }

  func hash(into hasher: inout Hasher) {
    bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
  }
}
