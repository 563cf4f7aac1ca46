import Trace

extension CommandSpec {
  /// `life compare`.
  static let compare = CommandSpec(
    name: "compare",
    abstract: "Put finished runs side by side: one timeline, a comparison table and report.",
    discussion: "Each RUN_DIR is an output directory of 'life simulate'. Writes timeline.json,"
      + " compare.csv and compare.html into --out.",
    positionals: [
      PositionalSpec(
        name: "RUN_DIR", help: "run directories written by 'life simulate'", minimumCount: 2,
        isRepeating: true)
    ],
    flags: [
      .option("out", "DIR", "the output directory", values: "a directory path", required: true)
    ],
    examples: ["compare out/hybrid out/all-igpu out/all-npu --out out/compare"])
}

extension CompareRequest {
  /// Reads a parsed `compare` command line.
  init(_ arguments: ParsedArguments) throws(LifeError) {
    self.init(runs: arguments.positionals, out: try arguments.requiredText("out"))
  }
}
