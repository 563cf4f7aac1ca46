/// Rotary position embedding (Table 2: elementwise multiply and add):
/// x·cos + rotate_half(x)·sin = 3 ops per rotated element; reads the values
/// and the cos/sin tables of the tokens' positions, writes the values.
package enum RoPE {
  /// `vectors` = tokens × heads (q and k heads together); `rotaryDim` ≤ head
  /// dim; `tokens` positions of cos and sin tables read; `headDim` values per
  /// vector are read and written (the unrotated part passes through).
  package static func cost(
    vectors: Double, headDim: Int, rotaryDim: Int, tokens: Double, bytes: Double
  ) -> OpCost {
    let values = vectors * Double(headDim)
    return OpCost(
      ops: 3 * vectors * Double(rotaryDim),
      read: BytesRead(activations: values * bytes + 2 * tokens * Double(rotaryDim) * bytes),
      written: BytesWritten(activations: values * bytes))
  }
}
