/// Bytes read by an operator, split by what they are.
public struct BytesRead: Sendable, Equatable {
  /// Activations (inputs produced by earlier operators), tables and scales
  /// of activations.
  public var activations: Double
  /// Model parameters, with their quantization scales and zero points.
  public var weights: Double
  /// The KV cache.
  public var kv: Double

  /// Creates a split.
  public init(activations: Double = 0, weights: Double = 0, kv: Double = 0) {
    self.activations = activations
    self.weights = weights
    self.kv = kv
  }

  /// All bytes read.
  public var total: Double { activations + weights + kv }

  /// Adds another split.
  public static func += (lhs: inout BytesRead, rhs: BytesRead) {
    lhs.activations += rhs.activations
    lhs.weights += rhs.weights
    lhs.kv += rhs.kv
  }
}

/// Bytes written by an operator, split by what they are.
public struct BytesWritten: Sendable, Equatable {
  /// Activations (outputs for later operators).
  public var activations: Double
  /// The KV cache.
  public var kv: Double

  /// Creates a split.
  public init(activations: Double = 0, kv: Double = 0) {
    self.activations = activations
    self.kv = kv
  }

  /// All bytes written.
  public var total: Double { activations + kv }

  /// Adds another split.
  public static func += (lhs: inout BytesWritten, rhs: BytesWritten) {
    lhs.activations += rhs.activations
    lhs.kv += rhs.kv
  }
}
