/// Which operator of a decoder layer (or of the model) a record is: the name
/// without the `layers.N.` prefix. Raw values follow Hugging Face module
/// names where one exists.
public enum OpSite: String, Sendable, CaseIterable, Hashable {
  case embedTokens = "embed_tokens"
  case inputNorm = "input_layernorm"
  case qProj = "self_attn.q_proj"
  case kProj = "self_attn.k_proj"
  case vProj = "self_attn.v_proj"
  case rope = "self_attn.rope"
  case kCache = "self_attn.k_cache"
  case vCache = "self_attn.v_cache"
  case scores = "self_attn.qk_bmm"
  case softmax = "self_attn.softmax"
  case context = "self_attn.pv_bmm"
  case flashAttention = "self_attn.flash_attention"
  case oProj = "self_attn.o_proj"
  case attnResidual = "attn_residual_add"
  case postAttentionNorm = "post_attention_layernorm"
  case gateProj = "mlp.gate_proj"
  case upProj = "mlp.up_proj"
  case activation = "mlp.act_fn"
  case gateMul = "mlp.gate_mul"
  case downProj = "mlp.down_proj"
  case mlpResidual = "mlp_residual_add"
  case finalNorm = "norm"
  case lmHead = "lm_head"
}
