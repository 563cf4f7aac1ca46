import Trace

/// The defaults a device of each kind gets for what its JSON leaves out, so a
/// datasheet alone (TOPS, bandwidth) gives a forecast. Sources and reasoning:
/// docs/devices.md.
extension DeviceKind {
  /// Efficiencies used when a device gives no `efficiency` object.
  ///
  /// - cpu: compute 0.5 (paper Table 6 measures 48–78 % on the Ryzen 9 HX 370
  ///   in bf16), memory 0.6 (llama.cpp CPU decode reaches ~55–70 % of DRAM
  ///   bandwidth).
  /// - npu: compute 0.3 (paper Table 6: 11–24 % on the Ryzen AI NPU), memory 0.6.
  /// - igpu: compute 0.7, memory 0.7 (llama.cpp on Apple M-series, discussion
  ///   #4167: LLaMA-7B F16 pp512 is 68–75 % of the GPU's peak on M2 Ultra, M3
  ///   Max and M4 Max; F16 tg128 ≈ 60–70 % of bandwidth; paper Table 10:
  ///   52.5 % on the Radeon 8060S).
  /// - gpu: compute 0.55, memory 0.75 (llama.cpp CUDA, discussion #15013:
  ///   Llama-2-7B Q4_0 pp512 on RTX 4090 / 3090 ≈ 50–57 % of fp16 peak, tg128
  ///   ≈ 70–80 % of bandwidth; paper Table 6/10 V100: 50–60 %).
  package var defaultEfficiency: Efficiency {
    switch self {
    case .cpu: return Efficiency(compute: 0.5, memory: 0.6)
    case .npu: return Efficiency(compute: 0.3, memory: 0.6)
    case .igpu: return Efficiency(compute: 0.7, memory: 0.7)
    case .gpu: return Efficiency(compute: 0.55, memory: 0.75)
    }
  }

  /// Dispatch latency per kernel call in microseconds, as seen on the
  /// device's timeline (the gap between back-to-back kernels, not the CPU
  /// cost of a launch, which an asynchronous queue hides).
  ///
  /// - cpu: 2 µs (a thread-pool barrier between operators).
  /// - npu: 15 µs (command submission per operator on XDNA/Hexagon-class NPUs).
  /// - igpu: 4 µs (Metal/Vulkan command-buffer encoded kernels).
  /// - gpu: 2 µs (CUDA kernels back to back, CUDA graphs; a cold launch costs
  ///   5–10 µs of CPU time but overlaps with the previous kernel).
  package var defaultDispatchUs: Double {
    switch self {
    case .cpu: return 2
    case .npu: return 15
    case .igpu: return 4
    case .gpu: return 2
    }
  }
}

extension DeviceKind {
  /// Power at full load when a device JSON gives no `power.max_w`, W: a
  /// representative datasheet figure per kind (docs/energy.md).
  ///
  /// - gpu: 450 W, the GeForce RTX 4090's total graphics power (NVIDIA RTX
  ///   4090 specifications, https://www.nvidia.com/en-us/geforce/graphics-cards/40-series/rtx-4090/,
  ///   "Total Graphics Power (W) 450").
  /// - igpu: 55 W, the Ryzen AI Max+ 395's default TDP, which its Radeon
  ///   8060S shares (AMD product page, https://www.amd.com/en/products/processors/laptop/ryzen/ai-300-series/amd-ryzen-ai-max-plus-395.html,
  ///   "Default TDP 55W").
  /// - cpu: 170 W, the Ryzen 9 7950X's default TDP (AMD product page,
  ///   https://www.amd.com/en/products/processors/desktops/ryzen/7000-series/amd-ryzen-9-7950x.html,
  ///   "Default TDP 170W").
  /// - npu: 10 W, an estimate: vendors publish no NPU power; laptop NPUs
  ///   run inside 15–54 W packages (Ryzen AI 9 HX 370 cTDP 15–54 W, AMD
  ///   product page) at a small share of them.
  package var defaultMaxW: Double {
    switch self {
    case .gpu: return 450
    case .igpu: return 55
    case .cpu: return 170
    case .npu: return 10
    }
  }

  /// The power a device of this kind gives when its JSON has no `power`
  /// (or leaves fields out): ``defaultMaxW``, idle at
  /// ``DevicePower/idleFraction`` of it, DRAM energy by memory type
  /// (``MemoryType/picojoulesPerByte``), `pj_per_op` derived from the peaks.
  package func defaultPower(memoryType: MemoryType?) -> DevicePower {
    DevicePower(
      idleW: defaultMaxW * DevicePower.idleFraction, maxW: defaultMaxW,
      pjPerByte: (memoryType ?? (self == .gpu ? .gddr : .lpddr)).picojoulesPerByte)
  }
}

extension DevicePower {
  /// Idle power as a share of `max_w` when a device gives no `idle_w`:
  /// 0.15, after the idle draw of about 15 % of TDP listed for data-centre
  /// and desktop GPUs (H100 SXM 105 of 700 W, A100 60 of 400 W, RTX 4090 68
  /// of 450 W: https://nemulai.com/blog/gpu-electricity-cost-per-training-run,
  /// table "GPU Power Draw: The Numbers", column "Idle (~15%)"); the same
  /// share is assumed for the other kinds.
  package static let idleFraction = 0.15
}

extension MemoryType {
  /// Energy per DRAM byte, pJ: 8 × the device power per bit listed for
  /// the memory (http://www.kylolab.com/ultra-bandwidth-solutions.html,
  /// row "Average Device Power (pJ/bit)": GDDR6 7.5, GDDR6X 7.25, HBM2E
  /// 6.0). HBM uses HBM2E's 6.0 pJ/bit (48 pJ/B); GDDR uses GDDR6's 7.5
  /// (60 pJ/B); no per-bit figure was found for LPDDR and DDR, which use
  /// GDDR6's as an upper bound.
  package var picojoulesPerByte: Double {
    switch self {
    case .hbm: return 48
    case .gddr, .lpddr, .ddr: return 60
    }
  }
}

extension Device {
  /// The synchronisation latency of a hand-off with no copy (inside a
  /// shared-memory group, or between devices with no link), microseconds.
  package static let defaultSyncLatencyUs: Double = 20

  /// The default latency of a link whose JSON gives none, microseconds.
  package static let defaultLinkLatencyUs: Double = 10

  /// The peak TOPS for arithmetic in `dtype`: its `peak_tops` entry, else
  /// `default`; nil when neither is given.
  package func peakTops(for dtype: DType) -> Double? {
    peakTops[dtype.topsKey] ?? peakTops["default"]
  }

  /// The `peak_tops` keys a device JSON may use.
  package static let peakTopsKeys: [String] = [
    "fp32", "fp16", "fp16_acc32", "bf16", "fp8", "int16", "int8", "int4", "fp4", "default",
  ]
}
