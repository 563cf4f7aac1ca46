import Engine
import Trace

/// The files of `life validate --out DIR`, one output set
/// (``OutputTransaction``): validation.csv and validation.html.
package enum ValidationOutputs {
  /// validation.csv.
  package static let table = "validation.csv"
  /// validation.html.
  package static let page = "validation.html"
  /// Every name the set may hold.
  package static let names = [table, page]

  /// Writes both files into `transaction`'s set (the caller commits);
  /// returns their paths.
  package static func write(
    _ validation: Validation, summary: ValidationSummary, in transaction: OutputTransaction
  ) throws(LifeError) -> [String] {
    try AtomicFile.write(ValidationTable.csv(validation), name: table, in: transaction)
    try AtomicFile.write(
      ValidationPage.html(validation, summary: summary), name: page, in: transaction)
    return names.map(transaction.path)
  }
}
