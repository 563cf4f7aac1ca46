import Foundation

/// The weights a model file stores, from its header: the storage of every
/// Linear of every layer, of the LM head and of the embedding table, so the
/// workload costs each one in the format the file really holds (a Q4_K_M
/// file's Q6_K `attn_v` and output tensors, an AWQ checkpoint's unquantized
/// LM head) instead of one `--weights` format for all.
public struct StoredWeights: Sendable, Equatable {
  /// What the file holds, as one weight choice: a GGUF file's llama.cpp file
  /// type (`Q4_K_M`), else the storage of most of its Linear bytes.
  /// `--weights` defaults to it; the runtime default follows it.
  public var label: WorkloadOptions.WeightChoice
  /// Where the weights come from: `llama-q4_k_m.gguf, GGUF v3`, `the
  /// quantization_config of preset gpt-oss-20b`.
  public var source: String
  /// The model file's path as given, when a file gave them.
  public var path: String?
  /// Storage types by their share of the bytes, largest first: `Q4_K: 193
  /// tensors, Q6_K: 33, F32: 65`.
  public var mix: String
  /// Bytes of the text model's tensors exactly as stored; nil when only a
  /// config's `quantization_config` gives the formats (no safetensors or
  /// GGUF header), and the bytes follow from the shapes.
  public var bytes: Int?
  /// Tensors counted in ``bytes`` (0 without a header).
  public var tensors: Int
  /// Tensors of the file left out of ``bytes`` (vision and audio towers,
  /// projectors), when there are any.
  public var leftOut: Int = 0
  /// The storage of each Linear site, per decoder layer.
  package var layers: [[OpSite: Entry]]
  /// The storage of the model-level Linears (the LM head).
  package var head: [OpSite: Entry]
  /// The storage of the embedding table, when the file has one.
  package var embedding: WorkloadOptions.WeightChoice?
  /// A number per layer: layers with equal numbers store every Linear alike
  /// (the workload builds runs of alike layers once).
  package var layerClass: [Int]

  /// One Linear's storage and the code its records carry.
  package struct Entry: Sendable, Equatable {
    /// The storage.
    package var choice: WorkloadOptions.WeightChoice
    /// ``choice`` as a record's code, made once.
    var code: WeightCode

    /// An entry for `choice`.
    package init(_ choice: WorkloadOptions.WeightChoice) {
      self.choice = choice
      code = WeightCode(choice.storage)
    }
  }

  /// Weights from per-site storage; ``layerClass`` is derived.
  package init(
    label: WorkloadOptions.WeightChoice, source: String, mix: String, bytes: Int?, tensors: Int,
    layers: [[OpSite: Entry]], head: [OpSite: Entry], embedding: WorkloadOptions.WeightChoice?
  ) {
    self.label = label
    self.source = source
    self.mix = mix
    self.bytes = bytes
    self.tensors = tensors
    self.layers = layers
    self.head = head
    self.embedding = embedding
    var classes: [[OpSite: Entry]] = []
    layerClass = layers.map { sites in
      if let i = classes.firstIndex(of: sites) { return i }
      classes.append(sites)
      return classes.count - 1
    }
  }

  /// `Q4_K_M (m.gguf, GGUF v3): Q4_K: 193 tensors, Q6_K: 33, F32: 65;
  /// 4.58 GiB`.
  public var summary: String {
    var text = label.text + " (" + source + "): " + mix
    if let bytes {
      let b = Double(bytes)
      let gib = 1_073_741_824.0
      let size =
        b >= gib ? String(format: "%.2f GiB", b / gib) : String(format: "%.2f MiB", b / 1_048_576)
      text += "; " + size
    }
    if leftOut > 0 { text += " (\(leftOut) vision or audio tensors left out)" }
    return text
  }

  /// The storage of `site` in `layer` (-1: the model-level Linears), or nil
  /// when the file has no tensor for it.
  func entry(layer: Int, site: OpSite) -> Entry? {
    if layer < 0 { return head[site] }
    guard layer < layers.count else { return nil }
    return layers[layer][site]
  }
}
