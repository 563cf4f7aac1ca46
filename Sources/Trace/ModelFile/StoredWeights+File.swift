/// The weights a model file's header gives, tensor by tensor.
extension StoredWeights {
  /// The file's tensors a Linear site reads, in order of preference: its own
  /// tensor, else the fused tensor it is part of (a `qkv_proj`, a
  /// `gate_up_proj`, DeepSeek's `kv_b_proj` for the absorbed products).
  static let siteRoles: [(site: OpSite, roles: [TensorRole])] = [
    (.qProj, [.attnQ, .attnQKV]), (.kProj, [.attnK, .attnQKV]), (.vProj, [.attnV, .attnQKV]),
    (.qkvProj, [.attnQKV, .attnQ]), (.oProj, [.attnOutput]),
    (.gateProj, [.ffnGate, .ffnUp]), (.upProj, [.ffnUp]), (.gateUpProj, [.ffnUp, .ffnGate]),
    (.downProj, [.ffnDown]),
    (.expertsGateProj, [.ffnGateExperts, .ffnUpExperts]), (.expertsUpProj, [.ffnUpExperts]),
    (.expertsDownProj, [.ffnDownExperts]),
    (.sharedGateProj, [.ffnGateShared, .ffnUpShared]), (.sharedUpProj, [.ffnUpShared]),
    (.sharedDownProj, [.ffnDownShared]),
    (.qaProj, [.attnQA]), (.qbProj, [.attnQB]), (.kvaProj, [.attnKVA]),
    (.kvbProj, [.attnKVB, .attnKB]), (.qAbsorb, [.attnKB, .attnKVB]),
    (.vAbsorb, [.attnVB, .attnKVB]),
  ]

  /// The tensors of one role in one layer (-1: model level).
  private struct GroupKey: Hashable {
    var layer: Int
    var role: TensorRole
  }

  /// The weights `file` stores for `model`. `scheme` (the config's
  /// `quantization_config`) gives the value bits of packed tensors (AWQ's
  /// int32 `qweight`). Vision and audio towers are left out.
  package init(file: ModelFileInfo, model: ModelConfig, scheme: QuantizationScheme?)
    throws(LifeError)
  {
    let kept = file.tensors.filter { !$0.isOutsideTextModel }
    var groups: [GroupKey: [ModelTensor]] = [:]
    var order: [GroupKey] = []
    for t in kept where !t.isBias && (t.role.isLinear || t.role == .tokenEmbedding) {
      let layer = t.layer ?? -1
      guard layer < model.layers else { continue }
      let key = GroupKey(layer: layer, role: t.role)
      if groups[key] == nil { order.append(key) }
      groups[key, default: []].append(t)
    }
    var choices: [GroupKey: WorkloadOptions.WeightChoice] = [:]
    var linearBytes: [(choice: WorkloadOptions.WeightChoice, bytes: Int)] = []
    for key in order {
      let tensors = groups[key] ?? []
      let choice = try Self.choice(of: tensors, scheme: scheme, file: file.path)
      choices[key] = choice
      if key.role.isLinear {
        let bytes = tensors.reduce(0) { $0 &+ $1.bytes }
        if let i = linearBytes.firstIndex(where: { $0.choice == choice }) {
          linearBytes[i].bytes &+= bytes
        } else {
          linearBytes.append((choice, bytes))
        }
      }
    }
    let layers: [[OpSite: Entry]] = (0..<model.layers).map { layer in
      var sites: [OpSite: Entry] = [:]
      for (site, roles) in Self.siteRoles {
        for role in roles {
          if let choice = choices[GroupKey(layer: layer, role: role)] {
            sites[site] = Entry(choice)
            break
          }
        }
      }
      return sites
    }
    var head: [OpSite: Entry] = [:]
    let embedding = choices[GroupKey(layer: -1, role: .tokenEmbedding)]
    if let output = choices[GroupKey(layer: -1, role: .output)] ?? embedding {
      head[.lmHead] = Entry(output)
    }
    let dominant = linearBytes.max { $0.bytes < $1.bytes }?.choice
    var label = dominant ?? embedding ?? .plain(model.torchDType ?? .bf16)
    if case .gguf = file.format {
      if let type = file.fileType, let format = WeightFormat.gguf(named: type) {
        label = .quantized(format)
      } else if case .plain(let d)? = dominant, let format = WeightFormat.gguf(named: d.ggufName) {
        label = .quantized(format)
      }
    }
    let name = file.path.split(separator: "/").last.map(String.init) ?? file.path
    self.init(
      label: label, source: name + ", " + file.format.description,
      mix: TensorTypeCount.describe(TensorTypeCount.counts(kept)),
      bytes: kept.reduce(0) { $0 &+ $1.bytes }, tensors: kept.count, layers: layers,
      head: head, embedding: embedding)
    leftOut = file.tensors.count - kept.count
    path = file.path
  }

