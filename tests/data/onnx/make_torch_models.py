#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Exports tiny transformer networks with Debian's python3-torch 1.13 (no download), weights
stripped to keep the files small, for tests/models/onnx_import_test.cpp:

- gen/tiny_vit.onnx: ViT (Dosovitskiy et al. 2021) on 3x32x32, 8x8 patches, width 32,
  2 heads, 2 encoder layers (batch_first MHA, GELU MLP 64), class token, symbolic batch.
- gen/tiny_bert.onnx: BERT-style encoder, vocabulary 100, width 32, 4 heads, 2 layers,
  MLP 64, symbolic batch and seq (dynamic_axes).

    /usr/bin/python3 tests/data/onnx/make_torch_models.py
"""
import os

import onnx
import torch
from torch import nn

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "gen")


class TinyVit(nn.Module):
    def __init__(self):
        super().__init__()
        self.patch = nn.Conv2d(3, 32, 8, 8)
        self.cls = nn.Parameter(torch.randn(1, 1, 32))
        self.pos = nn.Parameter(torch.randn(1, 17, 32))
        layer = nn.TransformerEncoderLayer(32, 2, 64, dropout=0.0, activation="gelu",
                                           batch_first=True)
        self.encoder = nn.TransformerEncoder(layer, 2)
        self.head = nn.Linear(32, 10)

    def forward(self, x):
        x = self.patch(x).flatten(2).transpose(1, 2)
        x = torch.cat([self.cls.expand(x.shape[0], -1, -1), x], dim=1) + self.pos
        return self.head(self.encoder(x)[:, 0])


class TinyBert(nn.Module):
    def __init__(self):
        super().__init__()
        self.embed = nn.Embedding(100, 32)
        layer = nn.TransformerEncoderLayer(32, 4, 64, dropout=0.0, activation="gelu",
                                           batch_first=True)
        self.encoder = nn.TransformerEncoder(layer, 2)

    def forward(self, ids):
        return self.encoder(self.embed(ids))


def decorrelate(model):
    # As in ../shared/peers/onnx: without noise the exporter merges bit-identical weights.
    with torch.no_grad():
        for p in model.parameters():
            p.add_(torch.randn_like(p) * 0.01)


def strip_weights(path):
    m = onnx.load(path)
    g = m.graph
    for t in list(g.initializer):
        if t.data_type == onnx.TensorProto.FLOAT:
            g.input.append(onnx.helper.make_tensor_value_info(t.name, t.data_type, t.dims))
            g.initializer.remove(t)
    m.metadata_props.add(key="num_data_inputs", value="1")
    onnx.save(m, path)


def export(model, x, name, axes):
    decorrelate(model)
    path = os.path.join(OUT, name)
    # Grad enabled, as the peers' reference export: no fused fast path in the encoder layers.
    torch.onnx.export(model.eval(), x, path, opset_version=13, do_constant_folding=True,
                      input_names=["input"], dynamic_axes={"input": axes})
    strip_weights(path)
    print(path, os.path.getsize(path))


if __name__ == "__main__":
    torch.manual_seed(0)
    export(TinyVit(), torch.randn(1, 3, 32, 32), "tiny_vit.onnx", {0: "batch"})
    export(TinyBert(), torch.randint(0, 100, (1, 16)), "tiny_bert.onnx", {0: "batch", 1: "seq"})
