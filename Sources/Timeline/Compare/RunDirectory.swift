import Foundation
import Trace

/// A run directory written by `life simulate`, as `life compare` reads it:
/// nothing in it is trusted. Its files are found through its
/// `manifest.json` (``OutputManifest``), so a set being replaced reads as
/// the old set or the new one; the summary's fields are type-checked
/// (``CompareRow``) and the timeline's events are checked one by one as
/// they are merged (``TimelineMerge``).
package enum RunDirectory {
  /// A run directory's comparison row and timeline path; clear errors for
  /// a missing directory or file, a summary of the wrong shape and a set
  /// that does not match its manifest. Files are found through the run's
  /// `manifest.json` (the set as a whole, even while a commit is under
  /// way); a directory without one (an older LIFE) is read as it is.
  package static func read(_ directory: String) throws(LifeError) -> (CompareRow, String) {
    var status = stat()
    guard stat(directory, &status) == 0 else {
      throw LifeError.file(
        directory, path: nil, "no such run directory",
        expected: "a directory written by 'life simulate'")
    }
    guard status.st_mode & S_IFMT == S_IFDIR else {
      throw LifeError.file(
        directory, path: nil, "not a directory", expected: "a directory written by 'life simulate'")
    }
    let manifest = try OutputManifest.read(directory: directory)
    func file(_ name: String) throws(LifeError) -> String? {
      let plain = (directory as NSString).appendingPathComponent(name)
      guard let manifest else { return FileInput.exists(plain) ? plain : nil }
      return try manifest.path(of: name, in: directory)
    }
    guard let summaryPath = try file(OutputSet.FileName.summary) else {
      throw LifeError.file(
        (directory as NSString).appendingPathComponent(OutputSet.FileName.summary), path: nil,
        "no such file", expected: "summary.json written by 'life simulate'")
    }
    let json = try JSONParser.parse(try FileInput.readBytes(summaryPath), file: summaryPath)
    let row = try CompareRow(forecast: json, run: directory, file: summaryPath)
    for name in [OutputSet.FileName.timeline, OutputSet.FileName.timelineGzip] {
      if let timeline = try file(name) { return (row, timeline) }
    }
    if let perfetto = try file(OutputSet.FileName.timelinePerfetto) {
      throw LifeError.file(
        perfetto, path: nil, "compare reads a run's JSON timeline, not its Perfetto trace",
        expected: "the run simulated again with --trace-format json (compare's own"
          + " --trace-format perfetto writes the combined timeline as timeline.pftrace)")
    }
    throw LifeError.file(
      (directory as NSString).appendingPathComponent(OutputSet.FileName.timeline), path: nil,
      "no such file", expected: "timeline.json or timeline.json.gz written by 'life simulate'")
  }
}
