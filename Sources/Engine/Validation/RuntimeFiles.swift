import Foundation
import Trace

/// Writes fitted runtimes as runtime JSON files (`NAME.json`): the fitted
/// classes as `classes`, the figures they were fitted from as `priors`, and
/// for each fitted class a `sources` entry saying what it was fitted to.
package enum RuntimeFiles {
  /// Writes each runtime of `runtimes` to `directory` (created when
  /// missing); returns the paths in name order.
  package static func write(
    _ runtimes: [String: Runtime], classes: [RuntimeFit.ClassResult], to directory: String
  ) throws(LifeError) -> [String] {
    do {
      try FileManager.default.createDirectory(
        atPath: directory, withIntermediateDirectories: true)
    } catch {
      throw LifeError.file(
        directory, path: nil, "cannot create the directory",
        got: error.localizedDescription)
    }
    var paths: [String] = []
    for name in runtimes.keys.sorted() {
      guard var runtime = runtimes[name] else { continue }
      for c in classes where c.runtime == name {
        runtime.sources["fit." + c.key] = provenance(c)
      }
      let path = (directory as NSString).appendingPathComponent(name + ".json")
      try AtomicFile.write(JSONFormat.text(runtime.jsonValue), to: path)
      paths.append(path)
    }
    return paths
  }

  /// What a fitted class's `sources` entry says.
  static func provenance(_ c: RuntimeFit.ClassResult) -> String {
    "fitted by `life validate --write-runtimes` to \(c.rows) rows of the bundled corpus"
      + " (traces/measurements/corpus.csv) from \(c.devices.count) devices ("
      + c.devices.joined(separator: ", ") + ") and \(c.sources.count) sources ("
      + c.sources.joined(separator: ", ") + "); median error "
      + String(format: "%.1f", c.before) + " % at the priors, "
      + String(format: "%.1f", c.after) + " % fitted (in sample)"
  }
}
