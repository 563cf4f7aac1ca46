import Foundation
import Trace

/// llama-bench's own output as measurements: `-o csv`, `-o json`,
/// `-o jsonl` and the `-o md` table, of every version since August 2023
/// (field lists by version: docs/calibration.md). Lines its libraries print
/// before (and between) the results, such as `ggml_cuda_init: found 1 CUDA
/// devices`, are skipped.
enum LlamaBenchOutput {
  /// The text as UTF-8 bytes and where each line starts.
  struct Lines {
    /// The bytes, without a leading byte-order mark.
    var bytes: [UInt8]
    /// The byte offset each line starts at; line i (0-based) is 1-based
    /// line i + 1.
    var starts: [Int]

    init(_ text: String) {
      var bytes = Array(text.utf8)
      if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
      var starts = [0]
      for (i, b) in bytes.enumerated() where b == 0x0A { starts.append(i + 1) }
      if starts.last == bytes.count && starts.count > 1 { starts.removeLast() }
      self.bytes = bytes
      self.starts = starts
    }

    /// How many lines there are.
    var count: Int { starts.count }

    /// Line `i` (0-based), without its line break, trimmed of spaces and
    /// tabs.
    func text(_ i: Int) -> String {
      let end = i + 1 < starts.count ? starts[i + 1] : bytes.count
      return String(decoding: bytes[starts[i]..<end], as: UTF8.self)
        .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The 0-based line holding byte `offset`.
    func line(holding offset: Int) -> Int {
      var lo = 0
      var hi = starts.count - 1
      while lo < hi {
        let mid = (lo + hi + 1) / 2
        if starts[mid] <= offset { lo = mid } else { hi = mid - 1 }
      }
      return lo
    }
  }

  /// The measurements in `text`, read as `format` from 0-based line `start`
  /// (the header or the first JSON value); `runtime`, when given, replaces
  /// the runtime the output's backends imply.
  static func parse(
    _ text: String, format: MeasurementsFormat, start: Int, file: String?, runtime: String?
  ) throws(LifeError) -> [Measurement] {
    let lines = Lines(text)
    let records: [LlamaBenchRecord]
    switch format {
    case .benchCSV: records = try csvRecords(lines, from: start, file: file)
    case .benchMarkdown: records = try markdownRecords(lines, from: start, file: file)
    default: records = try jsonRecords(lines, from: start, file: file)
    }
    guard !records.isEmpty else {
      throw LifeError.file(
        file, path: nil, "no measurements: the \(format.rawValue) output has no test results",
        expected: "at least one test")
    }
    return try measurements(records, file: file, runtime: runtime)
  }

  /// Whether CSV header names are llama-bench's: they include `n_prompt`,
  /// `n_gen` and `avg_ts`.
  static func isCSVHeader(_ names: [String]) -> Bool {
    names.contains("n_prompt") && names.contains("n_gen") && names.contains("avg_ts")
  }

  /// A line's comma-separated names, unquoted, trimmed and in lower case
  /// (enough to recognise a header; rows are read by ``CSVTable``).
  static func csvNames(_ line: String) -> [String] {
    line.split(separator: ",", omittingEmptySubsequences: false).map {
      $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(
        in: CharacterSet(charactersIn: "\"")
      )
      .lowercased()
    }
  }
}
