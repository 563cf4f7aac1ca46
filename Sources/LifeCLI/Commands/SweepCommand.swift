import Engine
import Foundation
import Trace

/// `life sweep`: a grid (or one shard of it) of forecasts, or `--merge` of
/// sharded grids.
indirect enum SweepCommand: Subcommand, Equatable {
  static let spec = CommandSpec(
    name: "sweep",
    abstract: "Forecast a grid of workloads and devices; write sweep.csv and SVG charts.",
    discussion: "Each --vary adds an axis; the grid is their product. NAME is a workload flag"
      + " (prompt, generate, batch, chunk, lora-rank, weights, kv, ...), a device field (tops,"
      + " bandwidth, compute-efficiency, memory-efficiency, dispatch-us, power-cap), device,"
      + " runtime or model. Values are a list (NAME=v1,v2) or, for numbers, a range with its end"
      + " included (NAME=start:stop:step, or NAME=start:stop:*F to multiply by F). --model,"
      + " --prompt and --device may be left out when varied. sweep.csv ends with a fits column"
      + " (whether the workload fits in the device's memory). 'life sweep --merge DIR... --out DIR' joins the outputs of --shard runs.",
    positionals: [
      PositionalSpec(
        name: "DIR", help: "shard output directories, with --merge only", minimumCount: 0,
        isRepeating: true)
    ],
    flags: [
      {
        var model = FlagSpec.model(required: false)
        model.defaultText = "required unless --merge or model is varied"
        return model
      }(),
      .family,
    ]
      + FlagSpec.workloadFlags(promptRequired: false).map {
        var flag = $0
        if flag.name == "prompt" { flag.defaultText = "required unless prompt is varied" }
        return flag
      } + [
        .option(
          "device", "D", "the device that runs all work", values: FlagSpec.deviceValues,
          default: "required unless device is varied"),
        .overlap, .runtime,
      ] + FlagSpec.deviceOverrides + [
        .option(
          "vary", "NAME=VALUES", "an axis of the grid (repeat for more axes)",
          values: "NAME=v1,v2,... or NAME=start:stop:step", repeatable: true),
        .option(
          "out", "DIR", "the output directory", values: "a directory path", required: true),
        .option(
          "heatmap", "X,Y", "chart prefill tc/tm, decode TPOT and tok/s over two varied names",
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

  /// Run (a shard of) a grid.
  case grid(SweepSpec)
  /// `--merge DIR...`: join the shards' outputs into one.
  case merge(shards: [String], out: String)

  init(_ arguments: ParsedArguments) throws(LifeError) {
    let out = try arguments.requiredText("out")
    if arguments.isSet("merge") {
      if let other = arguments.settings.first(where: { $0.name != "merge" && $0.name != "out" }) {
        throw LifeError.usage(
          .argument("--" + other.name), "not allowed with --merge",
          expected: "only shard directories and --out")
      }
      guard !arguments.positionals.isEmpty else {
        throw LifeError.usage(
          .parameter(.merge), "missing argument DIR...",
          expected: "the output directories of the --shard runs")
      }
      self = .merge(shards: arguments.positionals, out: out)
      return
    }
    if let extra = arguments.positionals.first {
      throw LifeError.usage(
        .argument("sweep"), "unexpected argument", got: "'\(extra)'",
        expected: "flags only (directories are taken with --merge)")
    }
    self = .grid(try SweepSpec(arguments, out: out))
  }

  /// The grid into `DIR/sweep.csv` and charts, or the merged shards.
  func run(console: Console) throws(LifeError) {
    switch self {
    case .merge(let shards, let out):
      let transaction = try OutputTransaction(
        directory: out, owned: [SweepCSV.fileName],
        inputs: shards + shards.map(SweepMerge.csvPath))
      do throws(LifeError) {
        let path = try SweepMerge.write(shards, in: transaction)
        try transaction.commit()
        console.print("wrote \(path)")
      } catch {
        transaction.discard()
        throw error
      }
    case .grid(let spec):
      try spec.run(console: console)
    }
  }
}
