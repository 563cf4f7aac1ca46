import Foundation
import Trace

/// What llama-bench's names mean to LIFE: the file type in a model
/// description, the KV cache types, the backends (as runtimes) and the test
/// names. Formats by version: llama.cpp's `llama-bench.cpp` (`test::get_fields`,
/// `get_backend`), `llama_model_ftype_name` and `ggml_type_name`.
enum LlamaBenchNames {
  /// The runtime of a run on the CPU (no layers offloaded, or a CPU-only
  /// build).
  static let cpuRuntime = "llama.cpp-cpu"

  /// The file type in a `model_type` (`llama 7B Q4_K - Medium`, `llama 7B
  /// mostly Q4_0`, `qwen2 1B F16`, `llama 8B all F32 (guessed)`) spelled as
  /// `llama-quantize` names it (`Q4_K_M`), and the model part before it
  /// (`llama 7B`); nil when no known file type is there.
  ///
  /// `llama_model_ftype_name` writes K-quant mixes as `Q4_K - Small` /
  /// `- Medium` / `- Large`, i-quants with their bits (`IQ4_XS - 4.25 bpw`,
  /// `IQ3_S mix - 3.66 bpw` for IQ3_M), MXFP4 as `MXFP4 MoE`; before
  /// December 2023 every name but `all F32` began with `mostly `.
  static func fileType(inModelType text: String) -> (name: String, model: String)? {
    let words = text.split(separator: " ").map(String.init)
    let bases = GGUFFileType.allNames.union(["Q3_K", "Q4_K", "Q5_K", "MXFP4"])
    guard
      let at = words.indices.dropFirst().first(where: { bases.contains(words[$0].uppercased()) })
    else { return nil }
    var model = Array(words[..<at])
    if model.last == "mostly" || model.last == "all" { model.removeLast() }
    let base = words[at].uppercased()
    let rest = words[(at + 1)...].joined(separator: " ")
    var name = base
    func suffixed(_ suffix: String) -> String {
      GGUFFileType.allNames.contains(base + suffix) ? base + suffix : base
    }
    if rest.hasPrefix("- Small") {
      name = suffixed("_S")
    } else if rest.hasPrefix("- Medium") {
      name = suffixed("_M")
    } else if rest.hasPrefix("- Large") {
      name = suffixed("_L")
    } else if rest.hasPrefix("MoE") {
      name = suffixed("_MOE")
    } else if base == "IQ3_S" && rest.hasPrefix("mix") {
      name = "IQ3_M"
    }
    guard GGUFFileType.allNames.contains(name) else { return nil }
    return (name, model.joined(separator: " "))
  }

  /// The file type a GGUF file name names (`Qwen2.5-7B-Instruct-Q4_K_M.gguf`
  /// → `Q4_K_M`, `ggml-model-f16.gguf` → `F16`): the last part, between
  /// `-`, `.`, `/` and the like, that is a file type name.
  static func fileType(inFilename text: String) -> String? {
    let parts = text.split { !($0.isLetter || $0.isNumber || $0 == "_") }
    return parts.map { $0.uppercased() }.last { GGUFFileType.allNames.contains($0) }
  }

  /// The weights a file type gives, if LIFE models it (`F32` is fp32).
  static func weights(fileType name: String) -> WorkloadOptions.WeightChoice? {
    if name == "F32" { return .plain(.fp32) }
    return WorkloadOptions.WeightChoice.parse(name)
  }

  /// The names `weights(fileType:)` accepts, for errors.
  static var modelledFileTypes: [String] { ["F32"] + WeightFormat.ggufNames }

  /// The KV dtype of a llama.cpp cache type (`-ctk`/`-ctv`, ggml type
  /// names): `f16` → fp16, `q8_0` → int8, `q4_0`, `q4_1`, `iq4_nl` → int4.
  /// Nil for types LIFE has no dtype for (`q5_0`, `q5_1`).
  static func kvType(_ name: String) -> DType? {
    switch name.lowercased() {
    case "f32": return .fp32
    case "f16": return .fp16
    case "bf16": return .bf16
    case "q8_0": return .int8
    case "q4_0", "q4_1", "iq4_nl": return .int4
    default: return nil
    }
  }

