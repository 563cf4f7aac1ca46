/// A quantized weight storage format: group-quantized integers (the paper's
/// int4/int8 scheme and `intN:gG`), MX block formats, and llama.cpp's GGUF
/// block formats.
public struct WeightFormat: Sendable, Hashable {
  /// The name as the user typed it, normalised: `int4`, `int4:g64`, `mxfp4`,
  /// `Q4_K_M`.
  public var name: String
  /// Weights per block (group).
  public var blockSize: Int
  /// Bytes one block occupies, values plus scales and zero points.
  public var blockBytes: Double
  /// The element dtype the values are stored in (for display and for
  /// integer-compute decisions); `int4` for 4-bit formats.
  public var elementType: DType

  /// Creates a format.
  public init(name: String, blockSize: Int, blockBytes: Double, elementType: DType) {
    self.name = name
    self.blockSize = blockSize
    self.blockBytes = blockBytes
    self.elementType = elementType
  }

  /// Bits per weight including block overhead.
  public var bitsPerWeight: Double { blockBytes * 8 / Double(blockSize) }
}
