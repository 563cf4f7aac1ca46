#!/usr/bin/env python3
"""Writes small GGUF files with the `gguf` package's GGUFWriter, then reads
them back with its GGUFReader and writes what it reports to manifest.json,
so the Swift tests can check LIFE's reader against an independent one.

Usage: write_gguf_fixtures.py OUT_DIR

Files (tiny shapes; tensor data are zero bytes of the exact quantized size,
written with raw_dtype):
  llama-q4_k_m.gguf  Llama, 4 layers, llama.cpp's Q4_K_M mix: Q4_K, with
                     Q6_K for attn_v and ffn_down where llama-quantize's
                     use_more_bits rule picks them and for the output; F32
                     norms. Also one metadata key of every GGUF value type.
  llama-q4_0.gguf    Llama, 2 layers, Q4_0 with a Q6_K output tensor.
  moe.gguf           Llama with 4 experts (2 per token): ffn_*_exps tensors
                     and a router, Mixtral-style.
"""
import json
import sys
from pathlib import Path

import numpy as np
from gguf import GGML_QUANT_SIZES, GGMLQuantizationType as Q, GGUFReader, GGUFWriter

HIDDEN, FFN, HEADS, KV_HEADS, VOCAB, CONTEXT = 256, 512, 4, 2, 128, 2048
HEAD_DIM = HIDDEN // HEADS


