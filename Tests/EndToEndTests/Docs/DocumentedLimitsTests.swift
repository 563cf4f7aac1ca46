import Engine
import Foundation
import Testing
import Timeline
import Trace

/// docs/errors.md, "Limits", is true: every limit it lists has a check
/// here, every check a row there, and each check finds the documented
/// value accepted and the next one refused (or, for limits that size
/// nothing a test can build cheaply, the code's constant equal to it).
@Suite struct DocumentedLimitsTests {
  /// The rows of the Limits table: id → value as written.
  static func documented() throws -> [String: String] {
    let text = try String(
      contentsOf: LifeBinary.packageRoot.appendingPathComponent("docs/errors.md"), encoding: .utf8)
    guard let start = text.range(of: "\n## Limits\n") else { return [:] }
    let section = text[start.upperBound...].prefix { _ in true }
    let end = section.range(of: "\n## ")?.lowerBound ?? section.endIndex
    var rows: [String: String] = [:]
    for line in section[..<end].split(separator: "\n") where line.hasPrefix("| `") {
      let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
      guard cells.count >= 2 else { continue }
      rows[cells[0].trimmingCharacters(in: CharacterSet(charactersIn: "`"))] = cells[1]
    }
    return rows
  }

  static func accepts(_ body: () throws -> Void) -> Bool { (try? body()) != nil }

  /// `body(value)` succeeds and `body(next)` throws.
  static func boundary<T>(_ value: T, _ next: T, _ body: (T) throws -> Void) -> Bool {
    accepts { try body(value) } && !accepts { try body(next) }
  }

  static let llama = ModelConfig(
    name: "m", family: "llama", layers: 1, hidden: 64, heads: 32, kvHeads: 32, headDim: 2,
    intermediate: 64, vocab: 64)

  static func config(_ key: String, _ value: Int) throws -> ModelConfig {
    var members = [
      "\"model_type\": \"llama\"", "\"hidden_size\": 64", "\"num_hidden_layers\": 1",
      "\"num_attention_heads\": 1", "\"vocab_size\": 64", "\"intermediate_size\": 64",
    ].filter { !$0.hasPrefix("\"\(key)\"") }
    members.append("\"\(key)\": \(value)")
    return try ModelConfig.parse(
      try JSONNode.parse("{" + members.joined(separator: ", ") + "}", file: "c.json"), name: "c")
  }

  static func device(_ key: String, _ value: String) throws -> Device {
    var members = [
      "\"name\": \"d\"", "\"kind\": \"gpu\"", "\"peak_tops\": {\"default\": 10}",
      "\"bandwidth_gb_s\": 10",
    ].filter { !$0.hasPrefix("\"\(key)\"") }
    members.append("\"\(key)\": \(value)")
    return try Device(
      node: try JSONNode.parse("{" + members.joined(separator: ", ") + "}", file: "d.json"))
  }

  static func workload(
    prompt: Int, generate: Int = 0, batch: Int = 1, model: ModelConfig = llama
  ) throws -> Workload {
    var options = WorkloadOptions(prompt: prompt)
    options.generate = generate
    options.batch = batch
    return try Workload(model: model, options: options)
  }

  static func heads(_ count: Int) -> ModelConfig {
    ModelConfig(
      name: "m", family: "llama", layers: 1, hidden: count, heads: count, kvHeads: count,
      headDim: 1, intermediate: 64, vocab: 64)
  }

  static func event(_ members: String) -> [UInt8] {
    Array(("{\"ph\":\"X\"," + members + "}").utf8)
  }

  static func scratchFile(bytes: Int) throws -> String {
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("life-limit-\(UUID().uuidString)").path
    FileManager.default.createFile(atPath: path, contents: Data(count: bytes))
    return path
  }

