/// Strict UTF-8 validation (RFC 3629), shared by every text reader: an
/// overlong form (`C0 AF` for `/`), a surrogate (`ED A0 80`), a code point
/// above U+10FFFF, a stray continuation byte or a sequence cut short is
/// invalid. A Latin-1 file is the usual culprit: its `é` is the lone byte
/// `E9`.
package enum UTF8Check {
  /// The offset of the first byte that does not start a well-formed UTF-8
  /// sequence, or nil when all of `bytes` is UTF-8.
  package static func firstInvalid(_ bytes: ArraySlice<UInt8>) -> Int? {
    var i = bytes.startIndex
    let end = bytes.endIndex
    while i < end {
      let b = bytes[i]
      if b < 0x80 {
        i += 1
        continue
      }
      let length = sequenceLength(bytes, at: i)
      if length == 0 { return i }
      i += length
    }
    return nil
  }

  /// The length (2–4) of the well-formed multi-byte sequence starting at
  /// `i`, or 0 when it is not one.
  @inline(__always)
  package static func sequenceLength(_ bytes: ArraySlice<UInt8>, at i: Int) -> Int {
    let end = bytes.endIndex
    let b = bytes[i]
    func continuation(_ j: Int, _ low: UInt8 = 0x80, _ high: UInt8 = 0xBF) -> Bool {
      j < end && bytes[j] >= low && bytes[j] <= high
    }
    switch b {
    case 0xC2...0xDF:
      return continuation(i + 1) ? 2 : 0
    case 0xE0:
      return continuation(i + 1, 0xA0) && continuation(i + 2) ? 3 : 0
    case 0xE1...0xEC, 0xEE...0xEF:
      return continuation(i + 1) && continuation(i + 2) ? 3 : 0
    case 0xED:
      return continuation(i + 1, 0x80, 0x9F) && continuation(i + 2) ? 3 : 0
    case 0xF0:
      return continuation(i + 1, 0x90) && continuation(i + 2) && continuation(i + 3) ? 4 : 0
    case 0xF1...0xF3:
      return continuation(i + 1) && continuation(i + 2) && continuation(i + 3) ? 4 : 0
    case 0xF4:
      return continuation(i + 1, 0x80, 0x8F) && continuation(i + 2) && continuation(i + 3) ? 4 : 0
    default:
      return 0
    }
  }

  /// `line L, column C` of byte `offset` (columns count bytes from 1).
  package static func position(of offset: Int, in bytes: [UInt8]) -> String {
    var line = 1
    var lineStart = 0
    for i in 0..<min(offset, bytes.count) where bytes[i] == 0x0A {
      line += 1
      lineStart = i + 1
    }
    return "line \(line), column \(offset - lineStart + 1)"
  }

  /// The bad bytes at `offset`, in hex, with a hint when they look like
  /// Latin-1 or an overlong form: `byte 0xE9 (Latin-1 'é'?)`.
  package static func describe(_ bytes: [UInt8], at offset: Int) -> String {
    guard offset < bytes.count else { return "end of file" }
    let b = bytes[offset]
    var shown = [b]
    var j = offset + 1
    while j < bytes.count, shown.count < 4, bytes[j] & 0xC0 == 0x80 {
      shown.append(bytes[j])
      j += 1
    }
    if offset == 0, bytes.count >= 2,
      (b == 0xFF && bytes[1] == 0xFE) || (b == 0xFE && bytes[1] == 0xFF)
    {
      return
        "bytes 0x\(String(b, radix: 16, uppercase: true)) 0x\(String(bytes[1], radix: 16, uppercase: true)) (a UTF-16 byte-order mark)"
    }
    let hex = shown.map { "0x" + String($0, radix: 16, uppercase: true) }.joined(separator: " ")
    let label = shown.count == 1 ? "byte " : "bytes "
    if b == 0xC0 || b == 0xC1 || (b == 0xE0 && shown.count > 1 && shown[1] < 0xA0)
      || (b == 0xF0 && shown.count > 1 && shown[1] < 0x90)
    {
      return label + hex + " (an overlong encoding)"
    }
    if b == 0xED, shown.count > 1, shown[1] >= 0xA0 {
      return label + hex + " (an encoded surrogate)"
    }
    if shown.count == 1, b >= 0xA0, let scalar = Unicode.Scalar(UInt32(b)) {
      return label + hex + " (Latin-1 '\(Character(scalar))'?)"
    }
    return label + hex
  }
}