  /// The cache types `kvType` accepts, for errors.
  static let kvTypeNames = "f32, f16, bf16, q8_0, q4_0, q4_1 or iq4_nl"

  /// The runtime of one backend name (`CUDA` → `llama.cpp-cuda`, `MTL` →
  /// `llama.cpp-metal`); nil for those that do not take the model's layers
  /// (`CPU`, `BLAS`, `RPC`). Names LIFE has no runtime for yet become
  /// `llama.cpp-<name>` (`CANN` → `llama.cpp-cann`).
  static func runtime(backend name: String) -> String? {
    let lowered = name.trimmingCharacters(in: .whitespaces).lowercased()
    switch lowered {
    case "", "cpu", "blas", "rpc", "gpu blas": return nil
    case "cuda": return "llama.cpp-cuda"
    case "rocm", "hip": return "llama.cpp-rocm"
    case "metal", "mtl": return "llama.cpp-metal"
    case "vulkan": return "llama.cpp-vulkan"
    case "sycl": return "llama.cpp-sycl"
    default: return "llama.cpp-" + lowered.replacingOccurrences(of: " ", with: "-")
    }
  }

  /// The runtime of a `backends` list (`CUDA`, `Metal,BLAS`, `BLAS,MTL`,
  /// `ROCm,RPC`; before November 2024 markdown's one `backend`, with `+RPC`
  /// appended for RPC runs): the first backend that takes layers, else the
  /// CPU.
  static func runtime(backends: String) -> String {
    backends.split { $0 == "," || $0 == "+" }.lazy.compactMap { runtime(backend: String($0)) }
      .first ?? cpuRuntime
  }

  /// The boolean backend fields of csv and json output before November 2024,
  /// in `get_backend()`'s order of priority.
  static let backendFlags = ["cuda", "opencl", "vulkan", "kompute", "metal", "sycl"]

  /// The runtime the boolean backend fields give: the first one set, else
  /// the CPU. A ROCm build sets `cuda` too; its `gpu_info` names an AMD GPU.
  static func runtime(flags: [String: Bool], gpuInfo: String?) -> String {
    guard let first = backendFlags.first(where: { flags[$0] == true }) else { return cpuRuntime }
    if first == "cuda", let gpu = gpuInfo?.lowercased(),
      gpu.contains("amd") || gpu.contains("radeon") || gpu.contains("instinct")
    {
      return "llama.cpp-rocm"
    }
    return runtime(backend: first) ?? cpuRuntime
  }

  /// A test name's token counts as text: `pp512` (and 2023's `pp 512`),
  /// `tg128`, `pp512+tg128`, each optionally followed by ` @ d4096`; nil
  /// for anything else.
  static func test(named text: String) -> (prompt: String, generate: String, depth: String?)? {
    var name = Substring(text)
    var depth: String?
    if let at = name.firstIndex(of: "@") {
      let tail = name[name.index(after: at)...].trimmingCharacters(in: .whitespaces)
      guard tail.hasPrefix("d"), isDigits(tail.dropFirst()) else { return nil }
      depth = String(tail.dropFirst())
      name = name[..<at]
    }
    let compact = name.filter { $0 != " " }
    func count(_ part: Substring, _ prefix: String) -> String? {
      guard part.hasPrefix(prefix), isDigits(part.dropFirst(prefix.count)) else { return nil }
      return String(part.dropFirst(prefix.count))
    }
    let parts = compact.split(separator: "+", omittingEmptySubsequences: false)
    switch parts.count {
    case 1:
      if let p = count(parts[0], "pp") { return (p, "0", depth) }
      if let g = count(parts[0], "tg") { return ("0", g, depth) }
      return nil
    case 2:
      guard let p = count(parts[0], "pp"), let g = count(parts[1], "tg") else { return nil }
      return (p, g, depth)
    default: return nil
    }
  }

  private static func isDigits<S: StringProtocol>(_ text: S) -> Bool {
    !text.isEmpty && text.allSatisfy { $0.isASCII && $0.isNumber }
  }
}
