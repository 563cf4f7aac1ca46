import Trace

/// The software that runs a model on a device, as LIFE models it: the
/// workload accounting it implies (its defaults for fusion, flash attention,
/// micro-batch, KV update, logits; its score dtype and KV padding), the
/// kernels it launches per pass and what each launch and each pass's host
/// work cost, which peak its GEMMs and attention reach, and the
/// efficiencies it achieves on each class of device.
///
/// Runtimes are data: one JSON file per runtime in `traces/runtimes/`,
/// every figure with its source (docs/runtimes.md). `ideal` is the version 1
/// accounting: the workload options as given, the device's own dispatch
/// latency per operator, no host work.
public struct Runtime: Sendable, Equatable {
  /// The name (`llama.cpp-cuda`).
  public var name: String
  /// What it is, in a line.
  public var summary: String
  /// The device backend it runs on, when it is tied to one.
  public var backend: DeviceBackend?
  /// Its defaults for the workload options a user leaves unset.
  public var defaults: [WorkloadSetting]
  /// The accounting its kernels imply beyond the options.
  package var accounting: WorkloadAccounting
  /// The kernels it launches per pass; nil: each operator's own dispatch
  /// calls (``Runtime/ideal``).
  var kernels: KernelGraph?
  /// Which peak TOPS its GEMMs and attention reach.
  var peaks: PeakPolicy
  /// Efficiencies, launch and host costs by device class.
  var classes: [String: ClassFigures]
  /// The figures each class had from documented sources before the corpus
  /// fit (``RuntimeFit``): what a fit starts from and is pulled back to.
  /// Empty when the classes were not fitted.
  var priors: [String: ClassFigures] = [:]
  /// How far corpus measurements fell from zero-shot forecasts, by class
  /// (written by the corpus fit); empty when never measured.
  package var uncertainty: [String: ClassUncertainty] = [:]
  /// The command line that measures what a forecast predicts, with
  /// `{placeholders}`; nil where there is no such benchmark.
  var verify: VerifyTemplate?
  /// Where each figure comes from: field → citation.
  var sources: [String: String]

  /// The figures of `device`'s class: the most specific class the runtime
  /// knows (``DeviceClass/keys(of:)``), else its `default`.
  func figures(for device: Device) -> ClassFigures? {
    for key in DeviceClass.keys(of: device) {
      if let figures = classes[key] { return figures }
    }
    return classes["default"]
  }

  /// The class key `device` is timed with: the most specific key the
  /// runtime has figures for, else `default`.
  package func classKey(of device: Device) -> String {
    DeviceClass.keys(of: device).first { classes[$0] != nil } ?? "default"
  }
}
