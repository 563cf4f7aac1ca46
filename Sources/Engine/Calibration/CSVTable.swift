import Foundation
import Trace

/// A CSV file read per RFC 4180: records of fields, each record tagged with
/// the line it starts on. Quoted fields may hold commas, doubled quotes and
/// line breaks; CRLF and LF both end records; a leading byte-order mark is
/// dropped; blank lines are skipped.
package struct CSVTable: Sendable, Equatable {
  /// One record: its fields and the 1-based line it starts on.
  package struct Record: Sendable, Equatable {
    /// The fields, unquoted.
    package var fields: [String]
    /// The 1-based line the record starts on.
    package var line: Int
  }

  /// Every non-blank record, the header included.
  package var records: [Record]

  /// Parses `text`; `file` names the source in errors.
  package init(parsing text: String, file: String?) throws(LifeError) {
    records = try CSVTable.parse(text, file: file)
  }
}

extension CSVTable {
  static func parse(_ text: String, file: String?) throws(LifeError) -> [Record] {
    var scalars = Array(text.unicodeScalars)
    if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
    if scalars.contains("\u{0}") {
      throw LifeError.file(
        file, path: nil, "not a text file: it contains binary data (a NUL byte)",
        expected: "a CSV text file")
    }
    var records: [Record] = []
    var fields: [String] = []
    var field = String.UnicodeScalarView()
    var line = 1
    var recordLine = 1
    var index = 0
    var quoted = false  // the current field was quoted
    var fieldStarted = false

    func endField() {
      fields.append(String(field))
      field = String.UnicodeScalarView()
      quoted = false
      fieldStarted = false
    }
    func endRecord() {
      endField()
      let blank = fields.count == 1 && fields[0].isEmpty
      if !blank { records.append(Record(fields: fields, line: recordLine)) }
      fields = []
    }

    while index < scalars.count {
      let c = scalars[index]
      if c == "\"" && !fieldStarted {
        // A quoted field: read to the closing quote.
        quoted = true
        fieldStarted = true
        let openLine = line
        index += 1
        var closed = false
        while index < scalars.count {
          let q = scalars[index]
          if q == "\"" {
            if index + 1 < scalars.count && scalars[index + 1] == "\"" {
              field.append("\"")
              index += 2
              continue
            }
            index += 1
            closed = true
            break
          }
          if q == "\n" { line += 1 }
          field.append(q)
          index += 1
        }
        if !closed {
          throw LifeError.file(
            file, path: "line \(openLine)", "unterminated quoted field",
            expected: "a closing '\"'")
        }
        if index < scalars.count {
          let next = scalars[index]
          if next != "," && next != "\n" && next != "\r" {
            throw LifeError.file(
              file, path: "line \(line)", "text after a closing quote",
              got: "'\(Character(next))'", expected: "',' or the end of the line")
          }
        }
        continue
      }
      switch c {
      case ",":
        endField()
        index += 1
      case "\r", "\n":
        endRecord()
        if c == "\r" && index + 1 < scalars.count && scalars[index + 1] == "\n" { index += 1 }
        index += 1
        line += 1
        recordLine = line
      case "\"":
        throw LifeError.file(
          file, path: "line \(line)", "a quote inside an unquoted field",
          expected: "the whole field in quotes, with inner quotes doubled")
      default:
        if quoted {
          throw LifeError.file(file, path: "line \(line)", "text after a closing quote")
        }
        fieldStarted = true
        field.append(c)
        index += 1
      }
    }
    if fieldStarted || !fields.isEmpty { endRecord() }
    return records
  }
}
