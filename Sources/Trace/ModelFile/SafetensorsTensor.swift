/// One tensor of a safetensors header.
package struct SafetensorsTensor: Sendable, Equatable {
  /// Its name (`model.layers.0.self_attn.q_proj.weight`).
  package var name: String
  /// Its dtype.
  package var dtype: SafetensorsDType
  /// Its shape, outermost first.
  package var shape: [Int]
  /// Where its data lies, relative to the start of the data section:
  /// begin..<end.
  package var dataOffsets: Range<Int>
  /// Elements: the product of the shape.
  package var elements: Int
  /// Exact bytes: elements × bits / 8 (= the data offsets' span).
  package var bytes: Int
}