  /// The storage of one role's tensors: their ggml type, or their plain
  /// dtype, or (packed and scaled tensors) a format whose block bytes are
  /// the tensors' exact bytes over the weights they hold.
  static func choice(of tensors: [ModelTensor], scheme: QuantizationScheme?, file: String)
    throws(LifeError) -> WorkloadOptions.WeightChoice
  {
    let values = tensors.filter { !$0.isCompanion }
    guard let first = values.first else {
      let name = tensors.first?.name ?? "?"
      throw LifeError.file(
        file, path: name, "holds scales without the quantized values they scale",
        expected: "the tensor of values beside its scales")
    }
    let total = Double(tensors.reduce(0) { $0 &+ $1.bytes })
    let sameType = values.allSatisfy { $0.type == first.type }
    let hasCompanions = values.count < tensors.count
    if sameType, !hasCompanions {
      switch first.type {
      case .ggml(let t): return t.weightChoice
      case .safetensors(.f32): return .plain(.fp32)
      case .safetensors(.f16): return .plain(.fp16)
      case .safetensors(.bf16): return .plain(.bf16)
      default: break
      }
    }
    // Packed or scaled values: how many weights they hold.
    let storageBits: Double
    var valueBits: Double
    switch first.type {
    case .ggml(let t):
      storageBits = t.bitsPerWeight
      valueBits = t.bitsPerWeight
    case .safetensors(let d):
      storageBits = Double(d.bits)
      switch d {
      case .i32, .u32, .u8, .i16, .u16, .i64, .u64:
        if first.name.hasSuffix("_blocks") {
          valueBits = 4  // MXFP4: two e2m1 values a byte
        } else if let scheme {
          valueBits = scheme.format.valueBits
        } else if d == .u8 || d == .i8 {
          valueBits = 8
        } else {
          throw LifeError.file(
            file, path: first.name,
            "holds packed \(d.name) values but the config has no quantization_config",
            expected: "a config.json whose quantization_config gives the bits")
        }
      default:
        valueBits = Double(d.bits)
      }
    }
    let weights = values.reduce(0.0) { $0 + Double($1.elements) } * storageBits / valueBits
    guard weights > 0 else { return .plain(.bf16) }
    let base = scheme?.format
    let block = max(1, base?.blockSize ?? 1)
    let element: DType = valueBits <= 4 ? .int4 : (first.type.isFloat8 ? .fp8 : .int8)
    valueBits = min(valueBits, total * 8 / weights)
    return .quantized(
      WeightFormat(
        name: base?.name ?? first.type.name.lowercased(), blockSize: block,
        blockBytes: total * Double(block) / weights, elementType: element, valueBits: valueBits,
        dequantOpsPerWeight: base?.dequantOpsPerWeight ?? 1))
  }
}

extension DType {
  /// The GGUF type name of a plain dtype.
  var ggufName: String {
    switch self {
    case .fp16: return "F16"
    case .bf16: return "BF16"
    default: return rawValue.uppercased()
    }
  }
}

extension TensorType {
  /// An 8-bit float type.
  var isFloat8: Bool {
    switch self {
    case .safetensors(let d):
      return [.f8E4M3, .f8E5M2, .f8E4M3FNUZ, .f8E5M2FNUZ].contains(d)
    case .ggml: return false
    }
  }
}

extension ModelTensor {
  /// A tensor of a vision or audio tower or a multimodal projector: not
  /// part of the text model LIFE forecasts.
  var isOutsideTextModel: Bool {
    let lower = name.lowercased()
    return ["vision", "visual", "multi_modal", "mm_projector", "audio", "image_newline"].contains {
      lower.contains($0)
    }
  }
}
