import Foundation

/// Reading `quantization_config` (config.json) and `hf_quant_config.json`.
///
/// Layouts, per quantized Linear (bits per weight = block bytes × 8 / block):
///
/// | method | values | per block | block | bpw |
/// |---|---|---|---|---|
/// | awq (AutoAWQ GEMM) | 4-bit, packed in int32 | fp16 scale + 4-bit zero | group_size (128) | 4.156 |
/// | gptq | `bits`, packed in int32 | fp16 scale (+ `bits` zero unless `sym`) | group_size (128; −1: per channel) | 4.156 / 4.125 |
/// | compressed-tensors | `num_bits` int or float | 16-bit scale (+ zero unless `symmetric`) | group_size, or per channel / tensor | 4.125 (w4a16 g128), 8 (fp8 per channel) |
/// | fp8 (DeepSeek-V3) | e4m3 | fp32 `weight_scale_inv` | `weight_block_size` 128 × 128 | 8.002 |
/// | bitsandbytes 4-bit | nf4 / fp4 nibbles | fp32 absmax (8-bit with double quantization) | 64 | 4.5 (4.127) |
/// | bitsandbytes 8-bit | int8 | fp32 row scale | per row | 8 |
/// | mxfp4 (gpt-oss) | e2m1 nibbles | e8m0 scale | 32 | 4.25 |
/// | modelopt FP8 / NVFP4 / W4A16_AWQ | e4m3 / e2m1 / int4 | fp32 tensor scale / e4m3 per 16 / fp16 per group | tensor / 16 / group_size | 8 / 4.5 / 4.125 |
///
/// Sources: AutoAWQ's `WQLinear_GEMM` and AutoGPTQ's `QuantLinear` buffers
/// (qweight, qzeros, scales); compressed-tensors' `QuantizationArgs`;
/// DeepSeek-V3's config.json and `weight_scale_inv` tensors; bitsandbytes'
/// `QuantState` (blocksize 64, nested absmax per 256 blocks); the OCP MX
/// v1.0 spec and gpt-oss's `*_blocks`/`*_scales` tensors; TensorRT Model
/// Optimizer's `hf_quant_config.json`.
extension QuantizationScheme {
  /// Reads `quantization_config` of `config`, if it has one.
  package static func parse(config: JSONNode) throws(LifeError) -> QuantizationScheme? {
    guard let node = try config.optional("quantization_config") else { return nil }
    guard case .object = node.value else {
      throw node.error("quantization_config is not an object", expected: "an object")
    }
    let methodNode = try node.required("quant_method")
    let text = try methodNode.string().lowercased()
    guard let method = Method(rawValue: text), method != .modelopt else {
      if text == "modelopt" { return try modelOpt(node, origin: node) }
      let names = Method.allCases.filter { $0 != .modelopt }.map(\.rawValue)
      throw methodNode.error(
        "unsupported quant_method", expected: names.joined(separator: ", "),
        suggestion: DidYouMean.suggest(text, among: names))
    }
    let place = "the quantization_config of " + (node.file ?? "config.json")
    switch method {
    case .awq:
      let bits = try node.optional("bits")?.int(min: 2, max: 8) ?? 4
      let group = try groupSize(node, "group_size") ?? 128
      let zero = try node.optional("zero_point")?.bool() ?? true
      return QuantizationScheme(
        method: .awq,
        format: integer("awq", bits: bits, group: group, zeroBits: zero ? bits : 0),
        ignore: try names(node, "modules_to_not_convert"), keepsHead: true, origin: place)
    case .gptq:
      let bits = try node.optional("bits")?.int(min: 2, max: 8) ?? 4
      let group = try groupSize(node, "group_size") ?? 128
      let sym = try node.optional("sym")?.bool() ?? true
      return QuantizationScheme(
        method: .gptq,
        format: integer("gptq", bits: bits, group: group, zeroBits: sym ? 0 : bits),
        ignore: try names(node, "modules_to_not_convert"), keepsHead: true, origin: place)
    case .compressedTensors:
      return try compressed(node, place: place)
    case .fp8:
      var block = 0
      var rows = 0
      var cols = 0
      if let sizes = try node.optional("weight_block_size") {
        let items = try sizes.items()
        guard items.count == 2 else {
          throw sizes.error("weight_block_size is not two sizes", expected: "[rows, cols]")
        }
        rows = try items[0].int(min: 1, max: 1 << 12)
        cols = try items[1].int(min: 1, max: 1 << 12)
        block = rows * cols
      }
      let format =
        block > 0
        ? WeightFormat(
          name: "fp8:\(rows)x\(cols)", blockSize: block, blockBytes: Double(block) + 4,
          elementType: .fp8, valueBits: 8, dequantOpsPerWeight: 1)
        : WeightFormat(
          name: "fp8", blockSize: 1, blockBytes: 1, elementType: .fp8, valueBits: 8,
          dequantOpsPerWeight: 1)
      return QuantizationScheme(
        method: .fp8, format: format, ignore: try names(node, "modules_to_not_convert"),
        keepsHead: true, origin: place)
    case .bitsandbytes:
      let ignore = try names(node, "llm_int8_skip_modules")
      if try node.optional("load_in_4bit")?.bool() ?? false {
        let type = try node.optional("bnb_4bit_quant_type")?.choice(["nf4", "fp4"]) ?? "fp4"
        let double = try node.optional("bnb_4bit_use_double_quant")?.bool() ?? false
        // 64 nibbles (32 B) per block; absmax fp32, or int8 plus one fp32
        // per 256 blocks when nested.
        let blockBytes = double ? 32 + 1 + 4.0 / 256 : 36
        return QuantizationScheme(
          method: .bitsandbytes,
          format: WeightFormat(
            name: type, blockSize: 64, blockBytes: blockBytes, elementType: .int4,
            valueBits: 4, dequantOpsPerWeight: 2),
          ignore: ignore, keepsHead: true, origin: place)
      }
      guard try node.optional("load_in_8bit")?.bool() ?? false else {
        throw node.error(
          "bitsandbytes config quantizes nothing",
          expected: "load_in_4bit or load_in_8bit true")
      }
      return QuantizationScheme(
        method: .bitsandbytes,
        format: WeightFormat(
          name: "int8", blockSize: 1, blockBytes: 1, elementType: .int8, valueBits: 8,
          dequantOpsPerWeight: 1),
        ignore: ignore, keepsHead: true, origin: place)
    case .mxfp4:
      return QuantizationScheme(
        method: .mxfp4, format: .mxfp4, ignore: try names(node, "modules_to_not_convert"),
        keepsHead: false, origin: place)
    case .modelopt:
      return try modelOpt(node, origin: node)
    }
  }

