import Engine
import Trace

/// About how many bytes a run's timeline will take, known before the run:
/// `simulate` refuses a timeline beyond ``limitBytes`` unless forced, so a
/// million traced steps (hundreds of gigabytes) is a question up front, not
/// a full disk an hour later.
///
/// The figures are measured on LIFE's own timelines (Llama-2-7B, Mixtral
/// 8x7B and Llama-3.1-8B scenarios, 64 steps, every step traced): 830–900
/// bytes per operator in `op` detail, 14–21 in `layer` detail, and about
/// 770 bytes per pass for the request slices and counters drawn for every
/// pass; each is rounded up here. gzip shrinks these timelines 6–26×; the
/// estimate counts a quarter. The Perfetto protobuf format takes 35–37% of
/// the JSON's bytes (docs/performance.md); the estimate counts 40%.
package enum TimelineEstimate {
  /// The largest timeline `simulate` writes without `--force`: 4 GiB.
  package static let limitBytes = 4 << 30
  /// Bytes per operator drawn in `op` detail.
  static let bytesPerOperator = 1000.0
  /// Bytes per operator drawn in `layer` detail.
  static let bytesPerLayerOperator = 25.0
  /// Bytes per pass drawn at any detail (request slices, counters).
  static let bytesPerPass = 1000.0
  /// Bytes per event under the automatic selection's budget.
  static let bytesPerBudgetEvent = 300.0
  /// What gzip is counted to keep.
  static let gzipFactor = 0.25
  /// What the Perfetto format is counted to take of the JSON's bytes.
  static let perfettoFactor = 0.4

  /// The estimated size of `workload`'s timeline written with `options`.
  package static func bytes(_ workload: Workload, options: OutputOptions) -> Double {
    guard options.timeline else { return 0 }
    let o = workload.options
    let prefill = workload.prefillPasses
    let decodeSteps = o.generate
    func count(_ pass: PassInfo) -> Double {
      var records: [OpRecord] = []
      workload.records(of: pass, into: &records)
      return Double(records.count)
    }
    let prefillRecords = prefill.first.map { count($0) * Double(prefill.count) } ?? 0
    let stepRecords = decodeSteps > 0 ? count(workload.decodePass(step: 1)) : 0
    let traced: Double
    switch options.steps.rule {
    case .all, .automatic: traced = Double(decodeSteps)
    case .predicate(let chosen):
      var n = 0
      if decodeSteps > 0 { for step in 1...decodeSteps where chosen(step) { n += 1 } }
      traced = Double(n)
    }
    let perOperator: Double
    switch options.detail {
    case .op: perOperator = bytesPerOperator
    case .layer: perOperator = bytesPerLayerOperator
    case .step: perOperator = 0
    }
    var detail = (prefillRecords + traced * stepRecords) * perOperator
    if case .automatic = options.steps.rule {
      detail = min(detail, Double(options.eventBudget) * bytesPerBudgetEvent)
    }
    let total = detail + Double(prefill.count + decodeSteps) * bytesPerPass
    switch options.format {
    case .json: return options.gzip ? total * gzipFactor : total
    case .perfetto: return total * perfettoFactor
    }
  }

  /// `4.3 GB`, `512 MB`: for messages.
  package static func text(_ bytes: Double) -> String {
    if bytes >= 1e12 { return Format.fixed(bytes / 1e12, decimals: 1) + " TB" }
    if bytes >= 1e9 { return Format.fixed(bytes / 1e9, decimals: 1) + " GB" }
    return Format.fixed(bytes / 1e6, decimals: 0) + " MB"
  }
}
