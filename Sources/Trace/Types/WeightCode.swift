import Foundation

/// ``WeightStorage`` as plain bits, the form an ``OpRecord`` keeps so that
/// copying a record copies no references: a quantized format is a number
/// into ``WeightFormatTable``.
@usableFromInline enum WeightCode: Sendable, Equatable {
  case none
  case plain(DType)
  /// A format by its number, and whether its values are plain numbers
  /// (GGUF's F16 / BF16: one value per block, nothing to dequantize).
  case quantized(UInt32, plainValues: Bool)

  /// The code of `storage` (a quantized format is interned).
  init(_ storage: WeightStorage) {
    switch storage {
    case .none: self = .none
    case .plain(let d): self = .plain(d)
    case .quantized(let f):
      self = .quantized(
        WeightFormatTable.shared.id(for: f),
        plainValues: f.blockSize == 1 && f.dequantOpsPerWeight == 0
          && f.overheadBytesPerWeight == 0)
    }
  }

  /// The storage it stands for.
  var storage: WeightStorage {
    switch self {
    case .none: return .none
    case .plain(let d): return .plain(d)
    case .quantized(let id, _): return .quantized(WeightFormatTable.shared.format(id))
    }
  }
}

/// Every quantized weight format records have used in this process, each
/// under a small number. Append-only, so a number stays valid for the
/// process's life; a handful of formats ever exist.
final class WeightFormatTable: @unchecked Sendable {
  static let shared = WeightFormatTable()

  private let lock = NSLock()
  private var formats: [WeightFormat] = []
  private var ids: [WeightFormat: UInt32] = [:]

  /// The number of `format`, assigned on first use.
  func id(for format: WeightFormat) -> UInt32 {
    lock.lock()
    defer { lock.unlock() }
    if let id = ids[format] { return id }
    let id = UInt32(formats.count)
    formats.append(format)
    ids[format] = id
    return id
  }

  /// The format numbered `id` (made by ``id(for:)``).
  func format(_ id: UInt32) -> WeightFormat {
    lock.lock()
    defer { lock.unlock() }
    return formats[Int(id)]
  }
}