  /// Each documented limit's check, given the documented value.
  static var checks: [String: (String) throws -> Bool] {
    [
      "input-bytes": { text in
        let value = Int(text) ?? 0
        let at = try scratchFile(bytes: value), over = try scratchFile(bytes: value + 1)
        defer {
          unlink(at)
          unlink(over)
        }
        return FileInput.maxBytes == value
          && boundary(at, over) { _ = try FileInput.readBytes($0) }
      },
      "json-depth": { text in
        let n = Int(text) ?? 0
        func nested(_ depth: Int) -> String {
          String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        }
        return JSONParser.maxDepth == n
          && boundary(n, n + 1) { _ = try JSONParser.parse(nested($0), file: nil) }
      },
      "tokens": { text in
        let n = Int(text) ?? 0
        return Workload.maxTokens == n
          && boundary(n, n + 1) { _ = try workload(prompt: $0 - 1, generate: 1) }
          && boundary(1, 2) { _ = try workload(prompt: n / 2, generate: $0 - 1, batch: 2) }
          && boundary(String(n), String(n + 1)) { _ = try WorkloadOption.chunk.parse($0) }
      },
      "passes": { text in
        let n = Int(text) ?? 0
        return Workload.maxPasses == n
          && boundary(n, n + 1) { _ = try workload(prompt: 1, generate: $0 - 1) }
      },
      "batch": { text in
        let n = Int(text) ?? 0
        return boundary(String(n), String(n + 1)) { _ = try WorkloadOption.batch.parse($0) }
      },
      "rows-heads": { text in
        // 2^40 tokens (the most a run holds) × 2^22 heads = 2^62.
        let n = Double(text) ?? 0
        let widest = Int(n / Double(Workload.maxTokens))
        return boundary(widest, widest + 1) {
          _ = try workload(prompt: Workload.maxTokens, model: heads($0))
        }
      },
      "rank-tile": { text in
        let n = Int(text) ?? 0
        return boundary(String(n), String(n + 1)) { _ = try WorkloadOption.loraRank.parse($0) }
          && boundary(String(n), String(n + 1)) { _ = try WorkloadOption.tile.parse($0) }
      },
      "config-size": { text in
        let n = Int(text) ?? 0
        return ModelConfig.maxSize == n
          && boundary(n, n + 1) { _ = try config("vocab_size", $0) }
          && boundary(n, n + 1) { _ = try config("intermediate_size", $0) }
      },
      "config-layers": { text in
        let n = Int(text) ?? 0
        return ModelConfig.maxLayers == n
          && boundary(n, n + 1) { _ = try config("num_hidden_layers", $0) }
      },
      "config-positions": { text in
        let n = Int(text) ?? 0
        return boundary(n, n + 1) { _ = try config("max_position_embeddings", $0) }
      },
      "rate-min": { text in
        Device.minimumRate == Double(text)
          && boundary("1e-9", "0.99e-9") { _ = try device("bandwidth_gb_s", $0) }
          && boundary("{\"default\": 1e-9}", "{\"default\": 0.99e-9}") {
            _ = try device("peak_tops", $0)
          }
      },
      "rate-max": { text in
        Device.maximumRate == Double(text)
          && boundary("1e9", "1.000001e9") { _ = try device("bandwidth_gb_s", $0) }
          && boundary("{\"default\": 1e9}", "{\"default\": 1.000001e9}") {
            _ = try device("peak_tops", $0)
          }
      },
      "dispatch-us": { text in
        boundary(text, text + ".5") { _ = try device("dispatch_us", $0) }
      },
      "device-tile": { text in
        let n = Int(text) ?? 0
        return boundary(n, n + 1) { _ = try device("tile", String($0)) }
      },
      "timeline-bytes": { text in TimelineEstimate.limitBytes == Int(text) },
      "event-bytes": { text in
        let n = Int(text) ?? 0
        func padded(_ size: Int) -> [UInt8] {
          let head = Array("{\"ph\":\"X\",\"name\":\"".utf8), tail = Array("\"}".utf8)
          return head + [UInt8](repeating: 0x61, count: size - head.count - tail.count) + tail
        }
        return TraceEventLimits.maxEventBytes == n
          && boundary(n, n + 1) { _ = try TimelineMerge.checked(padded($0), index: 0, file: "t") }
      },
      "event-pid": { text in
        let n = Int(text) ?? 0
        return boundary(n, n + 1) {
          _ = try TimelineMerge.checked(event("\"pid\":\($0)"), index: 0, file: "t")
        }
          && !accepts { _ = try TimelineMerge.checked(event("\"pid\":-1"), index: 0, file: "t") }
      },
      "event-tid": { text in
        let n = Int(text) ?? 0
        return boundary(n, n + 1) {
          _ = try TimelineMerge.checked(event("\"tid\":\($0)"), index: 0, file: "t")
        }
      },
      "event-id": { text in
        let n = Int(text) ?? 0
        return boundary(n, n + 1) {
          _ = try TimelineMerge.checked(event("\"id\":\($0)"), index: 0, file: "t")
        }
          && boundary(n, n + 1) {
            _ = try TimelineMerge.checked(event("\"bind_id\":\($0)"), index: 0, file: "t")
          }
      },
      "compare-runs": { text in
        let n = Int(text) ?? 0
        let many = (0...n).map { TimelineSource(path: "/nonexistent/\($0)", prefix: "") }
        do throws(LifeError) {
          try TimelineMerge.write(many, to: "/nonexistent/out.json")
          return false
        } catch {
          return TraceEventLimits.maxRuns == n && error.message == "too many runs in one timeline"
        }
      },
      "manifest-files": { text in OutputManifest.maxFiles == Int(text) },
      "gguf-header-bytes": { text in GGUFHeader.maxHeaderBytes == Int(text) },
      "gguf-string-bytes": { text in GGUFHeader.maxStringBytes == Int(text) },
      "gguf-key-bytes": { text in GGUFHeader.maxNameBytes == Int(text) },
      "gguf-array": { text in GGUFHeader.maxArrayCount == Int(text) },
      "gguf-array-depth": { text in GGUFHeader.maxArrayDepth == Int(text) },
      "gguf-tensors": { text in GGUFHeader.maxTensors == Int(text) },
      "gguf-entries": { text in GGUFHeader.maxEntries == Int(text) },
      "gguf-dimensions": { text in GGUFHeader.maxDimensions == Int(text) },
      "safetensors-header-bytes": { text in SafetensorsHeader.maxHeaderBytes == Int(text) },
    ]
  }

  @Test func everyDocumentedLimitHasACheckAndEveryCheckARow() throws {
    let rows = try Self.documented()
    #expect(!rows.isEmpty, "no Limits table in docs/errors.md")
    #expect(Set(rows.keys) == Set(Self.checks.keys))
  }

  @Test func theCodeEnforcesEveryDocumentedLimitExactly() throws {
    for (id, value) in try Self.documented().sorted(by: { $0.key < $1.key }) {
      guard let check = Self.checks[id] else { continue }
      #expect(
        try check(value), "docs/errors.md limit '\(id)' = \(value) is not what the code enforces")
    }
  }
}
