import Trace

/// Built-in devices. Every figure's source is in the comment beside it;
/// efficiencies and dispatch latencies are the kind defaults
/// (``DeviceKind/defaultEfficiency``) unless noted. Peak TOPS are dense
/// (no sparsity). Memory sizes are the configuration named.
extension Device {
  /// The preset names, in the order `life devices` lists them.
  public static let presetNames: [String] = [
    "ryzen9-hx370-cpu", "ryzen-ai-max-395-npu", "ryzen-ai-max-395-igpu", "v100",
    "h100-sxm", "h200", "a100-80gb", "l40s", "rtx-4090", "rtx-3090",
    "m2-ultra-gpu", "m3-max-gpu", "m4-max-gpu",
    "lunar-lake-npu", "lunar-lake-igpu", "snapdragon-x-elite-npu", "raspberry-pi-5-cpu",
  ]

  /// The preset called `name`, or nil.
  public static func preset(named name: String) -> Device? {
    switch name {
    // MARK: The paper's platforms (section 4.4)
    case "ryzen9-hx370-cpu":
      // Paper §4.4: "326.4 GFLOPS and 240 GBps bandwidth" (the paper's figure;
      // AMD's LPDDR5X-7500 128-bit gives 120 GB/s). Memory: a typical 32 GB
      // laptop configuration (the paper does not say).
      return make("AMD Ryzen 9 HX 370 CPU", .cpu, ["default": 0.3264], 240, memory: 32)
    case "ryzen-ai-max-395-npu":
      // Paper §4.4: "50 TOPS on NPU for prefill" (AMD XDNA 2, int8 and
      // block-fp16). Bandwidth from AMD's spec (the paper gives none for the
      // NPU): LPDDR5X-8000, 256-bit = 256 GB/s, shared with the iGPU.
      return make(
        "AMD Ryzen AI Max+ 395 NPU", .npu, ["int8": 50, "bf16": 50, "default": 50], 256,
        memory: 128, group: "ryzen-ai-max-395")
    case "ryzen-ai-max-395-igpu":
      // Paper §4.4: "256 GBps bandwidth for iGPU for decode". TOPS from AMD
      // (the paper gives none for the iGPU): Radeon 8060S, 40 RDNA 3.5 CUs at
      // 2.9 GHz: 29.7 TFLOPS fp32 (dual issue), 59.4 fp16/bf16/int8 (WMMA);
      // consistent with AMD's "126 total TOPS" = 50 NPU + ~60 GPU + ~16 CPU.
      return make(
        "AMD Ryzen AI Max+ 395 iGPU (Radeon 8060S)", .igpu,
        ["fp32": 29.7, "fp16": 59.4, "bf16": 59.4, "int8": 59.4, "default": 59.4], 256,
        memory: 128, group: "ryzen-ai-max-395")
    case "v100":
      // Paper §4.4: "126 TOPS and 900 GBps" (NVIDIA: 125 TFLOPS fp16 tensor,
      // SXM2). fp32 15.7 TFLOPS from NVIDIA's V100 datasheet. 32 GB HBM2.
      return make(
        "NVIDIA V100", .gpu, ["fp32": 15.7, "fp16": 126, "default": 126], 900, memory: 32)

    // MARK: Data-centre GPUs (NVIDIA datasheets, dense tensor-core figures)
    case "h100-sxm":
      // H100 SXM5 datasheet: bf16/fp16 989.4, fp8/int8 1978.9, tf32 494.7
      // (used for fp32 GEMMs); HBM3 3.35 TB/s; 80 GB (80 GiB as reported).
      return make(
        "NVIDIA H100 SXM", .gpu,
        [
          "fp32": 494.7, "fp16": 989.4, "bf16": 989.4, "fp8": 1978.9, "int8": 1978.9,
          "default": 989.4,
        ], 3350, memory: 80)
    case "h200":
      // H200 SXM datasheet: same compute as H100 SXM; HBM3e 4.8 TB/s, 141 GB
      // (≈ 140 GiB as reported by the driver).
      return make(
        "NVIDIA H200", .gpu,
        [
          "fp32": 494.7, "fp16": 989.4, "bf16": 989.4, "fp8": 1978.9, "int8": 1978.9,
          "default": 989.4,
        ], 4800, memory: 140)
    case "a100-80gb":
      // A100 80GB SXM datasheet: bf16/fp16 312, int8 624, tf32 156; HBM2e
      // 2039 GB/s; 80 GB.
      return make(
        "NVIDIA A100 80GB", .gpu,
        ["fp32": 156, "fp16": 312, "bf16": 312, "int8": 624, "default": 312], 2039, memory: 80)
    case "l40s":
      // L40S datasheet: bf16/fp16 362.05, fp8/int8 733, tf32 183; GDDR6 864
      // GB/s; 48 GB.
      return make(
        "NVIDIA L40S", .gpu,
        [
          "fp32": 183, "fp16": 362.05, "bf16": 362.05, "fp8": 733, "int8": 733,
          "default": 362.05,
        ], 864, memory: 48)

    // MARK: Consumer GPUs (NVIDIA Ada / Ampere architecture whitepapers)
    case "rtx-4090":
      // Ada whitepaper: fp16 tensor 330.3 with fp16 accumulate (165.2 with
      // fp32), fp8/int8 660.6, fp32 82.6; GDDR6X 1008 GB/s; 24 GB.
      return make(
        "NVIDIA GeForce RTX 4090", .gpu,
        [
          "fp32": 82.6, "fp16": 330.3, "bf16": 165.2, "fp8": 660.6, "int8": 660.6,
          "default": 330.3,
        ], 1008, memory: 24)
    case "rtx-3090":
      // Ampere GA102 whitepaper: fp16 tensor 142 with fp16 accumulate (71 with
      // fp32), int8 284, fp32 35.6; GDDR6X 936 GB/s; 24 GB.
      return make(
        "NVIDIA GeForce RTX 3090", .gpu,
        ["fp32": 35.6, "fp16": 142, "bf16": 71, "int8": 284, "default": 142], 936, memory: 24)

    // MARK: Apple GPUs (unified memory; Apple's bandwidth, TFLOPS from core counts)
    case "m2-ultra-gpu":
      // 76-core GPU: 76 × 128 ALUs × 2 × 1.4 GHz = 27.2 TFLOPS fp32 (fp16
      // same rate); 800 GB/s (Apple); 192 GB.
      return make(
        "Apple M2 Ultra GPU (76-core)", .igpu, ["fp32": 27.2, "fp16": 27.2, "default": 27.2], 800,
        memory: 192)
    case "m3-max-gpu":
      // 40-core GPU: 40 × 128 × 2 × 1.4 GHz ≈ 14.2 TFLOPS fp32/fp16; 400 GB/s
      // (Apple, 16-core CPU variant); 128 GB.
      return make(
        "Apple M3 Max GPU (40-core)", .igpu, ["fp32": 14.2, "fp16": 14.2, "default": 14.2], 400,
        memory: 128)
    case "m4-max-gpu":
      // 40-core GPU: 40 × 128 × 2 × 1.58 GHz ≈ 16.2 TFLOPS fp32/fp16;
      // 546 GB/s (Apple); 128 GB.
      return make(
        "Apple M4 Max GPU (40-core)", .igpu, ["fp32": 16.2, "fp16": 16.2, "default": 16.2], 546,
        memory: 128)

    // MARK: Laptop NPUs and iGPUs (vendor figures)
    case "lunar-lake-npu":
      // Intel Core Ultra 200V: NPU 4 "48 TOPS" int8; fp16 at half rate (24).
      // LPDDR5X-8533 on package, 128-bit = 136.5 GB/s; 32 GB.
      return make(
        "Intel Core Ultra 200V (Lunar Lake) NPU", .npu,
        ["int8": 48, "fp16": 24, "bf16": 24, "default": 48], 136.5, memory: 32,
        group: "lunar-lake")
    case "lunar-lake-igpu":
      // Intel Arc 140V: "67 TOPS" int8 (XMX), fp16 at half rate (33.5), fp32
      // 8 Xe2 cores × 128 × 2 × 2.05 GHz ≈ 4.2 TFLOPS; 136.5 GB/s shared.
      return make(
        "Intel Arc 140V (Lunar Lake) iGPU", .igpu,
        ["fp32": 4.2, "fp16": 33.5, "bf16": 33.5, "int8": 67, "default": 33.5], 136.5,
        memory: 32, group: "lunar-lake")
    case "snapdragon-x-elite-npu":
      // Qualcomm Hexagon NPU: "45 TOPS" int8 (Qualcomm); no published fp16
      // figure, so other dtypes fall back to `default`. LPDDR5X-8448, 128-bit
      // = 135 GB/s; 32 GB.
      return make(
        "Qualcomm Snapdragon X Elite NPU", .npu, ["int8": 45, "default": 45], 135, memory: 32)
    case "raspberry-pi-5-cpu":
      // 4 × Cortex-A76 at 2.4 GHz, 2 × 128-bit NEON FMA pipes: 4 × 16 × 2.4 =
      // 153.6 GFLOPS fp32, 307 fp16, 614 GOPS int8 (SDOT). LPDDR4X-4267,
      // 32-bit = 17.1 GB/s; 8 GB.
      return make(
        "Raspberry Pi 5 CPU (Cortex-A76)", .cpu,
        ["fp32": 0.1536, "fp16": 0.3072, "int8": 0.6144, "default": 0.1536], 17.1, memory: 8)
    default:
      return nil
    }
  }

  private static func make(
    _ name: String, _ kind: DeviceKind, _ tops: [String: Double], _ bandwidth: Double,
    memory: Double?, group: String? = nil
  ) -> Device {
    Device(
      name: name, kind: kind, peakTops: tops, bandwidthGBs: bandwidth,
      dispatchUs: kind.defaultDispatchUs, memoryGiB: memory, sharedMemoryGroup: group,
      efficiency: kind.defaultEfficiency)
  }
}
