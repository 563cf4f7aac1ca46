import Testing
import Trace

@testable import Engine

/// What llama-bench's names mean: model descriptions (`llama_model_ftype_name`
/// across versions), file names, cache types, backends, test names.
@Suite struct LlamaBenchNamesTests {
  @Test(arguments: [
    ("llama 7B mostly Q4_0", "Q4_0", "llama 7B"),
    ("LLaMA 7B mostly Q4_0", "Q4_0", "LLaMA 7B"),
    ("llama 7B mostly Q4_K - Medium", "Q4_K_M", "llama 7B"),
    ("qwen2 7B Q4_K - Medium", "Q4_K_M", "qwen2 7B"),
    ("llama 8B Q4_K - Small", "Q4_K_S", "llama 8B"),
    ("llama 7B Q5_K - Medium", "Q5_K_M", "llama 7B"),
    ("llama 7B Q3_K - Large", "Q3_K_L", "llama 7B"),
    ("llama 7B Q2_K - Medium", "Q2_K", "llama 7B"),
    ("llama 7B Q2_K - Small", "Q2_K_S", "llama 7B"),
    ("llama 13B Q6_K", "Q6_K", "llama 13B"),
    ("llama 8B IQ4_XS - 4.25 bpw", "IQ4_XS", "llama 8B"),
    ("llama 8B IQ3_S mix - 3.66 bpw", "IQ3_M", "llama 8B"),
    ("gpt-oss 20B MXFP4 MoE", "MXFP4_MOE", "gpt-oss 20B"),
    ("llama 8B all F32", "F32", "llama 8B"),
    ("llama 7B mostly F16", "F16", "llama 7B"),
    ("qwen2 1B BF16 (guessed)", "BF16", "qwen2 1B"),
    ("nemotron_h_moe 120B.A12B Q4_K - Medium", "Q4_K_M", "nemotron_h_moe 120B.A12B"),
    ("laguna ?B Q8_0", "Q8_0", "laguna ?B"),
  ])
  func fileTypeInAModelDescription(_ text: String, _ name: String, _ model: String) {
    let found = LlamaBenchNames.fileType(inModelType: text)
    #expect(found?.name == name)
    #expect(found?.model == model)
  }

  @Test func noFileTypeInADescriptionWithout() {
    #expect(LlamaBenchNames.fileType(inModelType: "llama 7B") == nil)
    #expect(LlamaBenchNames.fileType(inModelType: "Q4_0") == nil)  // nothing before it
    #expect(LlamaBenchNames.fileType(inModelType: "llama 7B Q4_K") == nil)  // no mix given
  }

  @Test func fileTypeInAFileName() {
    #expect(
      LlamaBenchNames.fileType(inFilename: "models/Qwen2.5-7B-Instruct-Q4_K_M.gguf") == "Q4_K_M")
    #expect(LlamaBenchNames.fileType(inFilename: "models/7B/ggml-model-q4_0.gguf") == "Q4_0")
    #expect(LlamaBenchNames.fileType(inFilename: "codellama-7b/ggml-model-f16.gguf") == "F16")
    #expect(LlamaBenchNames.fileType(inFilename: "/home/models/qwen2.5:0.5b-instruct-fp16") == nil)
  }

  @Test func weightsOfFileTypes() {
    #expect(LlamaBenchNames.weights(fileType: "F32") == .plain(.fp32))
    for name in ["F16", "BF16", "Q8_0", "Q4_0", "Q4_K_M", "Q4_K_S", "Q5_K_M", "Q6_K", "IQ4_XS"] {
      #expect(LlamaBenchNames.weights(fileType: name)?.text == name)
    }
    #expect(LlamaBenchNames.weights(fileType: "IQ2_XXS") == nil)
    #expect(LlamaBenchNames.weights(fileType: "Q1_0") == nil)
  }

  @Test func cacheTypes() {
    #expect(LlamaBenchNames.kvType("f16") == .fp16)
    #expect(LlamaBenchNames.kvType("bf16") == .bf16)
    #expect(LlamaBenchNames.kvType("f32") == .fp32)
    #expect(LlamaBenchNames.kvType("q8_0") == .int8)
    #expect(LlamaBenchNames.kvType("q4_0") == .int4)
    #expect(LlamaBenchNames.kvType("iq4_nl") == .int4)
    #expect(LlamaBenchNames.kvType("q5_1") == nil)
  }

  @Test(arguments: [
    ("CUDA", "llama.cpp-cuda"), ("ROCm", "llama.cpp-rocm"), ("HIP", "llama.cpp-rocm"),
    ("Metal", "llama.cpp-metal"), ("Metal,BLAS", "llama.cpp-metal"),
    ("BLAS,MTL", "llama.cpp-metal"), ("MTL,BLAS", "llama.cpp-metal"),
    ("Vulkan", "llama.cpp-vulkan"), ("SYCL", "llama.cpp-sycl"), ("CPU", "llama.cpp-cpu"),
    ("BLAS", "llama.cpp-cpu"), ("ROCm,RPC", "llama.cpp-rocm"), ("CUDA+RPC", "llama.cpp-cuda"),
    ("ROCm,Vulkan", "llama.cpp-rocm"), ("CANN", "llama.cpp-cann"), ("GPU BLAS", "llama.cpp-cpu"),
  ])
  func runtimeOfBackends(_ backends: String, _ runtime: String) {
    #expect(LlamaBenchNames.runtime(backends: backends) == runtime)
  }

  @Test func runtimeOfBackendFlags() {
    let nvidia = LlamaBenchNames.runtime(
      flags: ["cuda": true, "metal": false, "blas": true], gpuInfo: "NVIDIA GeForce RTX 3090 Ti")
    #expect(nvidia == "llama.cpp-cuda")
    // A ROCm build sets `cuda` as well; its GPU is AMD's.
    let amd = LlamaBenchNames.runtime(flags: ["cuda": true], gpuInfo: "AMD Radeon RX 7900 XTX")
    #expect(amd == "llama.cpp-rocm")
    #expect(
      LlamaBenchNames.runtime(flags: ["metal": true, "blas": true], gpuInfo: nil)
        == "llama.cpp-metal")
    #expect(
      LlamaBenchNames.runtime(flags: ["cuda": false, "blas": true], gpuInfo: nil)
        == "llama.cpp-cpu")
  }

  @Test func testNames() {
    func parts(_ name: String) -> [String?]? {
      LlamaBenchNames.test(named: name).map { [$0.prompt, $0.generate, $0.depth] }
    }
    #expect(parts("pp512") == ["512", "0", nil])
    #expect(parts("pp 512") == ["512", "0", nil])
    #expect(parts("tg 128") == ["0", "128", nil])
    #expect(parts("pp512+tg128") == ["512", "128", nil])
    #expect(parts("pp512 @ d512") == ["512", "0", "512"])
    #expect(parts("tg128 @ d4096") == ["0", "128", "4096"])
    #expect(parts("pp4096+tg128 @ d1024") == ["4096", "128", "1024"])
    for bad in ["bs512", "pp", "pp-1", "pp512 @ 512", "tg128+pp512", "pp1+tg2+tg3", "pp5x", ""] {
      #expect(parts(bad) == nil, "\(bad)")
    }
  }
}
