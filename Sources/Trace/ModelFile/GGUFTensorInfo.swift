/// One entry of a GGUF file's tensor infos: where a tensor's data lies and
/// what it holds. The data itself is never read.
package struct GGUFTensorInfo: Sendable, Equatable {
  /// The tensor's name (`blk.0.attn_q.weight`).
  package var name: String
  /// Dimensions as the file stores them: innermost first (ggml's `ne`), so
  /// `dimensions[0]` is the row length and a [vocab, hidden] embedding is
  /// stored as `[hidden, vocab]`.
  package var dimensions: [Int]
  /// The ggml type its data is stored in.
  package var type: GGMLType
  /// Offset of its data from the start of the data section.
  package var offset: Int
  /// Elements: the product of the dimensions.
  package var elements: Int
  /// Exact bytes of its data: elements / blockSize × blockBytes.
  package var bytes: Int

  /// The shape outermost first, as PyTorch and safetensors write it.
  package var shape: [Int] { dimensions.reversed() }
}