  /// Reads ModelOpt's `hf_quant_config.json` (its `quantization` object).
  package static func parse(hfQuantConfig root: JSONNode) throws(LifeError) -> QuantizationScheme {
    try modelOpt(try root.required("quantization"), origin: root)
  }

  private static func modelOpt(_ node: JSONNode, origin: JSONNode) throws(LifeError)
    -> QuantizationScheme
  {
    let algoNode = try node.required("quant_algo")
    let algo = try algoNode.string().uppercased()
    let place = origin.file ?? "hf_quant_config.json"
    let format: WeightFormat
    switch algo {
    case "FP8", "FP8_PER_CHANNEL_PER_TOKEN":
      format = WeightFormat(
        name: "fp8", blockSize: 1, blockBytes: 1, elementType: .fp8, valueBits: 8,
        dequantOpsPerWeight: 1)
    case "NVFP4", "NVFP4_AWQ":
      let group = try groupSize(node, "group_size") ?? 16
      format = WeightFormat(
        name: "nvfp4", blockSize: group, blockBytes: Double(group) / 2 + 1, elementType: .int4,
        valueBits: 4, dequantOpsPerWeight: 1)
    case "W4A16_AWQ", "W4A8_AWQ", "INT4_AWQ":
      let group = try groupSize(node, "group_size") ?? 128
      format = integer("int4-awq", bits: 4, group: group, zeroBits: 0)
    case "INT8_SQ", "W8A8_SQ_PER_CHANNEL", "INT8":
      format = WeightFormat(
        name: "int8", blockSize: 1, blockBytes: 1, elementType: .int8, valueBits: 8,
        dequantOpsPerWeight: 1)
    default:
      throw algoNode.error(
        "unsupported quant_algo", expected: "FP8, NVFP4, W4A16_AWQ, W4A8_AWQ or INT8_SQ")
    }
    return QuantizationScheme(
      method: .modelopt, format: format, ignore: try names(node, "exclude_modules"),
      keepsHead: false, origin: place)
  }

