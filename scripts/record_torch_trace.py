#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Records the torch.profiler traces in tests/data/trace/ with Debian's python3-torch 1.13 on the
CPU (no download; only needed to regenerate them, so not in scripts/setup.sh):

- resnet18_b1.json: ResNet-18 (He et al. 2016, torchvision's layout: BasicBlock, 1x1 stride-2
  downsample convs) on one 3x224x224 image, inference (eval mode, no grad).
- tiny_bert_s16.json: TinyBert of tests/data/onnx/make_torch_models.py (vocabulary 100, width
  32, 4 heads, 2 layers, MLP 64) on one sequence of 16 tokens, the network of
  tests/data/onnx/gen/tiny_bert.onnx; grad enabled, as that export, so the encoder layers take
  the decomposed path (linear, bmm, softmax) rather than the fused fast path.

Debian's torch 1.13 is built without Kineto, and its legacy export_chrome_trace leaves out the
shapes record_shapes=True records. So the script writes the events itself in Kineto's layout
(`{"traceEvents": [...]}`, complete events `"ph": "X"`, `"cat": "cpu_op"`, the shapes in
`args["Input Dims"]`), one event a line, from the profiler's own events: name, thread, start and
duration in microseconds (each child's span clamped into its parent's: the profiler rounds start
and end separately), input shapes. The reader uses the time nesting to count each GEMM once at
its outermost recognised op.

    /usr/bin/python3 scripts/record_torch_trace.py
"""
import json
import os
import sys

import torch
from torch import nn
from torch.profiler import ProfilerActivity, profile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "tests", "data", "trace")
sys.path.insert(0, os.path.join(ROOT, "tests", "data", "onnx"))
from make_torch_models import TinyBert  # noqa: E402


class BasicBlock(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(cout)
        self.relu = nn.ReLU(inplace=True)
        self.conv2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)
        self.downsample = None
        if stride != 1 or cin != cout:
            self.downsample = nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False),
                                            nn.BatchNorm2d(cout))

    def forward(self, x):
        identity = x if self.downsample is None else self.downsample(x)
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        return self.relu(out + identity)


class ResNet18(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 64, 7, 2, 3, bias=False)
        self.bn1 = nn.BatchNorm2d(64)
        self.relu = nn.ReLU(inplace=True)
        self.maxpool = nn.MaxPool2d(3, 2, 1)
        blocks = []
        cin = 64
        for cout, stride in [(64, 1), (128, 2), (256, 2), (512, 2)]:
            blocks += [BasicBlock(cin, cout, stride), BasicBlock(cout, cout, 1)]
            cin = cout
        self.layers = nn.Sequential(*blocks)
        self.avgpool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(512, 1000)

    def forward(self, x):
        x = self.maxpool(self.relu(self.bn1(self.conv1(x))))
        x = self.avgpool(self.layers(x))
        return self.fc(torch.flatten(x, 1))


def record(model, x, name, grad):
    model.eval()
    with torch.set_grad_enabled(grad):
        model(x)  # warm-up: the first call's one-off work stays out of the trace
        with profile(activities=[ProfilerActivity.CPU], record_shapes=True) as prof:
            model(x)
    path = os.path.join(OUT, name)
    with open(path, "w") as f:
        f.write('{"traceEvents": [\n')
        lines = []
        spans = {}

        def span(e):
            # The profiler rounds each start and end to the microsecond on its own, so a child
            # can end 1 us after its parent; clamped into the parent's span, the times nest as
            # the profiler's own parent links (cpu_parent) say.
            if e.id not in spans:
                start, end = e.time_range.start, e.time_range.end
                if e.cpu_parent is not None:
                    p_start, p_end = span(e.cpu_parent)
                    start, end = max(start, p_start), min(end, p_end)
                spans[e.id] = (start, max(start, end))
            return spans[e.id]

        for e in prof.events():
            start, end = span(e)
            event = {"ph": "X", "cat": "cpu_op", "name": e.name, "pid": 0, "tid": e.thread,
                     "ts": start, "dur": end - start, "args": {"Input Dims": e.input_shapes}}
            lines.append(json.dumps(event, separators=(",", ":")))
        f.write(",\n".join(lines) + "\n]}\n")
    print(path, os.path.getsize(path))


if __name__ == "__main__":
    torch.manual_seed(0)
    os.makedirs(OUT, exist_ok=True)
    record(ResNet18(), torch.randn(1, 3, 224, 224), "resnet18_b1.json", grad=False)
    record(TinyBert(), torch.randint(0, 100, (1, 16)), "tiny_bert_s16.json", grad=True)
