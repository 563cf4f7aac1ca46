/// A GGUF file's header: version, metadata key–values and tensor infos,
/// read by ``read(path:)`` without touching the tensor data.
package struct GGUFHeader: Sendable, Equatable {
  /// A metadata entry.
  package struct Entry: Sendable, Equatable {
    /// The key, e.g. `llama.block_count`.
    package var key: String
    /// The value.
    package var value: GGUFValue
  }

  /// The GGUF version (2 or 3).
  package var version: Int
  /// Metadata in file order.
  package var metadata: [Entry]
  /// Tensor infos in file order.
  package var tensors: [GGUFTensorInfo]
  /// `general.alignment`, or 32 when absent.
  package var alignment: Int
  /// Where the data section starts: the end of the tensor infos rounded up
  /// to the alignment.
  package var dataOffset: Int
  /// Bytes in the file.
  package var fileSize: Int

  private var index: [String: Int]

  /// Creates a header; later entries with the same key are not expected
  /// (the reader rejects duplicates).
  package init(
    version: Int, metadata: [Entry], tensors: [GGUFTensorInfo], alignment: Int, dataOffset: Int,
    fileSize: Int
  ) {
    self.version = version
    self.metadata = metadata
    self.tensors = tensors
    self.alignment = alignment
    self.dataOffset = dataOffset
    self.fileSize = fileSize
    var index: [String: Int] = [:]
    for (i, entry) in metadata.enumerated() where index[entry.key] == nil { index[entry.key] = i }
    self.index = index
  }

  /// The value under `key`, if present.
  package subscript(key: String) -> GGUFValue? {
    index[key].map { metadata[$0].value }
  }

  /// The tensor named `name`, if present.
  package func tensor(named name: String) -> GGUFTensorInfo? {
    tensors.first { $0.name == name }
  }
}
