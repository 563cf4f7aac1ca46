import Foundation
import Trace

/// Joins the `sweep.csv` files of shards into one, ordered by the `point`
/// column: identical headers required, no point twice, no point missing
/// between 0 and the largest. The result equals the unsharded file byte
/// for byte.
package enum SweepMerge {
  /// The merged text of `paths` (each a `sweep.csv` or a directory holding one).
  package static func merge(_ paths: [String]) throws(LifeError) -> String {
    guard !paths.isEmpty else {
      throw LifeError.usage(.parameter(.merge), "no shard directories", expected: "one or more DIR")
    }
    var header: [String]?
    var headerFile = ""
    var rows: [(point: Int, fields: [String], file: String)] = []
    for given in paths {
      let file = csvPath(given)
      let table = try CSVTable(parsing: try FileInput.readText(file), file: file)
      guard let first = table.records.first else {
        throw LifeError.file(file, path: nil, "empty sweep file", expected: "a sweep.csv header")
      }
      guard first.fields.first == "point" else {
        throw LifeError.file(
          file, path: "line \(first.line), column 1", "not a sweep.csv",
          got: "'\(first.fields.first ?? "")'",
          expected: "a first column named point")
      }
      if let header, header != first.fields {
        throw LifeError.file(
          file, path: "line \(first.line)", "header differs from \(headerFile)",
          got: "'" + first.fields.joined(separator: ",") + "'",
          expected: "'" + header.joined(separator: ",") + "' (shards of one sweep)")
      }
      if header == nil {
        header = first.fields
        headerFile = file
      }
      for record in table.records.dropFirst() {
        guard record.fields.count == first.fields.count else {
          throw LifeError.file(
            file, path: "line \(record.line)", "wrong number of fields",
            got: "\(record.fields.count)",
            expected: "\(first.fields.count)")
        }
        guard let point = Int(record.fields[0]), point >= 0 else {
          throw LifeError.file(
            file, path: "line \(record.line), column point", "not a point index",
            got: "'\(record.fields[0])'", expected: "an integer ≥ 0")
        }
        rows.append((point, record.fields, file))
      }
    }
    rows.sort { $0.point < $1.point }
    for (i, row) in rows.enumerated() {
      if i > 0 && rows[i - 1].point == row.point {
        throw LifeError.file(
          row.file, path: nil, "point \(row.point) appears twice (also in \(rows[i - 1].file))",
          expected: "disjoint shards")
      }
      if row.point != i {
        throw LifeError.file(
          row.file, path: nil, "point \(i) is missing", got: "next point \(row.point)",
          expected: "every shard of the sweep")
      }
    }
    var out = CSVFormat.line(header ?? [])
    for row in rows { out += CSVFormat.line(row.fields) }
    return out
  }

  /// Merges `paths` into `DIR/sweep.csv`; returns its path.
  @discardableResult
  package static func write(_ paths: [String], in transaction: OutputTransaction)
    throws(LifeError) -> String
  {
    let text = try merge(paths)
    try AtomicFile.write(text, name: SweepCSV.fileName, in: transaction)
    return transaction.path(SweepCSV.fileName)
  }

  package static func csvPath(_ given: String) -> String {
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: given, isDirectory: &isDirectory),
      isDirectory.boolValue
    {
      return (given as NSString).appendingPathComponent(SweepCSV.fileName)
    }
    return given
  }
}
