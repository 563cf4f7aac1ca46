import Engine
import Testing
import Trace

@testable import LifeCLI

/// `life serve` and the speculative flags: what a command line parses into,
/// and the usage errors.
@Suite struct ServeParsingTests {
  private func call(_ line: String) -> RecordingRunner.Call? {
    let result = CommandResult.run(line.split(separator: " ").map(String.init))
    #expect(result.code == 0, "stderr: \(result.err)")
    return result.call
  }

  private func error(_ line: String) -> String {
    let result = CommandResult.run(line.split(separator: " ").map(String.init))
    #expect(result.code == 2 && result.out.isEmpty && result.call == nil, "\(line)")
    return result.err
  }

  @Test func serveWithGeneratedRequests() {
    let line =
      "serve --model llama-3.2-1b --device h100-sxm --rate 4 --count 20 --prompt uniform:64-512"
      + " --generate 32 --seed 3 --max-batch 8 --token-budget 1024 --weights int4 --chunk 256"
      + " --slo-ttft-ms 200 --out out"
    guard case .serve(let serve) = call(line) else {
      Issue.record("no serve request")
      return
    }
    #expect(serve.model == "llama-3.2-1b" && serve.device == "h100-sxm" && serve.out == "out")
    #expect(
      serve.serve.map(\.option) == [
        .rate, .count, .prompt, .generate, .seed, .maxBatch, .tokenBudget, .sloTtftMs,
      ])
    // --prompt and --generate are the requests' here, not workload options.
    #expect(serve.workload.map(\.option) == [.weights, .chunk])
    #expect(serve.scenario == nil && serve.speculative == nil)
  }

  @Test func forecastWithSpeculation() {
    let line =
      "forecast --model llama-3.1-8b --device rtx-4090 --prompt 64 --generate 8"
      + " --draft-model llama-3.2-1b --draft-tokens 3 --acceptance 0.9,0.8,0.7"
    guard case .forecast(let forecast) = call(line) else {
      Issue.record("no forecast request")
      return
    }
    #expect(
      forecast.speculative
        == SpeculativeFlags(
          model: "llama-3.2-1b", device: nil, tokens: 3, acceptance: [0.9, 0.8, 0.7]))
  }

  @Test func usageErrors() {
    let base = "forecast --model llama-3.1-8b --device rtx-4090 --prompt 64"
    #expect(
      error(base + " --draft-tokens 4")
        == "error: --draft-tokens: needs --draft-model (expected --draft-model M with --draft-tokens K and --acceptance A)\n"
    )
    #expect(
      error(base + " --draft-model llama-3.2-1b --acceptance 0.5")
        == "error: --draft-tokens: missing required flag (expected an integer in [1, 64] with --draft-model)\n"
    )
    #expect(
      error(base + " --draft-model llama-3.2-1b --draft-tokens 4 --acceptance 0.5,0.4")
        == "error: --acceptance: the acceptance list has 2 values for 4 draft tokens (got '0.5,0.4'; expected one rate, or 4 (one per draft token))\n"
    )
    #expect(
      error(base + " --draft-model llama-3.2-1b --draft-tokens 4 --acceptance 1.5")
        == "error: --acceptance: an acceptance rate out of range (got '1.5'; expected a probability in [0, 1], or K comma-separated ones (one per draft position))\n"
    )
    #expect(
      error("serve --device h100-sxm --rate 1 --count 1 --prompt 8 --out o")
        == "error: --model: missing required flag (expected a preset name from 'life models' or a config.json path (or a scenario file))\n"
    )
    #expect(
      error("serve s.json --device h100-sxm --out o")
        == "error: --device: given with a scenario file (expected the scenario's devices, mapping and speculative section)\n"
    )
    #expect(
      error("serve --model m --device d --out o --rate x").hasPrefix("error: --rate: not a number"))
    #expect(
      error("serve --model m --device d --out o --promt 5").contains("did you mean '--prompt'?"))
  }
}
