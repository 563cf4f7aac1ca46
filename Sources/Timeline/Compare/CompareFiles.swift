import Foundation
import Trace

/// The files of a comparison (`life compare`, or a scenario's `compare`
/// list): compare.csv and compare.html, each written whole or not at all.
package enum CompareFiles {
  /// compare.csv.
  package static let csv = "compare.csv"
  /// compare.html.
  package static let html = "compare.html"

  /// Writes compare.csv and compare.html for `rows` as files of
  /// `transaction`'s set; returns their paths.
  @discardableResult
  package static func write(
    _ rows: [CompareRow], title: String, in transaction: OutputTransaction
  ) throws(LifeError) -> [String] {
    try AtomicFile.write(CompareTable.csv(rows), name: csv, in: transaction)
    try AtomicFile.write(ComparePage.html(rows, title: title), name: html, in: transaction)
    return [transaction.path(csv), transaction.path(html)]
  }
}
