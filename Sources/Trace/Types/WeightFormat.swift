/// A quantized weight storage format: group-quantized integers (the paper's
/// int4/int8 scheme and `intN:gG`), MX block formats, and llama.cpp's GGUF
/// block formats.
public struct WeightFormat: Sendable, Hashable {
  /// The name as the user typed it, normalised: `int4`, `int4:g64`, `mxfp4`,
  /// `Q4_K_M`.
  public var name: String
  /// Weights per block (group).
  package var blockSize: Int
  /// Bytes one block occupies, values plus scales and zero points.
  package var blockBytes: Double
  /// The element dtype the values are stored in (for display and for
  /// integer-compute decisions); `int4` for 4-bit formats.
  package var elementType: DType
  /// Bits of the quantized values alone, per weight (no scales or zeros).
  package var valueBits: Double
  /// Operations to dequantize one weight (2: shift and scale; 1: scale only).
  package var dequantOpsPerWeight: Double
  /// True when the per-block scale is stored in the activation dtype (the
  /// paper's scheme), so ``blockBytes`` depends on it: see ``resolved(activation:)``.
  package var scaleInActivationType: Bool
  /// Bits of the zero point per block (0 for symmetric formats).
  package var zeroBits: Double

  /// Creates a format whose block overhead is fixed.
  package init(name: String, blockSize: Int, blockBytes: Double, elementType: DType) {
    self.init(
      name: name, blockSize: blockSize, blockBytes: blockBytes, elementType: elementType,
      valueBits: Double(elementType.bits), dequantOpsPerWeight: 2)
  }

  /// Creates a format with every field.
  package init(
    name: String, blockSize: Int, blockBytes: Double, elementType: DType, valueBits: Double,
    dequantOpsPerWeight: Double, scaleInActivationType: Bool = false, zeroBits: Double = 0
  ) {
    self.name = name
    self.blockSize = blockSize
    self.blockBytes = blockBytes
    self.elementType = elementType
    self.valueBits = valueBits
    self.dequantOpsPerWeight = dequantOpsPerWeight
    self.scaleInActivationType = scaleInActivationType
    self.zeroBits = zeroBits
  }

  /// Bits per weight including block overhead.
  public var bitsPerWeight: Double { blockBytes * 8 / Double(blockSize) }

  /// Bytes of scales and zero points per weight (block overhead).
  package var overheadBytesPerWeight: Double {
    max(0, blockBytes / Double(blockSize) - valueBits / 8)
  }

  /// The format with its scale stored in `activation`'s dtype, for formats
  /// whose scale follows the activations (the paper's int4/int8 and
  /// `intN:gG`); other formats are returned unchanged.
  package func resolved(activation: DType) -> WeightFormat {
    guard scaleInActivationType else { return self }
    var copy = self
    let scaleBits = Double(activation.isInteger ? 16 : activation.bits)
    copy.blockBytes = (Double(blockSize) * valueBits + scaleBits + zeroBits) / 8
    return copy
  }
}
