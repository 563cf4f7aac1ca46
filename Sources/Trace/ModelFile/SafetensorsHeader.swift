/// A safetensors file's header: an 8-byte little-endian length, then that
/// many bytes of JSON naming each tensor's dtype, shape and data offsets,
/// with an optional `__metadata__` object of strings. Read by
/// ``read(path:)`` without touching the tensor data.
package struct SafetensorsHeader: Sendable, Equatable {
  /// The JSON header's length in bytes.
  package var headerLength: Int
  /// Tensors in the header's order.
  package var tensors: [SafetensorsTensor]
  /// `__metadata__`, in order.
  package var metadata: [Metadata]
  /// Bytes in the file.
  package var fileSize: Int

  /// One `__metadata__` entry.
  package struct Metadata: Sendable, Equatable {
    /// The key.
    package var key: String
    /// The value.
    package var value: String
  }

  /// Where the data section starts: 8 + the header length.
  package var dataOffset: Int { 8 + headerLength }

  /// The tensor named `name`, if present.
  package func tensor(named name: String) -> SafetensorsTensor? {
    tensors.first { $0.name == name }
  }
}
