import Testing

@testable import LifeCLI

/// Every way a command line can be wrong: one `error:` line on stderr,
/// nothing on stdout, exit code 2, and the runner never called.
@Suite struct ParserErrorTests {
  struct Case: CustomTestStringConvertible, Sendable {
    var line: String
    var message: String
    var testDescription: String { "life " + line }
  }

  /// The subcommands, as errors list them.
  static let commands =
    "workload, forecast, simulate, serve, compare, calibrate, sweep, models, devices, runtimes,"
    + " validate"

  static let cases: [Case] = [
    // The tool and its subcommands.
    Case(
      line: "",
      message: "error: life: missing subcommand (expected one of \(commands); see 'life --help')"),
    Case(
      line: "forcast",
      message: "error: life: unknown subcommand (got 'forcast'; expected one of"
        + " \(commands)); did you mean"
        + " 'forecast'?"),
    Case(
      line: "xyzzy",
      message: "error: life: unknown subcommand (got 'xyzzy'; expected one of"
        + " \(commands))"),
    Case(
      line: "help simulat",
      message: "error: life: unknown subcommand (got 'simulat'; expected one of"
        + " \(commands)); did you mean"
        + " 'simulate'?"),
    Case(
      line: "--verison",
      message: "error: --verison: unknown flag for 'life' (expected a subcommand first, then its"
        + " flags; see 'life --help'); did you mean '--version'?"),
    Case(
      line: "--version now",
      message: "error: --version: unexpected argument (got 'now')"),
    // Unknown flags.
    Case(
      line: "workload --model m --promt 5",
      message: "error: --promt: unknown flag for 'life workload' (expected one of the flags in"
        + " 'life workload --help'); did you mean '--prompt'?"),
    Case(
      line: "workload --model m --prompt 5 --frobnicate",
      message: "error: --frobnicate: unknown flag for 'life workload' (expected one of the flags"
        + " in 'life workload --help')"),
    Case(
      line: "workload --model m --prompt 5 --device d",
      message: "error: --device: unknown flag for 'life workload' (expected one of the flags in"
        + " 'life workload --help')"),
    Case(
      line: "forecast --model m --prompt 5 -d x",
      message: "error: -d: unknown flag for 'life forecast' (expected one of the flags in"
        + " 'life forecast --help'); did you mean '--depth'?"),
    Case(
      line: "workload --model m --prompt 5 --kv-updte=concat",
      message: "error: --kv-updte: unknown flag for 'life workload' (expected one of the flags in"
        + " 'life workload --help'); did you mean '--kv-update'?"),
    // Missing values and required flags.
    Case(
      line: "workload --model m --prompt",
      message: "error: --prompt: missing value (expected an integer ≥ 0)"),
    Case(
      line: "workload --model --prompt 5",
      message: "error: --model: missing value (expected a preset name from 'life models' or a"
        + " path to a Hugging Face config.json)"),
    Case(
      line: "workload --model= --prompt 5",
      message: "error: --model: empty value (expected a preset name from 'life models' or a path"
        + " to a Hugging Face config.json)"),
    Case(
      line: "workload --prompt 5",
      message: "error: --model: missing required flag (expected a preset name from 'life models'"
        + " or a path to a Hugging Face config.json)"),
    Case(
      line: "workload --model m",
      message: "error: --prompt: missing required flag (expected an integer ≥ 0)"),
    Case(
      line: "forecast --model m --prompt 5",
      message: "error: --device: missing required flag (expected a preset name from 'life"
        + " devices' or a path to a device JSON file, or both --prefill-device and"
        + " --decode-device)"),
    Case(
      line: "forecast --model m --prompt 5 --prefill-device d",
      message: "error: --device: missing required flag (expected a preset name from 'life"
        + " devices' or a path to a device JSON file, or both --prefill-device and"
        + " --decode-device)"),
    // Bad values.
    Case(
      line: "workload --model m --prompt abc",
      message: "error: --prompt: not an integer (got 'abc'; expected an integer ≥ 0)"),
    Case(
      line: "workload --model m --prompt 1.5",
      message: "error: --prompt: not an integer (got '1.5'; expected an integer ≥ 0)"),
    Case(
      line: "workload --model m --prompt 99999999999999999999999",
      message: "error: --prompt: integer too large (got '99999999999999999999999'; expected an"
        + " integer ≥ 0)"),
    Case(
      line: "workload --model m --prompt -1",
      message: "error: --prompt: out of range (got '-1'; expected an integer ≥ 0)"),
    Case(
      line: "workload --model m --prompt 5 --batch 0",
      message: "error: --batch: out of range (got '0'; expected an integer ≥ 1)"),
    Case(
      line: "workload --model m --prompt 5 --fusion fsed",
      message: "error: --fusion: invalid value (got 'fsed'; expected eager or fused); did you"
        + " mean 'fused'?"),
    Case(
      line: "workload --model m --prompt 5 --kv bf61",
      message: "error: --kv: invalid value (got 'bf61'; expected one of fp32, fp16, bf16, fp8,"
        + " int8, int4); did you mean 'bf16'?"),
    Case(
      line: "workload --model m --prompt 5 --attention gqa:0",
      message: "error: --attention: invalid value (got 'gqa:0'; expected auto, mha, gqa:K, mqa or"
        + " mla); did you mean 'gqa:8'?"),
    Case(
      line: "forecast --model m --prompt 5 --device d --overlap phsae",
      message: "error: --overlap: invalid value (got 'phsae'; expected one of op, phase); did you"
        + " mean 'phase'?"),
    Case(
      line: "forecast --model m --prompt 5 --device d --compute-efficiency 0",
      message: "error: --compute-efficiency: out of range (got '0'; expected a number in (0, 1])"),
    Case(
      line: "forecast --model m --prompt 5 --device d --memory-efficiency 1.5",
      message: "error: --memory-efficiency: out of range (got '1.5'; expected a number in (0, 1])"),
    Case(
      line: "forecast --model m --prompt 5 --device d --compute-efficiency nan",
      message: "error: --compute-efficiency: not a number (got 'nan'; expected a number in (0,"
        + " 1])"),
    Case(
      line: "forecast --model m --prompt 5 --device d --dispatch-us inf",
      message: "error: --dispatch-us: not a number (got 'inf'; expected a number in [0,"
        + " 1000000000])"),
    Case(
      line: "forecast --model m --prompt 5 --device d --dispatch-us 1e999",
      message: "error: --dispatch-us: not a finite number (got '1e999'; expected a number in [0,"
        + " 1000000000])"),
    Case(
      line: "forecast --model m --prompt 5 --device d --dispatch-us -3",
      message: "error: --dispatch-us: out of range (got '-3'; expected a number in [0,"
        + " 1000000000])"),
    // Repeats, switches and positionals.
    Case(
      line: "workload --model m --prompt 5 --prompt 6",
      message: "error: --prompt: given more than once (got '5' and '6'; expected one value)"),
    Case(
      line: "workload --model m --prompt 5 --json --json",
      message: "error: --json: given more than once (expected it once)"),
    Case(
      line: "workload --model m --prompt 5 --json=yes",
      message: "error: --json: this flag takes no value (got 'yes')"),
    Case(
      line: "workload --model m --prompt 5 extra",
      message: "error: workload: unexpected argument (got 'extra'; expected flags only; see"
        + " 'life workload --help')"),
    Case(
      line: "simulate --out o",
      message: "error: simulate: missing argument SCENARIO.json (expected a scenario file)"),
    Case(
      line: "simulate a.json b.json --out o",
      message: "error: simulate: unexpected argument (got 'b.json'; expected SCENARIO.json and"
        + " flags)"),
    Case(
      line: "simulate a.json",
      message: "error: --out: missing required flag (expected a directory path)"),
    Case(
      line: "simulate a.json --out o --trace-detail ops",
      message: "error: --trace-detail: invalid value (got 'ops'; expected one of op, layer,"
        + " step); did you mean 'op'?"),
    Case(
      line: "simulate a.json --out o --trace-format xml",
      message: "error: --trace-format: invalid value (got 'xml'; expected json or perfetto)"),
    Case(
      line: "simulate a.json --out o --trace-format perfeto",
      message: "error: --trace-format: invalid value (got 'perfeto'; expected json or perfetto);"
        + " did you mean 'perfetto'?"),
    Case(
      line: "simulate a.json --out o --trace-steps 0-3",
      message: "error: --trace-steps: invalid step list (got '0-3'; expected auto, all, or"
        + " comma-separated steps and ranges such as 1-16,100,last (N ≥ 1, N-M with N ≤ M,"
        + " last, N-last))"),
    Case(
      line: "simulate a.json --out o --generate x",
      message: "error: --generate: not an integer (got 'x'; expected an integer ≥ 0)"),
    Case(
      line: "compare run1 --out o",
      message: "error: compare: missing argument RUN_DIR... (got 1; expected at least 2: run"
        + " directories written by 'life simulate')"),
    Case(
      line: "calibrate --model m --device d --measurements m.csv",
      message: "error: --out: missing required flag (expected a file path)"),
    Case(
      line: "calibrate --model m --device d --measurements m.csv --out o.json --fit compute,mem",
      message: "error: --fit: invalid value 'mem' (got 'compute,mem'; expected a comma-separated"
        + " list of compute, memory, dispatch, compute-curve); did you mean 'memory'?"),
    Case(
      line: "calibrate --model m --device d --measurements m.csv --out o.json --fit memory,memory",
      message: "error: --fit: 'memory' is listed twice (got 'memory,memory'; expected a"
        + " comma-separated list of compute, memory, dispatch, compute-curve)"),
    Case(
      line: "models extra",
      message: "error: models: unexpected argument (got 'extra'; expected flags only; see 'life"
        + " models --help')"),
    // Sweep.
    Case(
      line: "sweep --model m --device d --out o --vary promt=1,2",
      message: "error: --vary: unknown axis (got 'promt'; expected one of prompt, generate,"
        + " batch, weights, activations, kv, fusion, kv-update, logits, scores, embedding,"
        + " attention, nonlinear, lora-rank, lora-merge, chunk, tile, mla-form, rotation,"
        + " flash-attn, depth, tops, bandwidth, compute-efficiency, memory-efficiency,"
        + " dispatch-us, power-cap, device, runtime, model); did you mean 'prompt'?"),
    Case(
      line: "sweep --model m --device d --out o --vary prompt",
      message: "error: --vary: missing '=' (got 'prompt'; expected NAME=v1,v2,... or"
        + " NAME=start:stop:step)"),
    Case(
      line: "sweep --model m --device d --out o --vary prompt=1,x",
      message: "error: --vary prompt: not an integer (got 'x'; expected an integer ≥ 0)"),
    Case(
      line: "sweep --model m --device d --out o --vary prompt=1,,2",
      message: "error: --vary prompt: empty value (got ''; expected an integer ≥ 0)"),
    Case(
      line: "sweep --model m --device d --out o --vary prompt=10:1:1",
      message: "error: --vary prompt: empty range: stop is below start (got '10:1:1';"
        + " expected start:stop:step with step > 0 and stop ≥ start)"),
    Case(
      line: "sweep --model m --device d --out o --vary prompt=1:10:0",
      message: "error: --vary prompt: the step must be > 0 (got '1:10:0'; expected"
        + " start:stop:step with step > 0 and stop ≥ start)"),
    Case(
      line: "sweep --model m --device d --out o --vary tops=0,10",
      message: "error: --vary tops: out of range (got '0'; expected numbers in [1e-9, 1e9] (TOPS))"),
    Case(
      line: "sweep --model m --device d --out o --vary bandwidth=1e308",
      message:
        "error: --vary bandwidth: out of range (got '1e308'; expected numbers in [1e-9, 1e9] (GB/s))"
    ),
    Case(
      line: "sweep --model m --device d --out o --vary weights=int3",
      message: "error: --vary weights: invalid value (got 'int3'; expected fp32, fp16,"
        + " bf16, fp8, int8, int4, mxfp8, mxint8, mxfp4, a GGUF type (F16, BF16, Q8_0,"
        + " Q4_0, Q4_1, Q5_0, Q5_K_M, Q4_K_M, Q6_K, Q5_1, Q4_K_S, Q5_K_S, Q3_K_S, Q3_K_M, Q3_K_L,"
        + " Q2_K, IQ4_XS, IQ4_NL) or intN:gG); did you mean 'int8'?"),
    Case(
      line: "sweep --model m --device d --out o --vary prompt=1,2 --vary prompt=3",
      message: "error: --vary prompt: varied twice (expected each axis once)"),
    Case(
      line: "sweep --model m --device d --out o --prompt 5 --vary prompt=1,2",
      message: "error: --vary prompt: both varied and given as --prompt (got 'prompt=1,2';"
        + " expected one or the other)"),
    Case(
      line: "sweep --model m --out o --prompt 5 --vary batch=1,2",
      message: "error: --device: missing required flag (expected a preset name from 'life"
        + " devices' or a path to a device JSON file, or --vary device=D1,D2)"),
    Case(
      line: "sweep --model m --device d --out o --vary batch=1,2",
      message: "error: --prompt: missing required flag (expected an integer ≥ 0, or --vary"
        + " prompt=...)"),
    Case(
      line: "sweep --model m --device d --out o --prompt 5 --vary batch=1,2 --heatmap batch,kv",
      message: "error: --heatmap: 'kv' is not varied (got 'batch,kv'; expected two of batch)"),
    Case(
      line: "sweep --model m --device d --out o --prompt 5 --vary batch=1,2 --heatmap batch",
      message: "error: --heatmap: expected two different names (got 'batch'; expected X,Y, two"
        + " of the varied names)"),
    Case(
      line: "sweep --model m --device d --out o --prompt 5 --shard 3/2",
      message: "error: --shard: shard out of range (got '3/2'; expected I/N with 1 ≤ I ≤ N)"),
    Case(
      line: "sweep --model m --device d --out o --prompt 5 --vary prompt=0:2000000:1",
      message: "error: --vary prompt: range too large (got '0:2000000:1' (2000001 points);"
        + " expected at most 1000000 points)"),
    Case(
      line: "sweep --model m --device d --out o --vary prompt=1:2000:1 --vary batch=1:1000:1",
      message: "error: --vary: too many points for one run (got 2000000 of 2000000 points;"
        + " expected at most 1000000 per run: split the grid into 2 shards or more)"),
    Case(
      line: "sweep --merge a b --out o --model m",
      message: "error: --model: not allowed with --merge (expected only shard directories and"
        + " --out)"),
    Case(
      line: "sweep --merge --out o",
      message: "error: --merge: missing argument DIR... (expected the output directories of the"
        + " --shard runs)"),
    Case(
      line: "sweep --model m --device d --prompt 5 --out o stray",
      message: "error: sweep: unexpected argument (got 'stray'; expected flags only (directories"
        + " are taken with --merge))"),
  ]

  @Test(arguments: cases)
  func usageError(_ test: Case) {
    let result = CommandResult.run(test.line)
    #expect(result.code == 2)
    #expect(result.err == test.message + "\n")
    #expect(result.out.isEmpty)
    #expect(result.call == nil)
  }
}