def quantized(writer, name, shape, qtype):
    """A tensor of `shape` (outermost first) stored as `qtype`: zero bytes,
    (rows, row bytes), with the writer told the real type."""
    block, size = GGML_QUANT_SIZES[qtype]
    *outer, row = shape
    assert row % block == 0, (name, shape, qtype)
    data = np.zeros((*outer, row // block * size), dtype=np.uint8)
    writer.add_tensor(name, data, raw_dtype=qtype)


def f32(writer, name, shape):
    writer.add_tensor(name, np.zeros(shape, dtype=np.float32))


def common(writer, layers, name, file_type):
    writer.add_name(name)
    writer.add_file_type(file_type)
    writer.add_block_count(layers)
    writer.add_context_length(CONTEXT)
    writer.add_embedding_length(HIDDEN)
    writer.add_feed_forward_length(FFN)
    writer.add_head_count(HEADS)
    writer.add_head_count_kv(KV_HEADS)
    writer.add_rope_dimension_count(HEAD_DIM)
    writer.add_layer_norm_rms_eps(1e-5)
    writer.add_tokenizer_model("llama")
    writer.add_token_list([f"tok{i}" for i in range(VOCAB)])
    writer.add_token_scores([float(-i) for i in range(VOCAB)])
    writer.add_token_types([1] * VOCAB)


def attention(writer, i, v_type, default):
    p = f"blk.{i}."
    f32(writer, p + "attn_norm.weight", [HIDDEN])
    quantized(writer, p + "attn_q.weight", [HIDDEN, HIDDEN], default)
    quantized(writer, p + "attn_k.weight", [KV_HEADS * HEAD_DIM, HIDDEN], default)
    quantized(writer, p + "attn_v.weight", [KV_HEADS * HEAD_DIM, HIDDEN], v_type)
    quantized(writer, p + "attn_output.weight", [HIDDEN, HIDDEN], default)
    f32(writer, p + "ffn_norm.weight", [HIDDEN])


def use_more_bits(i, n):
    # llama-quantize (llama-quant.cpp): the layers Q4_K_M gives Q6_K.
    return i < n // 8 or i >= 7 * n // 8 or (i - n // 8) % 3 == 2


def write_q4_k_m(path):
    layers = 4
    w = GGUFWriter(str(path), "llama")
    common(w, layers, "Tiny Llama Q4_K_M", 15)  # LLAMA_FTYPE_MOSTLY_Q4_K_M
    w.add_uint8("test.uint8", 200)
    w.add_int8("test.int8", -100)
    w.add_uint16("test.uint16", 60000)
    w.add_int16("test.int16", -30000)
    w.add_uint32("test.uint32", 4000000000)
    w.add_int32("test.int32", -2000000000)
    w.add_float32("test.float32", 1.5)
    w.add_bool("test.bool", True)
    w.add_string("test.string", "héllo")
    w.add_uint64("test.uint64", 2**64 - 1)
    w.add_int64("test.int64", -(2**63))
    w.add_float64("test.float64", -0.25)
    w.add_array("test.nested", [[1, 2], [3]])
    quantized(w, "token_embd.weight", [VOCAB, HIDDEN], Q.Q4_K)
    for i in range(layers):
        more = use_more_bits(i, layers)
        attention(w, i, Q.Q6_K if more else Q.Q4_K, Q.Q4_K)
        quantized(w, f"blk.{i}.ffn_gate.weight", [FFN, HIDDEN], Q.Q4_K)
        quantized(w, f"blk.{i}.ffn_up.weight", [FFN, HIDDEN], Q.Q4_K)
        quantized(w, f"blk.{i}.ffn_down.weight", [HIDDEN, FFN], Q.Q6_K if more else Q.Q4_K)
    f32(w, "output_norm.weight", [HIDDEN])
    quantized(w, "output.weight", [VOCAB, HIDDEN], Q.Q6_K)
    return w


def write_q4_0(path):
    layers = 2
    w = GGUFWriter(str(path), "llama")
    common(w, layers, "Tiny Llama Q4_0", 2)  # LLAMA_FTYPE_MOSTLY_Q4_0
    quantized(w, "token_embd.weight", [VOCAB, HIDDEN], Q.Q4_0)
    for i in range(layers):
        attention(w, i, Q.Q4_0, Q.Q4_0)
        for name, shape in [("gate", [FFN, HIDDEN]), ("up", [FFN, HIDDEN]), ("down", [HIDDEN, FFN])]:
            quantized(w, f"blk.{i}.ffn_{name}.weight", shape, Q.Q4_0)
    f32(w, "output_norm.weight", [HIDDEN])
    quantized(w, "output.weight", [VOCAB, HIDDEN], Q.Q6_K)
    return w


def write_moe(path):
    layers, experts, used, expert_ffn = 2, 4, 2, 256
    w = GGUFWriter(str(path), "llama")
    common(w, layers, "Tiny MoE", 15)
    w.add_expert_count(experts)
    w.add_expert_used_count(used)
    w.add_expert_feed_forward_length(expert_ffn)
    quantized(w, "token_embd.weight", [VOCAB, HIDDEN], Q.Q4_K)
    for i in range(layers):
        attention(w, i, Q.Q6_K, Q.Q4_K)
        f32(w, f"blk.{i}.ffn_gate_inp.weight", [experts, HIDDEN])
        quantized(w, f"blk.{i}.ffn_gate_exps.weight", [experts, expert_ffn, HIDDEN], Q.Q4_K)
        quantized(w, f"blk.{i}.ffn_up_exps.weight", [experts, expert_ffn, HIDDEN], Q.Q4_K)
        quantized(w, f"blk.{i}.ffn_down_exps.weight", [experts, HIDDEN, expert_ffn], Q.Q6_K)
    f32(w, "output_norm.weight", [HIDDEN])
    quantized(w, "output.weight", [VOCAB, HIDDEN], Q.Q6_K)
    return w


def main():
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    manifest = {
        "quant_sizes": {t.name: [int(t.value), b, s] for t, (b, s) in GGML_QUANT_SIZES.items()},
        "files": {},
    }
    for name, make in [
        ("llama-q4_k_m.gguf", write_q4_k_m),
        ("llama-q4_0.gguf", write_q4_0),
        ("moe.gguf", write_moe),
    ]:
        path = out / name
        w = make(path)
        w.write_header_to_file()
        w.write_kv_data_to_file()
        w.write_tensors_to_file()
        w.close()
        r = GGUFReader(str(path))
        manifest["files"][name] = {
            "size": path.stat().st_size,
            "data_offset": int(r.data_offset),
            "tensors": [
                {
                    "name": t.name,
                    "type": t.tensor_type.name,
                    "dims": [int(d) for d in t.shape],
                    "elements": int(t.n_elements),
                    "bytes": int(t.n_bytes),
                    "data_offset": int(t.data_offset),
                }
                for t in r.tensors
            ],
        }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=1))


if __name__ == "__main__":
    main()
