import Foundation
import Testing
import Trace

@testable import Engine

/// The runtimes compiled into the binary: each parses (``Runtime/named(_:)``
/// swallows a parse error, so a broken file would otherwise vanish from
/// `life runtimes` silently), matches its file in traces/runtimes/, and
/// survives its JSON form unchanged; ``Runtime/resolve(_:relativeTo:at:)``
/// takes a name or a runtime JSON path.
@Suite struct RuntimePresetTests {
  static let directory = FuzzInputs.root + "/traces/runtimes"

  @Test func everyNameParses() throws {
    #expect(!Runtime.names.isEmpty)
    for name in Runtime.names {
      let parsed = try #require(RuntimePresets.parsed[name], "\(name) not parsed")
      switch parsed {
      case .success(let runtime): #expect(runtime.name == name)
      case .failure(let error): Issue.record("runtime \(name) does not parse: \(error)")
      }
      #expect(Runtime.named(name) != nil, "Runtime.named(\(name))")
      #expect(Runtime.named(name.uppercased())?.name == name, "case-insensitive \(name)")
    }
  }

  @Test func namesAreIdealThenSorted() {
    let names = Runtime.names
    #expect(names.first == "ideal")
    #expect(Array(names.dropFirst()) == names.dropFirst().sorted())
    #expect(Set(names).count == names.count)
  }

  @Test func compiledTextMatchesTheFiles() throws {
    let files = try FileManager.default.contentsOfDirectory(atPath: Self.directory)
      .filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }
    #expect(Set(files) == Set(Runtime.names), "run scripts/gen-runtime-presets.sh")
    for (name, json) in RuntimePresets.data {
      let text = try String(contentsOfFile: Self.directory + "/\(name).json", encoding: .utf8)
      #expect(
        json == text.trimmingSuffix("\n"), "\(name): run scripts/gen-runtime-presets.sh")
    }
  }

  @Test func filesLoadAsTheirPresets() throws {
    for name in Runtime.names {
      let loaded = try Runtime.load(path: Self.directory + "/\(name).json")
      #expect(loaded == Runtime.named(name), "\(name)")
    }
  }

  @Test func jsonValueRoundTrips() throws {
    for name in Runtime.names {
      let runtime = try #require(Runtime.named(name))
      let value = runtime.jsonValue
      let back = try Runtime(node: JSONNode(value, file: "round trip"))
      #expect(back == runtime, "\(name) from its JSON value")
      let text = JSONFormat.text(value)
      let reparsed = try Runtime(node: JSONNode.parse(text, file: "round trip"))
      #expect(reparsed == runtime, "\(name) from its JSON text")
      #expect(reparsed.jsonValue == value, "\(name): JSON value stable")
    }
  }

  @Test func fittedRuntimeWithPriorsRoundTrips() throws {
    var runtime = try #require(Runtime.named("llama.cpp-cuda"))
    let key = try #require(runtime.classes.keys.sorted().first)
    runtime.priors = runtime.classes
    runtime.classes[key]?.memory = 0.4321
    runtime.classes[key]?.byKind[.kvCache] = KindEfficiency(memory: 0.05)
    runtime.sources["fit." + key] = "a test"
    let back = try Runtime(node: JSONNode(runtime.jsonValue, file: "round trip"))
    #expect(back == runtime)
    #expect(back.priors[key] == Runtime.named("llama.cpp-cuda")?.classes[key])
  }

  @Test func unknownNameIsAUsageErrorWithASuggestion() {
    #expect {
      try Runtime.resolve("llama.cpp-cudaa")
    } throws: { error in
      guard let e = error as? LifeError else { return false }
      return e.kind == .usage && e.message == "unknown runtime" && e.got == "'llama.cpp-cudaa'"
        && e.suggestion == "llama.cpp-cuda" && (e.expected ?? "").contains("vllm")
    }
  }

  @Test func unknownNameInAFileIsAFailure() {
    #expect {
      try Runtime.resolve("vlm", at: ErrorLocation(file: "scenario.json", path: "runtime"))
    } throws: { error in
      guard let e = error as? LifeError else { return false }
      return e.kind == .failure && e.location.file == "scenario.json"
        && e.location.path == "runtime" && e.suggestion == "vllm"
    }
  }

  @Test func missingJSONFileIsUnknown() {
    #expect {
      try Runtime.resolve("/nonexistent/custom.json")
    } throws: { error in
      (error as? LifeError)?.message == "unknown runtime"
    }
  }

  @Test func jsonPathLoadsTheFile() throws {
    var runtime = try #require(Runtime.named("vllm"))
    runtime.name = "custom-test"
    runtime.summary = "a copy of vllm"
    let dir = Fixture.directory()
    let path = try Fixture.file("custom.json", JSONFormat.text(runtime.jsonValue), in: dir)
    #expect(try Runtime.resolve(path) == runtime)
    // Relative to a scenario: the scenario's directory.
    #expect(try Runtime.resolve("custom.json", relativeTo: dir + "/scenario.json") == runtime)
    // A name wins over a file of that name.
    #expect(try Runtime.resolve("vllm", relativeTo: dir + "/scenario.json").name == "vllm")
  }

  @Test func matrixVectorKernelsAreWhereTheBackendsSwitch() throws {
    // MLX's qmv up to 12 tokens for wide layers; llama.cpp and the serving
    // runtimes keep one compute curve for every pass (docs/accuracy.md).
    #expect(Runtime.named("mlx")?.kernels?.vectorTokens == 12)
    for name in ["llama.cpp-cpu", "llama.cpp-cuda", "vllm", "tensorrt-llm", "transformers-eager"] {
      let kernels = Runtime.named(name)?.kernels
      #expect(kernels != nil && kernels?.vectorTokens == nil, "\(name)")
    }
  }

  @Test func aVectorTokenCountBelowOneNamesItsPath() throws {
    let path = try Fixture.file(
      "bad-vector.json",
      #"{"name": "bad", "kernels": {"vector_tokens": 0}, "classes": {"default": {"#
        + #" "compute": {"max": 0.5, "half_tokens": 0}, "memory": 0.5,"#
        + #" "launch_us": {"prefill": 1, "decode": 1}, "host_us": {"prefill": 0, "decode": 0}}}}"#)
    #expect {
      try Runtime.resolve(path)
    } throws: { error in
      guard let e = error as? LifeError else { return false }
      return e.location.file == path && (e.location.path ?? "").contains("kernels.vector_tokens")
    }
  }

  @Test func badRuntimeFileNamesTheFileAndPath() throws {
    let path = try Fixture.file(
      "bad.json",
      #"{"name": "bad", "classes": {"default": {"compute": {"max": 2, "half_tokens": 0},"#
        + #" "memory": 0.5, "launch_us": {"prefill": 1, "decode": 1},"#
        + #" "host_us": {"prefill": 0, "decode": 0}}}}"#)
    #expect {
      try Runtime.resolve(path)
    } throws: { error in
      guard let e = error as? LifeError else { return false }
      return e.location.file == path
        && (e.location.path ?? "").contains("classes.default.compute.max")
    }
  }
}

extension String {
  /// The string without trailing copies of `suffix`.
  fileprivate func trimmingSuffix(_ suffix: String) -> String {
    var s = self
    while s.hasSuffix(suffix) { s.removeLast(suffix.count) }
    return s
  }
}
