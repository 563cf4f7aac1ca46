import Engine
import Testing
import Trace

/// Measurements CSV: each bad cell names the line and column.
@Suite struct MeasurementsCSVBadValueTests {
  static let header = "metric,value,prompt,generate,batch,weights"

  static let cases: [(String, String)] = [
    ("", "m.csv: empty measurements file"),
    (header + "\n", "m.csv: no measurements: the file has a header but no rows"),
    ("metric,value,prompt\nttft_ms,1,2\n", "m.csv: line 1: missing column 'generate'"),
    (
      "metric,valeu,prompt,generate\n",
      "m.csv: line 1, column 2: unknown column (got 'valeu'; expected one of metric, value, prompt, generate, weights, kv, batch, model, activations, runtime, flash_attn, depth); did you mean 'value'?"
    ),
    (
      "metric,value,prompt,generate,value\n",
      "m.csv: line 1, column 5: duplicate column (got 'value')"
    ),
    (
      header + "\nttft_ms,10,512,0,1\n",
      "m.csv: line 2: wrong number of fields (got 5; expected 6, one per header column)"
    ),
    (
      header + "\nttft,10,512,0,1,fp16\n",
      "m.csv: line 2, column metric: unknown metric (got 'ttft'"
    ),
    (
      header + "\nttft_ms,abc,512,0,1,fp16\n",
      "m.csv: line 2, column value: not a number (got 'abc'"
    ),
    (
      header + "\nttft_ms,nan,512,0,1,fp16\n",
      "m.csv: line 2, column value: not a number (got 'nan'"
    ),
    (
      header + "\nttft_ms,1e999,512,0,1,fp16\n",
      "m.csv: line 2, column value: not a finite number (got '1e999'"
    ),
    (
      header + "\nttft_ms,inf,512,0,1,fp16\n",
      "m.csv: line 2, column value: not a number (got 'inf'"
    ),
    (
      header + "\nttft_ms,-5,512,0,1,fp16\n",
      "m.csv: line 2, column value: negative value (got '-5'"
    ),
    (
      header + "\nttft_ms,0,512,0,1,fp16\n",
      "m.csv: line 2, column value: value must be positive (got '0'"
    ),
    (header + "\nttft_ms,10,,0,1,fp16\n", "m.csv: line 2, column prompt: empty value"),
    (
      header + "\nttft_ms,10,-1,0,1,fp16\n",
      "m.csv: line 2, column prompt: out of range (got '-1'; expected an integer ≥ 0)"
    ),
    (
      header + "\nttft_ms,10,1.5,0,1,fp16\n",
      "m.csv: line 2, column prompt: not an integer (got '1.5'"
    ),
    (
      header + "\nttft_ms,10,99999999999999999999,0,1,fp16\n",
      "m.csv: line 2, column prompt: integer too large (got '99999999999999999999'"
    ),
    (
      header + "\nttft_ms,10,512,0,0,fp16\n",
      "m.csv: line 2, column batch: out of range (got '0'; expected an integer ≥ 1)"
    ),
    (
      header + "\nttft_ms,10,0,0,1,fp16\n",
      "m.csv: line 2, column prompt: a ttft_ms row needs a prompt"
    ),
    (
      header + "\ntpot_ms,10,512,0,1,fp16\n",
      "m.csv: line 2, column generate: a tpot_ms row needs decode steps"
    ),
    (
      header + "\nttft_ms,10,512,0,1,int5\n",
      "m.csv: line 2, column weights: invalid value (got 'int5'"
    ),
    (header + "\nttft_ms,\"10,512,0,1,fp16\n", "m.csv: line 2"),
    ("a\u{0}b", "m.csv: not a text file"),
  ]

  @Test(arguments: cases)
  func badValue(_ text: String, _ expected: String) {
    do {
      let rows = try MeasurementsCSV.parse(text, file: "m.csv")
      Issue.record("accepted \(rows.count) rows")
    } catch {
      #expect(error.exitCode == 1)
      #expect(error.rendered.hasPrefix("error: " + expected), "\(error.rendered)")
    }
  }

  @Test func missingFileAndDirectory() {
    #expect(throws: LifeError.file("/nonexistent/m.csv", path: nil, "no such file")) {
      try MeasurementsCSV.read(path: "/nonexistent/m.csv")
    }
    #expect(throws: LifeError.file("/tmp", path: nil, "is a directory", expected: "a file")) {
      try MeasurementsCSV.read(path: "/tmp")
    }
  }
}
