import Foundation
import Trace

extension LlamaBenchOutput {
  /// The tests of `-o json` (an array of objects) and `-o jsonl` (one
  /// object per line) output from 0-based line `start`. A line that starts
  /// with `[` holds an array, one that starts with `{` an object; other lines
  /// (what the libraries print) are skipped. After a value, the rest of its
  /// line must be blank. Syntax errors (a truncated file) name the line and
  /// column.
  static func jsonRecords(_ lines: Lines, from start: Int, file: String?) throws(LifeError)
    -> [LlamaBenchRecord]
  {
    var records: [LlamaBenchRecord] = []
    var i = start
    while i < lines.count {
      let text = lines.text(i)
      let end: Int
      if isJSONArrayStart(text) {
        let array = try JSONParser.parseArrayElements(
          in: lines.bytes, at: lines.starts[i], file: file)
        for element in array.elements {
          records.append(
            try jsonRecord(element.value, line: element.line, format: .benchJSON, file: file))
        }
        end = array.end
      } else if text.hasPrefix("{") {
        let object = try JSONParser.parseValue(in: lines.bytes, at: lines.starts[i], file: file)
        records.append(try jsonRecord(object.value, line: i + 1, format: .benchJSONL, file: file))
        end = object.end
      } else {
        i += 1
        continue
      }
      i = try lineAfter(end, in: lines, file: file)
    }
    return records
  }

  /// Whether a line starts a llama-bench json array: `[` alone (as
  /// llama-bench prints it), `[]`, or `[` then an object (`[{`, `[ {`). A
  /// shell prompt (`[root@host dir]# ...`) is not one.
  static func isJSONArrayStart(_ line: String) -> Bool {
    line == "[" || line.hasPrefix("[]") || line.hasPrefix("[{") || line.hasPrefix("[ {")
  }

  /// The 0-based line after the one holding byte `end`, once the rest of
  /// that line is found blank.
  static func lineAfter(_ end: Int, in lines: Lines, file: String?) throws(LifeError) -> Int {
    let line = lines.line(holding: max(0, min(end, lines.bytes.count - 1)))
    var index = end
    while index < lines.bytes.count, lines.bytes[index] != 0x0A {
      let b = lines.bytes[index]
      guard b == 0x20 || b == 0x09 || b == 0x0D else {
        let column = index - lines.starts[line] + 1
        let rest = String(
          decoding: lines.bytes[index..<min(index + 12, lines.bytes.count)], as: UTF8.self)
        throw LifeError.file(
          file, path: "line \(line + 1), column \(column)", "text after a JSON value on its line",
          got: "'" + rest.filter { !$0.isNewline } + "'",
          expected: "the end of the line")
      }
      index += 1
    }
    return line + 1
  }

  /// One test's object as a record: strings as they are, numbers as
  /// written, booleans as `true`/`false`; nulls, arrays (`samples_ns`) and
  /// objects are left out.
  static func jsonRecord(
    _ value: JSONValue, line: Int, format: MeasurementsFormat, file: String?
  ) throws(LifeError) -> LlamaBenchRecord {
    guard case .object(let members) = value else {
      throw LifeError.file(
        file, path: "line \(line)", "not a test result", got: value.typeName,
        expected: "an object with llama-bench's fields (n_prompt, n_gen, avg_ts, ...)")
    }
    var fields: [String: String] = [:]
    for (key, member) in members {
      switch member {
      case .string(let s): fields[key.lowercased()] = s.trimmingCharacters(in: .whitespaces)
      case .number(let n): fields[key.lowercased()] = n.text
      case .bool(let b): fields[key.lowercased()] = b ? "true" : "false"
      case .null, .array, .object: continue
      }
    }
    return LlamaBenchRecord(fields: fields, line: line, format: format)
  }
}
