#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Writes the small ONNX graphs the importer tests read (tests/data/onnx/gen/).

Run with Debian's python3-onnx 1.12:  /usr/bin/python3 tests/data/onnx/make_test_models.py
The graphs are built node by node with onnx.helper, so every shape and attribute is stated here
and the expected MACs in tests/models/onnx_ops_test.cpp follow from them by hand.
"""
import os

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "gen")
F = TensorProto.FLOAT


def vi(name, shape, dtype=F):
    return helper.make_tensor_value_info(name, dtype, shape)


def w(name, shape):
    """A weight declared as a graph input (weight-free file)."""
    return vi(name, shape)


def const(name, values, dtype=np.int64):
    return helper.make_node("Constant", [], [name],
                            value=numpy_helper.from_array(np.array(values, dtype=dtype), name))


def save(graph, name, opset=13, check=True):
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)])
    model.ir_version = 7
    if check:  # every valid graph must pass ONNX's own strict shape inference
        onnx.shape_inference.infer_shapes(model, check_type=True, strict_mode=True, data_prop=True)
    onnx.save(model, os.path.join(OUT, name))
    return model


def cnn():
    # x: 1x3x17x19 (odd sizes on purpose).
    n = [
        # 5x3 kernel, stride 2, dilation 2, asymmetric pads -> out 1x8x?x?
        helper.make_node("Conv", ["x", "c1.w", "c1.b"], ["c1"], name="conv_odd", kernel_shape=[5, 3],
                         strides=[2, 1], dilations=[2, 1], pads=[1, 0, 2, 1]),
        helper.make_node("BatchNormalization", ["c1", "bn.s", "bn.b", "bn.m", "bn.v"], ["b1"], name="bn"),
        helper.make_node("Relu", ["b1"], ["r1"], name="relu"),
        # depthwise-ish grouped conv with auto_pad SAME_UPPER
        helper.make_node("Conv", ["r1", "c2.w"], ["c2"], name="conv_group", kernel_shape=[3, 3],
                         strides=[2, 2], group=4, auto_pad="SAME_UPPER"),
        helper.make_node("Clip", ["c2", "lo", "hi"], ["k2"], name="relu6"),
        helper.make_node("HardSwish", ["k2"], ["h2"], name="hswish"),
        helper.make_node("Sigmoid", ["h2"], ["s2"], name="sigmoid"),
        helper.make_node("Tanh", ["s2"], ["t2"], name="tanh"),
        helper.make_node("MaxPool", ["t2"], ["p2"], name="maxpool", kernel_shape=[3, 3],
                         strides=[2, 2], pads=[1, 1, 1, 1], ceil_mode=1),
        helper.make_node("AveragePool", ["t2"], ["a2"], name="avgpool", kernel_shape=[2, 2],
                         strides=[2, 2]),
        helper.make_node("ConvTranspose", ["p2", "ct.w", "ct.b"], ["u2"], name="deconv",
                         kernel_shape=[2, 2], strides=[2, 2]),
        helper.make_node("Resize", ["a2", "", "", "sizes"], ["z2"], name="resize", mode="nearest"),
        helper.make_node("Concat", ["u2", "z2"], ["cat"], name="concat", axis=1),
        helper.make_node("Pad", ["cat", "pads"], ["pad"], name="pad"),
        helper.make_node("GlobalAveragePool", ["pad"], ["g"], name="gap"),
        helper.make_node("Flatten", ["g"], ["f"], name="flatten"),
        helper.make_node("Gemm", ["f", "fc.w", "fc.b"], ["y"], name="fc", transB=1),
        const("lo", 0.0, np.float32), const("hi", 6.0, np.float32),
        const("sizes", [1, 16, 4, 10]),
        const("pads", [0, 0, 1, 1, 0, 0, 1, 1]),
    ]
    inputs = [vi("x", [1, 3, 17, 19]), w("c1.w", [8, 3, 5, 3]), w("c1.b", [8]), w("bn.s", [8]),
              w("bn.b", [8]), w("bn.m", [8]), w("bn.v", [8]), w("c2.w", [16, 2, 3, 3]),
              w("ct.w", [16, 4, 2, 2]), w("ct.b", [4]), w("fc.w", [10, 20]), w("fc.b", [10])]
    g = helper.make_graph(n, "cnn_ops", inputs, [vi("y", None)])
    save(g, "cnn_ops.onnx", opset=14)  # HardSwish is opset 14


def attention(opset=17):
    # Symbolic batch and seq; 2 heads of 4, model width 8, vocabulary 11.
    E, H, D = 8, 2, 4
    n = [
        helper.make_node("Gather", ["emb", "ids"], ["e"], name="embed"),
        helper.make_node("LayerNormalization", ["e", "ln.s", "ln.b"], ["x"], name="ln", axis=-1),
        helper.make_node("MatMul", ["x", "wq"], ["q0"], name="q_proj"),
        helper.make_node("MatMul", ["x", "wk"], ["k0"], name="k_proj"),
        helper.make_node("MatMul", ["x", "wv"], ["v0"], name="v_proj"),
        helper.make_node("Add", ["q0", "bq"], ["q1"], name="q_bias"),
        helper.make_node("Shape", ["x"], ["xs"], name="shape"),
        helper.make_node("Slice", ["xs", "st0", "st2"], ["bl"], name="take_bl"),
        helper.make_node("Concat", ["bl", "hd"], ["qshape"], name="qshape", axis=0),
        helper.make_node("Reshape", ["q1", "qshape"], ["q2"], name="q_split"),
        helper.make_node("Reshape", ["k0", "qshape"], ["k2"], name="k_split"),
        helper.make_node("Reshape", ["v0", "qshape"], ["v2"], name="v_split"),
        helper.make_node("Transpose", ["q2"], ["q"], name="q_t", perm=[0, 2, 1, 3]),
        helper.make_node("Transpose", ["k2"], ["kt"], name="k_t", perm=[0, 2, 3, 1]),
        helper.make_node("Transpose", ["v2"], ["v"], name="v_t", perm=[0, 2, 1, 3]),
        helper.make_node("MatMul", ["q", "kt"], ["s"], name="scores"),
        helper.make_node("Div", ["s", "scale"], ["s1"], name="scale"),
        helper.make_node("Where", ["mask", "s1", "neg"], ["s2"], name="mask"),
        helper.make_node("Softmax", ["s2"], ["p"], name="softmax", axis=-1),
        helper.make_node("Dropout", ["p"], ["pd"], name="dropout"),
        helper.make_node("MatMul", ["pd", "v"], ["o"], name="context"),
        helper.make_node("Transpose", ["o"], ["o1"], name="merge_t", perm=[0, 2, 1, 3]),
        helper.make_node("Reshape", ["o1", "eshape"], ["o2"], name="merge"),
        helper.make_node("MatMul", ["o2", "wo"], ["a"], name="out_proj"),
        helper.make_node("Add", ["x", "a"], ["r"], name="residual"),
        helper.make_node("MatMul", ["r", "w1"], ["h1"], name="fc1"),
        helper.make_node("Erf", ["h1"], ["h2"], name="erf"),
        helper.make_node("Pow", ["h2", "two"], ["h3"], name="pow"),
        helper.make_node("Sub", ["h3", "one"], ["h4"], name="sub"),
        helper.make_node("Mul", ["h4", "h1"], ["h5"], name="mul"),
        helper.make_node("Split", ["h5", "halves"], ["h6", "h7"], name="split", axis=-1),
        helper.make_node("Squeeze", ["h6", "none"], ["h8"], name="squeeze") if False else
        helper.make_node("Identity", ["h6"], ["h8"], name="identity"),
        helper.make_node("Cast", ["h8"], ["h9"], name="cast", to=F),
        helper.make_node("Unsqueeze", ["h9", "ax0"], ["h10"], name="unsqueeze"),
        helper.make_node("Squeeze", ["h10", "ax0"], ["h11"], name="squeeze"),
        helper.make_node("ConstantOfShape", ["three"], ["ones"], name="fill",
                         value=numpy_helper.from_array(np.array([1.0], np.float32))),
        helper.make_node("Expand", ["h11", "xs_half"], ["h12"], name="expand"),
        helper.make_node("MatMul", ["h12", "w2"], ["y"], name="fc2"),
        const("st0", [0]), const("st2", [2]), const("hd", [H, D]), const("eshape", [0, 0, E]),
        const("scale", 2.0, np.float32), const("neg", -1e4, np.float32),
        const("two", 2.0, np.float32), const("one", 1.0, np.float32), const("halves", [8, 8]),
        const("ax0", [0]), const("three", [3]), const("xs_half", [1, 1, 8]),
    ]
    inputs = [vi("ids", ["batch", "seq"], TensorProto.INT64),
              vi("mask", [1, 1, "seq", "seq"], TensorProto.BOOL),
              w("emb", [11, E]), w("ln.s", [E]), w("ln.b", [E]), w("wq", [E, E]), w("wk", [E, E]),
              w("wv", [E, E]), w("bq", [E]), w("wo", [E, E]), w("w1", [E, 16]), w("w2", [8, E])]
    g = helper.make_graph(n, "attention_ops", inputs, [vi("y", None)])
    # No metadata: weights are told from data by where they are used (mask feeds Where's
    # condition, so it is data).
    save(g, "attention_ops.onnx", opset=opset)


def recurrent():
    # seq 5, batch 1, input 6, hidden 4
    n = [
        helper.make_node("LSTM", ["x", "lw", "lr", "lb"], ["ly", "", ""], name="lstm", hidden_size=4,
                         direction="bidirectional"),
        # Y is seq x directions x batch x hidden; moving the batch of 1 copies nothing.
        helper.make_node("Transpose", ["ly"], ["l2"], name="dirs_last", perm=[0, 2, 1, 3]),
        helper.make_node("Reshape", ["l2", "shp"], ["l3"], name="merge_dirs"),
        helper.make_node("GRU", ["l3", "gw", "gr"], ["gy", ""], name="gru", hidden_size=3),
        helper.make_node("Reshape", ["gy", "shp2"], ["g1"], name="drop_dirs"),
        helper.make_node("RNN", ["g1", "rw", "rr", "rb"], ["ry", ""], name="rnn", hidden_size=2),
        const("shp2", [5, 1, 3]), const("shp", [5, 1, 8]),
    ]
    inputs = [vi("x", [5, 1, 6]), w("lw", [2, 16, 6]), w("lr", [2, 16, 4]), w("lb", [2, 32]),
              w("gw", [1, 9, 8]), w("gr", [1, 9, 3]), w("rw", [1, 2, 3]), w("rr", [1, 2, 2]),
              w("rb", [1, 4])]
    g = helper.make_graph(n, "rnn_ops", inputs, [vi("ry", None)])
    save(g, "rnn_ops.onnx")


def with_initializers():
    # The same Conv + Gemm with weights stored as initializers (export_params=True).
    rng = np.random.default_rng(0)
    inits = [numpy_helper.from_array(rng.standard_normal((4, 3, 3, 3)).astype(np.float32), "cw"),
             numpy_helper.from_array(rng.standard_normal((4 * 6 * 6, 5)).astype(np.float32), "fw")]
    n = [helper.make_node("Conv", ["x", "cw"], ["c"], name="conv", kernel_shape=[3, 3]),
         helper.make_node("Flatten", ["c"], ["f"], name="flat"),
         helper.make_node("MatMul", ["f", "fw"], ["y"], name="fc")]
    g = helper.make_graph(n, "init", [vi("x", ["N", 3, 8, 8])], [vi("y", None)], initializer=inits)
    save(g, "with_initializers.onnx")
    # External data whose file is absent: shapes are in the model, the values are not.
    m = onnx.load(os.path.join(OUT, "with_initializers.onnx"))
    for t in m.graph.initializer:
        t.ClearField("raw_data")
        t.data_location = TensorProto.EXTERNAL
        t.external_data.add(key="location", value="missing_weights.bin")
    onnx.save(m, os.path.join(OUT, "external_missing.onnx"))


def broken():
    ok = onnx.load(os.path.join(OUT, "with_initializers.onnx")).SerializeToString()
    open(os.path.join(OUT, "truncated.onnx"), "wb").write(ok[: len(ok) // 3])
    open(os.path.join(OUT, "not_protobuf.onnx"), "wb").write(b"this is a text file, not ONNX\n")
    x = vi("x", [1, 4])
    cyc = helper.make_graph([helper.make_node("Relu", ["b"], ["a"], name="r1"),
                             helper.make_node("Relu", ["a"], ["b"], name="r2")],
                            "cyclic", [x], [vi("b", [1, 4])])
    save(cyc, "cyclic.onnx", check=False)
    miss = helper.make_graph([helper.make_node("Add", ["x", "ghost"], ["y"], name="add")],
                             "missing", [x], [vi("y", [1, 4])])
    save(miss, "missing_input.onnx", check=False)
    neg = helper.make_graph([helper.make_node("Relu", ["x"], ["y"], name="relu")], "neg",
                            [vi("x", [1, -3])], [vi("y", None)])
    save(neg, "negative_dim.onnx", check=False)
    fut = helper.make_graph([helper.make_node("Relu", ["x"], ["y"], name="relu")], "future", [x],
                            [vi("y", None)])
    save(fut, "future_opset.onnx", opset=99, check=False)
    uns = helper.make_graph([helper.make_node("Relu", ["x"], ["r"], name="relu"),
                             helper.make_node("TopK", ["r", "k"], ["v", "i"], name="topk"),
                             helper.make_node("Relu", ["v"], ["y"], name="relu2"),
                             const("k", [2])], "unsupported", [x], [vi("y", None)])
    save(uns, "unsupported_op.onnx")
    # An op from another domain: ONNX cannot infer its output, so it cannot be skipped either.
    cus = helper.make_graph([helper.make_node("Relu", ["x"], ["r"], name="relu"),
                             helper.make_node("Fancy", ["r"], ["f"], name="fancy",
                                              domain="com.example"),
                             helper.make_node("Relu", ["f"], ["y"], name="relu2")],
                            "custom", [x], [vi("y", None)])
    m = helper.make_model(cus, opset_imports=[helper.make_opsetid("", 13),
                                              helper.make_opsetid("com.example", 1)])
    m.ir_version = 7
    onnx.save(m, os.path.join(OUT, "custom_domain_op.onnx"))
    sym = helper.make_graph([helper.make_node("Relu", ["x"], ["y"], name="relu")], "sym",
                            [vi("x", ["batch", "seq", 4])], [vi("y", None)])
    save(sym, "symbolic.onnx")


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    cnn()
    attention()
    recurrent()
    with_initializers()
    broken()