  /// compressed-tensors: the first config group that targets Linear layers.
  private static func compressed(_ node: JSONNode, place: String) throws(LifeError)
    -> QuantizationScheme
  {
    let groups = try node.required("config_groups")
    var weights: JSONNode?
    for (_, group) in try groups.members() {
      if let w = try group.optional("weights"), case .object = w.value {
        weights = w
        break
      }
    }
    guard let weights else {
      throw groups.error(
        "no config group quantizes weights", expected: "a group with a weights object")
    }
    let bits = try weights.required("num_bits").int(min: 2, max: 16)
    let type = try weights.optional("type")?.choice(["int", "float"]) ?? "int"
    let symmetric = try weights.optional("symmetric")?.bool() ?? true
    let strategy =
      try weights.optional("strategy")?.choice(["tensor", "channel", "group", "block", "token"])
      ?? "tensor"
    var group = 1
    if strategy == "group" {
      group = try groupSize(weights, "group_size") ?? 128
    } else if strategy == "block", let sizes = try weights.optional("block_structure") {
      let items = try sizes.items()
      guard items.count == 2 else {
        throw sizes.error("block_structure is not two sizes", expected: "[rows, cols]")
      }
      group = try items[0].int(min: 1, max: 1 << 12) * items[1].int(min: 1, max: 1 << 12)
    }
    let format: WeightFormat
    if type == "float" {
      guard bits == 8 || bits == 4 else {
        throw try weights.required("num_bits").error(
          "unsupported float width", expected: "8 (fp8) or 4 (nvfp4)")
      }
      let scaleBits: Double = group > 1 ? (bits == 4 ? 8 : 32) : 0
      format = WeightFormat(
        name: bits == 8 ? "fp8" : "nvfp4", blockSize: group,
        blockBytes: (Double(group * bits) + scaleBits) / 8, elementType: bits == 8 ? .fp8 : .int4,
        valueBits: Double(bits), dequantOpsPerWeight: 1)
    } else {
      format = integer(
        "w\(bits)a16", bits: bits, group: group, zeroBits: symmetric ? 0 : bits,
        scaleBits: group > 1 ? 16 : 0)
    }
    return QuantizationScheme(
      method: .compressedTensors, format: format, ignore: try names(node, "ignore"),
      keepsHead: false, origin: place)
  }

  /// Integer values of `bits` in groups of `group` along K with a 16-bit
  /// scale and `zeroBits` of zero point per group.
  static func integer(
    _ prefix: String, bits: Int, group: Int, zeroBits: Int, scaleBits: Int = 16
  ) -> WeightFormat {
    let name = prefix + "-int\(bits)" + (group > 1 ? ":g\(group)" : "")
    return WeightFormat(
      name: name, blockSize: group,
      blockBytes: Double(group * bits + (group > 1 ? scaleBits + zeroBits : 0)) / 8,
      elementType: bits <= 4 ? .int4 : .int8, valueBits: Double(bits),
      dequantOpsPerWeight: zeroBits > 0 ? 2 : 1)
  }

  /// A group size: a positive size, or −1 (per output channel, 1 here: the
  /// per-channel scales are a negligible share of the bytes).
  private static func groupSize(_ node: JSONNode, _ key: String) throws(LifeError) -> Int? {
    guard let value = try node.optional(key) else { return nil }
    if case .null = value.value { return nil }
    let size = try value.int(min: -1, max: 1 << 16)
    guard size != 0 else { throw value.error("group size 0", expected: "a size ≥ 1, or -1") }
    return size < 0 ? 1 : size
  }

  /// A list of module names, or none.
  private static func names(_ node: JSONNode, _ key: String) throws(LifeError) -> [String] {
    guard let list = try node.optional(key) else { return [] }
    if case .null = list.value { return [] }
    var out: [String] = []
    for item in try list.items() { out.append(try item.string()) }
    return out
  }
}
