#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Writes bench/data/resnet152.onnx: ResNet-152 (He et al. 2016, torchvision layout, BN folded
into the convs as torch.onnx.export does in eval mode), weights declared as graph inputs so the
file stays small. Built with Debian's python3-onnx 1.12 (torchvision is not packaged here).

    /usr/bin/python3 bench/make_resnet152_onnx.py
"""
import os

import onnx
from onnx import TensorProto, helper

nodes, inputs = [], [helper.make_tensor_value_info("input", TensorProto.FLOAT, [1, 3, 224, 224])]


def weight(name, shape):
    inputs.append(helper.make_tensor_value_info(name, TensorProto.FLOAT, shape))
    return name


def conv(x, name, cin, cout, k, stride=1, pad=0, relu=True):
    w = weight(name + ".weight", [cout, cin, k, k])
    b = weight(name + ".bias", [cout])
    y = name + "_out"
    nodes.append(helper.make_node("Conv", [x, w, b], [y], name=name, kernel_shape=[k, k],
                                  strides=[stride, stride], pads=[pad] * 4))
    if not relu:
        return y
    nodes.append(helper.make_node("Relu", [y], [y + "_relu"], name=name + ".relu"))
    return y + "_relu"


def bottleneck(x, name, cin, width, stride, downsample):
    y = conv(x, name + ".conv1", cin, width, 1)
    y = conv(y, name + ".conv2", width, width, 3, stride, 1)
    y = conv(y, name + ".conv3", width, width * 4, 1, relu=False)
    idn = conv(x, name + ".downsample", cin, width * 4, 1, stride, relu=False) if downsample else x
    nodes.append(helper.make_node("Add", [y, idn], [name + "_sum"], name=name + ".add"))
    nodes.append(helper.make_node("Relu", [name + "_sum"], [name + "_out"], name=name + ".relu"))
    return name + "_out"


x = conv("input", "conv1", 3, 64, 7, 2, 3)
nodes.append(helper.make_node("MaxPool", [x], ["pool"], name="maxpool", kernel_shape=[3, 3],
                              strides=[2, 2], pads=[1, 1, 1, 1]))
x, cin = "pool", 64
for stage, (blocks, width) in enumerate(zip([3, 8, 36, 3], [64, 128, 256, 512])):
    for b in range(blocks):
        stride = 2 if b == 0 and stage > 0 else 1
        x = bottleneck(x, f"layer{stage + 1}.{b}", cin, width, stride, b == 0)
        cin = width * 4
nodes.append(helper.make_node("GlobalAveragePool", [x], ["gap"], name="avgpool"))
nodes.append(helper.make_node("Flatten", ["gap"], ["flat"], name="flatten"))
nodes.append(helper.make_node("Gemm", ["flat", weight("fc.weight", [1000, 2048]),
                                       weight("fc.bias", [1000])], ["output"], name="fc",
                              transB=1))
graph = helper.make_graph(nodes, "resnet152", inputs,
                          [helper.make_tensor_value_info("output", TensorProto.FLOAT, [1, 1000])])
model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
model.ir_version = 7
model.metadata_props.add(key="num_data_inputs", value="1")
onnx.checker.check_model(model, full_check=True)
out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "resnet152.onnx")
onnx.save(model, out)
print(out, os.path.getsize(out), "bytes,", len(nodes), "nodes")
