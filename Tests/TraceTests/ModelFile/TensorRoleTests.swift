import Testing

@testable import Trace

@Suite struct TensorRoleTests {
  @Test func ggufNames() {
    let cases: [(String, TensorRole, Int?, Bool)] = [
      ("token_embd.weight", .tokenEmbedding, nil, false), ("output.weight", .output, nil, false),
      ("output_norm.weight", .outputNorm, nil, false),
      ("rope_freqs.weight", .ropeFreqs, nil, false),
      ("blk.0.attn_norm.weight", .attnNorm, 0, false), ("blk.12.attn_q.weight", .attnQ, 12, false),
      ("blk.3.attn_q.bias", .attnQ, 3, true), ("blk.1.attn_qkv.weight", .attnQKV, 1, false),
      ("blk.1.attn_output.weight", .attnOutput, 1, false),
      ("blk.1.post_attention_norm.weight", .attnPostNorm, 1, false),
      ("blk.2.ffn_gate_exps.weight", .ffnGateExperts, 2, false),
      ("blk.2.ffn_down_shexp.weight", .ffnDownShared, 2, false),
      ("blk.2.ffn_gate_inp.weight", .router, 2, false),
      ("blk.2.exp_probs_b.bias", .expertBias, 2, true),
      ("blk.0.attn_kv_a_mqa.weight", .attnKVA, 0, false),
      ("blk.0.attn_k_b.weight", .attnKB, 0, false),
      ("blk.0.unknown.weight", .other, 0, false), ("v.blk.0.attn_q.weight", .other, nil, false),
    ]
    for (name, role, layer, bias) in cases {
      let p = TensorRole.parse(gguf: name)
      #expect(p.role == role && p.layer == layer && p.isBias == bias, "\(name): \(p)")
    }
  }

  @Test func huggingFaceNames() {
    let cases: [(String, TensorRole, Int?, Int?)] = [
      ("model.embed_tokens.weight", .tokenEmbedding, nil, nil),
      ("lm_head.weight", .output, nil, nil),
      ("model.norm.weight", .outputNorm, nil, nil),
      ("model.layers.0.input_layernorm.weight", .attnNorm, 0, nil),
      ("model.layers.0.post_attention_layernorm.weight", .ffnNorm, 0, nil),
      ("model.layers.5.self_attn.q_proj.weight", .attnQ, 5, nil),
      ("model.layers.5.self_attn.o_proj.weight", .attnOutput, 5, nil),
      ("model.layers.5.self_attn.qkv_proj.weight", .attnQKV, 5, nil),
      ("model.layers.5.mlp.gate_up_proj.weight", .ffnUp, 5, nil),
      ("model.layers.5.mlp.down_proj.weight", .ffnDown, 5, nil),
      ("model.layers.1.block_sparse_moe.gate.weight", .router, 1, nil),
      ("model.layers.1.block_sparse_moe.experts.7.w1.weight", .ffnGateExperts, 1, 7),
      ("model.layers.1.block_sparse_moe.experts.7.w2.weight", .ffnDownExperts, 1, 7),
      ("model.layers.1.block_sparse_moe.experts.7.w3.weight", .ffnUpExperts, 1, 7),
      ("model.layers.1.mlp.experts.3.up_proj.weight", .ffnUpExperts, 1, 3),
      ("model.layers.1.mlp.shared_experts.gate_proj.weight", .ffnGateShared, 1, nil),
      ("model.layers.1.mlp.gate.e_score_correction_bias", .expertBias, 1, nil),
      ("model.layers.1.self_attn.kv_a_proj_with_mqa.weight", .attnKVA, 1, nil),
      ("model.layers.1.self_attn.kv_b_proj.weight", .attnKVB, 1, nil),
      ("vision_tower.encoder.layers.0.self_attn.q_proj.weight", .other, 0, nil),
      ("model.layers.1.norm.weight", .other, 1, nil),
      // Quantized checkpoints: values and their companions keep the Linear's role.
      ("model.layers.2.self_attn.q_proj.qweight", .attnQ, 2, nil),
      ("model.layers.2.self_attn.q_proj.scales", .attnQ, 2, nil),
      ("model.layers.2.mlp.down_proj.weight_packed", .ffnDown, 2, nil),
      ("model.layers.2.mlp.down_proj.weight_scale_inv", .ffnDown, 2, nil),
      ("model.layers.2.mlp.up_proj.weight.absmax", .ffnUp, 2, nil),
      ("model.layers.2.mlp.up_proj.weight.quant_state.bitsandbytes__nf4", .ffnUp, 2, nil),
      ("model.layers.4.mlp.experts.gate_up_proj_blocks", .ffnUpExperts, 4, nil),
      ("model.layers.4.mlp.experts.down_proj_scales", .ffnDownExperts, 4, nil),
      ("model.layers.4.mlp.router.weight", .router, 4, nil),
    ]
    let companions = [
      "model.layers.2.self_attn.q_proj.scales", "model.layers.2.mlp.down_proj.weight_scale_inv",
      "model.layers.2.mlp.up_proj.weight.absmax", "model.layers.4.mlp.experts.down_proj_scales",
    ]
    for name in companions { #expect(TensorRole.parse(huggingFace: name).isCompanion, "\(name)") }
    #expect(!TensorRole.parse(huggingFace: "model.layers.2.self_attn.q_proj.qweight").isCompanion)
    #expect(TensorRole.parse(huggingFace: "model.layers.4.mlp.experts.down_proj_bias").isBias)
    for (name, role, layer, expert) in cases {
      let p = TensorRole.parse(huggingFace: name)
      #expect(p.role == role && p.layer == layer && p.expert == expert, "\(name): \(p)")
    }
    // Gemma 2: four norms per layer.
    let gemma = "model.layers.0.post_attention_layernorm.weight"
    #expect(TensorRole.parse(huggingFace: gemma, gemmaNorms: true).role == .attnPostNorm)
    #expect(
      TensorRole.parse(huggingFace: "model.layers.0.pre_feedforward_layernorm.weight").role
        == .ffnNorm)
  }

  @Test func kinds() {
    #expect(TensorRole.ffnDownExperts.isLinear && !TensorRole.ffnDownExperts.isNorm)
    #expect(TensorRole.attnQNorm.isNorm && !TensorRole.tokenEmbedding.isLinear)
  }
}
