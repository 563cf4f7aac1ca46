import Foundation
import Testing
import Trace

/// `life validate` through the binary: one runtime's rows of the bundled
/// corpus, as text, as the contract's JSON, and as an output set.
@Suite(.serialized) struct ValidateTests {
  func scratch() throws -> URL {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("life-validate-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  @Test func jsonHasTheContractKeysAndOutWritesBothFiles() throws {
    let dir = try scratch()
    defer { try? FileManager.default.removeItem(at: dir) }
    let out = dir.appendingPathComponent("v").path
    let result = try LifeBinary.run([
      "validate", "--runtime", "llama.cpp-metal", "--json", "--out", out,
    ])
    #expect(result.code == 0, "\(result)")
    let json = try JSONParser.parse(result.out, file: "stdout")
    for key in ["rows", "devices", "sources", "zero_shot", "calibrated", "skipped"] {
      #expect(json[key] != nil, "missing \(key)")
    }
    #expect((json["rows"]?.doubleValue ?? 0) >= 40)
    for section in ["zero_shot", "calibrated"] {
      #expect(json[section]?["tg"]?.doubleValue != nil, "\(section).tg")
      #expect(json[section]?["pp"]?.doubleValue != nil, "\(section).pp")
      guard case .array(let groups)? = json[section]?["groups"] else {
        Issue.record("\(section).groups is not an array")
        continue
      }
      #expect(!groups.isEmpty)
      #expect(groups.allSatisfy { $0["runtime"] == .string("llama.cpp-metal") })
    }
    let csv = try String(
      contentsOfFile: (out as NSString).appendingPathComponent("validation.csv"), encoding: .utf8)
    let lines = csv.split(separator: "\n")
    #expect(lines.first?.hasPrefix("id,source,device,kind,runtime,class,model") == true)
    #expect(lines.count == Int(json["rows"]?.doubleValue ?? 0) + 1)
    let html = try String(
      contentsOfFile: (out as NSString).appendingPathComponent("validation.html"),
      encoding: .utf8)
    #expect(html.contains("id=\"scatter-tg\""))
    #expect(html.contains("id=\"error-histogram\""))
    #expect(html.contains("<svg"))
  }

  @Test func textReportsTheGroupsAndBothFamilies() throws {
    let result = try LifeBinary.run(["validate", "--runtime", "transformers-eager"])
    #expect(result.code == 0, "\(result)")
    #expect(result.out.contains("zero-shot median"))
    #expect(result.out.contains("transformers-eager"))
    #expect(result.out.contains("all decode (tg)"))
    #expect(result.out.contains("all prefill (pp)"))
  }

  @Test func anUnknownRuntimeIsAUsageError() throws {
    let result = try LifeBinary.run(["validate", "--runtime", "llama.cpp-cudaa"])
    #expect(result.code == 2, "\(result)")
    #expect(result.err.contains("--runtime"))
    #expect(result.err.contains("llama.cpp-cuda"))
  }

  @Test func aMalformedCorpusNamesTheFileAndLine() throws {
    let dir = try scratch()
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("corpus.csv")
    try "id,source\nx,y\n".write(to: file, atomically: true, encoding: .utf8)
    let result = try LifeBinary.run(["validate", "--corpus", file.path])
    #expect(result.code == 1, "\(result)")
    #expect(result.err.contains("corpus.csv"))
    #expect(result.err.contains("line 1"))
  }
}
