import Engine
import Foundation
import Trace

extension CommandSpec {
  /// `life sweep`.
  static let sweep = CommandSpec(
    name: "sweep",
    abstract: "Forecast a grid of workloads and devices; write sweep.csv and SVG charts.",
    discussion: "Each --vary adds an axis; the grid is their product. NAME is a workload flag"
      + " (prompt, generate, batch, chunk, lora-rank, weights, kv, ...), a device field (tops,"
      + " bandwidth, compute-efficiency, memory-efficiency, dispatch-us) or device. Values are a"
      + " list (NAME=v1,v2) or, for numbers, a range with its end included (NAME=start:stop:step,"
      + " or NAME=start:stop:*F to multiply by F). --prompt and --device may be left out when"
      + " varied. 'life sweep --merge DIR... --out DIR' joins the outputs of --shard runs.",
    positionals: [
      PositionalSpec(
        name: "DIR", help: "shard output directories, with --merge only", minimumCount: 0,
        isRepeating: true)
    ],
    flags: [
      {
        var model = FlagSpec.model(required: false)
        model.defaultText = "required unless --merge"
        return model
      }()
    ]
      + FlagSpec.workloadFlags(promptRequired: false).map {
        var flag = $0
        if flag.name == "prompt" { flag.defaultText = "required unless prompt is varied" }
        return flag
      } + [
        .option(
          "device", "D", "the device that runs all work", values: FlagSpec.deviceValues,
          default: "required unless device is varied"),
        .overlap,
      ] + FlagSpec.deviceOverrides + [
        .option(
          "vary", "NAME=VALUES", "an axis of the grid (repeat for more axes)",
          values: "NAME=v1,v2,... or NAME=start:stop:step", repeatable: true),
        .option(
          "out", "DIR", "the output directory", values: "a directory path", required: true),
        .option(
          "heatmap", "X,Y", "chart the first prefill and decode metrics over two varied names",
          values: "two varied names, comma-separated", default: "none"),
        .option(
          "shard", "I/N", "run only the I-th of N interleaved parts of the grid",
          values: "I/N with 1 ≤ I ≤ N", default: "the whole grid"),
        .toggle("merge", "join the outputs of --shard runs given as DIR... into --out"),
      ],
    examples: [
      "sweep --model llama-2-7b --device ryzen-ai-max-395-npu --vary prompt=128:4096:*2"
        + " --vary weights=bf16,int8,int4 --out out/sweep --heatmap prompt,weights",
      "sweep --model llama-2-7b --device ./npu.json --prompt 1536 --vary tops=10:100:10"
        + " --vary bandwidth=64,128,256 --out out/roofline",
      "sweep --merge out/shard1 out/shard2 --out out/sweep",
    ])
}

extension SweepRequest {
  /// The most points one grid may have.
  static let maxPoints = 1_000_000

  /// Reads a parsed `sweep` command line.
  init(_ arguments: ParsedArguments) throws(LifeError) {
    let out = try arguments.requiredText("out")
    if arguments.isSet("merge") {
      if let other = arguments.settings.first(where: { $0.name != "merge" && $0.name != "out" }) {
        throw LifeError(
          .usage, at: .flag("--" + other.name), "not allowed with --merge",
          expected: "only shard directories and --out")
      }
      guard !arguments.positionals.isEmpty else {
        throw LifeError(
          .usage, at: .flag("--merge"), "missing argument DIR...",
          expected: "the output directories of the --shard runs")
      }
      self = .merge(shards: arguments.positionals, out: out)
      return
    }
    if let extra = arguments.positionals.first {
      throw LifeError(
        .usage, at: .flag("sweep"), "unexpected argument", got: "'\(extra)'",
        expected: "flags only (directories are taken with --merge)")
    }
    self = .grid(try SweepSpec(arguments, out: out))
  }
}

extension SweepSpec {
  /// Reads the grid flags of a parsed `sweep` command line. Axes are parsed
  /// by the engine (``SweepAxis/parse(_:flag:)``).
  init(_ arguments: ParsedArguments, out: String) throws(LifeError) {
    var axes: [SweepAxis] = []
    for text in arguments.values("vary") {
      let axis = try SweepAxis.parse(text)
      let name = axis.name.rawValue
      if axes.contains(where: { $0.name == axis.name }) {
        throw LifeError(
          .usage, at: .flag("--vary"), "'\(name)' is varied twice", got: "'\(text)'",
          expected: "one --vary per name")
      }
      if arguments.has(name) {
        throw LifeError(
          .usage, at: .flag("--vary"), "'\(name)' is both varied and given as --\(name)",
          got: "'\(text)'", expected: "one or the other")
      }
      axes.append(axis)
    }
    let varied = axes.map(\.name)
    let device = try arguments.text("device")
    if device == nil, !varied.contains(.device) {
      throw LifeError(
        .usage, at: .flag("--device"), "missing required flag",
        expected: FlagSpec.deviceValues + ", or --vary device=D1,D2")
    }
    if !arguments.has("prompt"), !varied.contains(.prompt) {
      throw LifeError(
        .usage, at: .flag("--prompt"), "missing required flag",
        expected: WorkloadOptions.expected(for: "prompt") + ", or --vary prompt=...")
    }
    var options = WorkloadOptions(prompt: 0)
    try arguments.applyWorkloadFlags(to: &options)
    var points = 1
    for axis in axes {
      let (product, overflow) = points.multipliedReportingOverflow(by: axis.values.count)
      guard !overflow, product <= SweepRequest.maxPoints else {
        throw LifeError(
          .usage, at: .flag("--vary"), "the grid is too large",
          got: overflow ? "more than \(Int.max) points" : "\(product) points",
          expected: "at most \(SweepRequest.maxPoints) points")
      }
      points = product
    }
    self.init(
      model: try arguments.requiredText("model"), device: device, options: options,
      overlap: try arguments.choice("overlap", Overlap.self) ?? .op,
      overrides: try arguments.deviceOverrides(), grid: try SweepGrid(axes: axes), out: out,
      heatmap: try Self.heatmap(arguments.text("heatmap"), varied: varied),
      shard: try arguments.text("shard").map { (text) throws(LifeError) in
        try SweepShard.parse(text)
      })
  }

  private static func heatmap(_ text: String?, varied: [SweepAxis.Name]) throws(LifeError)
    -> Heatmap?
  {
    guard let text else { return nil }
    let names = text.split(separator: ",", omittingEmptySubsequences: false).map {
      $0.trimmingCharacters(in: .whitespaces).lowercased()
    }
    guard names.count == 2, names[0] != names[1] else {
      throw LifeError(
        .usage, at: .flag("--heatmap"), "expected two different names", got: "'\(text)'",
        expected: "X,Y, two of the varied names")
    }
    let variedNames = varied.map(\.rawValue)
    var chosen: [SweepAxis.Name] = []
    for name in names {
      guard let axis = SweepAxis.Name(rawValue: name), varied.contains(axis) else {
        throw LifeError(
          .usage, at: .flag("--heatmap"), "'\(name)' is not varied", got: "'\(text)'",
          expected: variedNames.isEmpty
            ? "two names given to --vary" : "two of " + variedNames.joined(separator: ", "),
          suggestion: DidYouMean.suggest(name, among: variedNames))
      }
      chosen.append(axis)
    }
    return Heatmap(x: chosen[0], y: chosen[1])
  }
}
