import Foundation
import Trace

/// The files of a comparison (`life compare`, or a scenario's `compare`
/// list): compare.csv and compare.html, each written whole or not at all.
package enum CompareFiles {
  /// compare.csv.
  package static let csv = "compare.csv"
  /// compare.html.
  package static let html = "compare.html"

  /// Writes compare.csv and compare.html for `rows` into `directory` (which
  /// must exist); returns their paths.
  @discardableResult
  package static func write(
    _ rows: [CompareRow], title: String, directory: String
  ) throws(LifeError) -> [String] {
    let csvPath = (directory as NSString).appendingPathComponent(csv)
    let htmlPath = (directory as NSString).appendingPathComponent(html)
    try AtomicFile.write(CompareTable.csv(rows), to: csvPath)
    try AtomicFile.write(ComparePage.html(rows, title: title), to: htmlPath)
    return [csvPath, htmlPath]
  }
}
