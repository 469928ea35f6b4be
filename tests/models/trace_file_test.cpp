// SPDX-License-Identifier: MIT
// Trace files (docs/layer-ir.md): written and read back op for op for every zoo network,
// inference and training; bad files named by line; torch.profiler traces against the zoo and
// ONNX counts of the same networks.
#include "headroom/models/trace_file.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "../temp_dir.hpp"
#include "headroom/models/error.hpp"
#include "headroom/models/workload.hpp"
#include "headroom/models/zoo.hpp"

namespace headroom::models {
namespace {

const std::string kTraceDir = std::string(HEADROOM_SOURCE_DIR) + "/tests/data/trace/";

void expect_same_ops(const Trace& a, const Trace& b, const std::string& what) {
  ASSERT_EQ(a.ops.size(), b.ops.size()) << what;
  EXPECT_EQ(a.network, b.network) << what;
  EXPECT_EQ(a.batch, b.batch) << what;
  for (std::size_t i = 0; i < a.ops.size(); ++i) {
    const TraceOp& x = a.ops[i];
    const TraceOp& y = b.ops[i];
    const std::string at = what + " op " + std::to_string(i);
    ASSERT_EQ(x.layer, y.layer) << at;
    ASSERT_EQ(x.phase, y.phase) << at;
    ASSERT_EQ(x.kind, y.kind) << at;
    if (x.kind == TraceOp::Kind::Gemm) {
      ASSERT_EQ(x.gemm.m, y.gemm.m) << at;
      ASSERT_EQ(x.gemm.n, y.gemm.n) << at;
      ASSERT_EQ(x.gemm.k, y.gemm.k) << at;
      ASSERT_EQ(x.gemm.count, y.gemm.count) << at;
      ASSERT_EQ(x.gemm.a_unique_elements, y.gemm.a_unique_elements) << at;
      ASSERT_EQ(x.gemm.b_unique_elements, y.gemm.b_unique_elements) << at;
      // A convolution's rows (depth-first chains) travel with it.
      const ConvRows& r = x.gemm.rows;
      const ConvRows& q = y.gemm.rows;
      ASSERT_EQ(r.known(), q.known()) << at;
      ASSERT_EQ(std::vector({r.in_h, r.in_w, r.in_c, r.out_h, r.out_w, r.kernel_h, r.stride_h}),
                std::vector({q.in_h, q.in_w, q.in_c, q.out_h, q.out_w, q.kernel_h, q.stride_h}))
          << at;
    } else {
      ASSERT_EQ(x.vector.kind, y.vector.kind) << at;
      ASSERT_EQ(x.vector.elements, y.vector.elements) << at;
      ASSERT_EQ(x.vector.ops, y.vector.ops) << at;
      ASSERT_EQ(x.vector.input_elements, y.vector.input_elements) << at;
    }
  }
}

// Every zoo network at batch 2, inference and an Adam training step: the file read back lowers
// to exactly the ops the network lowers to, so the simulator is handed the same trace (the CLI
// tests in tests/sim/trace_cli_test.cpp run both through the simulator for a few of them).
TEST(TraceFile, EveryZooNetworkRoundTripsOpForOp) {
  for (const auto& entry : zoo_entries()) {
    const Network net = make_network(entry.name, ZooOptions{2, std::nullopt, std::nullopt});
    for (const bool training : {false, true}) {
      const std::string what = entry.name + (training ? " training" : " inference");
      const std::string text = trace_file_text(net, training, Optimizer::Adam, Precision::BF16);
      const Network back = parse_trace_file(text, "t.jsonl");
      ASSERT_NE(back.lowered(), nullptr) << what;
      const Trace expected =
          training ? lower_training_step(net, Optimizer::Adam) : lower_forward(net);
      const Trace got = training ? lower_training_step(back, Optimizer::Adam) : lower_forward(back);
      expect_same_ops(expected, got, what);
      EXPECT_EQ(back.parameters(), net.parameters()) << what;
      EXPECT_EQ(back.forward_macs(), net.forward_macs()) << what;
      EXPECT_EQ(back.forward_vector_ops(), net.forward_vector_ops()) << what;
      EXPECT_EQ(back.units_per_item(), net.units_per_item()) << what;
      EXPECT_EQ(back.unit_of_work(), net.unit_of_work()) << what;
      // Written again, the same bytes: the format holds everything lowering produced.
      EXPECT_EQ(trace_file_text(back, training, Optimizer::Adam, Precision::BF16), text) << what;
    }
  }
}

TEST(TraceFile, ModeAndOptimizerMustMatchTheRun) {
  const Network net = make_network("resnet18", {});
  const Network inference =
      parse_trace_file(trace_file_text(net, false, Optimizer::Sgd, Precision::FP32), "i.jsonl");
  const Network training =
      parse_trace_file(trace_file_text(net, true, Optimizer::Sgd, Precision::FP32), "t.jsonl");
  EXPECT_THROW((void)lower_training_step(inference, Optimizer::Sgd), InputError);
  EXPECT_THROW((void)lower_forward(training), InputError);
  try {
    (void)lower_training_step(training, Optimizer::Adam);
    FAIL() << "a training trace ran with another optimizer";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("--optimizer sgd"), std::string::npos) << e.what();
  }
}

// A hand-written trace: two GEMMs and a ReLU; the MACs are 64*32*16 + 4*(8*8*8).
const char* kHeader =
    R"({"format":"headroom-trace","version":1,"network":"hand","batch":1,"mode":"inference",)"
    R"("precision":"fp16","ops":3})";
const char* kGemm = R"({"layer":"fc","phase":"forward","kind":"gemm","m":64,"n":32,"k":16})";
const char* kBmm = R"({"layer":"bmm","phase":"forward","kind":"gemm","m":8,"n":8,"k":8,"count":4})";
const char* kRelu =
    R"({"layer":"relu","phase":"forward","kind":"vector","vector_kind":"activation",)"
    R"("elements":2048,"input_elements":2048,"ops":2048,"bytes":8192})";

std::string lines(std::initializer_list<std::string> l) {
  std::string out;
  for (const auto& s : l) out += s + "\n";
  return out;
}

TEST(TraceFile, HandWrittenTraceRuns) {
  const Network n = parse_trace_file(lines({kHeader, kGemm, kBmm, kRelu}), "hand.jsonl");
  EXPECT_EQ(n.name(), "hand");
  EXPECT_EQ(n.forward_macs(), 64U * 32 * 16 + 4 * 8 * 8 * 8);
  EXPECT_EQ(n.forward_vector_ops(), 2048U);
  EXPECT_EQ(lower_forward(n).ops.size(), 3U);
}

std::string error_of(const std::string& text) {
  try {
    (void)parse_trace_file(text, "bad.jsonl");
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

void expect_error(const std::string& text, const std::string& fragment) {
  const std::string e = error_of(text);
  EXPECT_NE(e.find(fragment), std::string::npos) << "expected '" << fragment << "' in: " << e;
}

std::string replace(std::string s, const std::string& from, const std::string& to) {
  const auto at = s.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  return s.replace(at, from.size(), to);
}

TEST(TraceFile, BadTracesNameTheLine) {
  expect_error(lines({replace(kHeader, "\"version\":1", "\"version\":2"), kGemm, kBmm, kRelu}),
               "bad.jsonl:1: version: expected version 1");
  expect_error(lines({kHeader, replace(kGemm, "\"m\":64", "\"m\":-64"), kBmm, kRelu}),
               "bad.jsonl:2: m: expected a positive integer, found '-64'");
  expect_error(lines({kHeader, replace(kGemm, "\"n\":32", "\"n\":0"), kBmm, kRelu}),
               "bad.jsonl:2: n: expected a positive integer, found '0'");
  expect_error(lines({kHeader, kGemm, replace(kBmm, ",\"k\":8", ""), kRelu}),
               "bad.jsonl:3: k: expected a positive integer, found the key missing");
  expect_error(lines({kHeader, kGemm, kBmm, replace(kRelu, "8192", "8000")}),
               "bad.jsonl:4: bytes: expected 8192");
  expect_error(lines({kHeader, kGemm, replace(kBmm, "\"count\"", "\"cout\"")}),
               "bad.jsonl:3: cout: expected a key of a GEMM op");
  // Truncated inside a line, and at a line boundary (the header's op count).
  const std::string whole = lines({kHeader, kGemm, kBmm, kRelu});
  expect_error(whole.substr(0, whole.size() - 20),
               "bad.jsonl:4: expected one JSON object per line, found malformed JSON");
  expect_error(lines({kHeader, kGemm, kBmm}), "bad.jsonl:3: ops: expected 3 ops");
  expect_error(lines({kHeader, kGemm, kBmm, kRelu, kRelu}), "bad.jsonl:5: expected 3 ops");
  expect_error(lines({kGemm}), "bad.jsonl:1: format: expected \"headroom-trace\"");
  expect_error("", "expected a trace header line, found an empty file");
  expect_error(lines({kHeader, std::string(kTraceLineCap + 1, ' ')}),
               "bad.jsonl:2: expected a line of at most 16384 bytes, found 16385 bytes");
  expect_error(lines({replace(kHeader, "\"inference\"", "\"training\"")}),
               "bad.jsonl:1: optimizer: expected a string, found the key missing");
  expect_error(lines({kHeader, replace(kGemm, "forward", "backward_data")}),
               "bad.jsonl:2: phase: expected forward in an inference trace");
  expect_error(
      lines({kHeader, replace(kGemm, "\"m\":64", "\"m\":4294967296,\"count\":4294967296")}),
      "bad.jsonl:2: expected counts whose products fit in 64 bits");
}

// An INT4 trace counts a vector op's bytes packed, two values to a byte, rounded up: 2048 + 2048
// values are 2048 bytes, and an odd 2047 + 2048 are 2048 (2047.5 rounded up).
TEST(TraceFile, Int4BytesArePackedAndRoundedUp) {
  const std::string header = replace(kHeader, "fp16", "int4");
  const Network n =
      parse_trace_file(lines({header, kGemm, kBmm, replace(kRelu, "8192", "2048")}), "i4.jsonl");
  EXPECT_EQ(n.forward_vector_ops(), 2048U);
  const std::string odd =
      replace(replace(kRelu, "8192", "2048"), "\"elements\":2048", "\"elements\":2047");
  EXPECT_NO_THROW((void)parse_trace_file(lines({header, kGemm, kBmm, odd}), "i4.jsonl"));
  expect_error(lines({header, kGemm, kBmm, replace(odd, "2048}", "2047}")}),
               "bad.jsonl:4: bytes: expected 2048 = (elements + input_elements) x 0.5 B of the "
               "header's int4, rounded up to whole bytes");
  // Written by Headroom: the same rule.
  const std::string text =
      trace_file_text(make_network("kws_ds_cnn"), false, Optimizer::Adam, Precision::INT4);
  EXPECT_NE(text.find("\"precision\":\"int4\""), std::string::npos);
  EXPECT_NO_THROW((void)parse_trace_file(text, "kws.jsonl"));
}

// A 10 GB file of one line (sparse, so the test writes nothing): refused by its size before any
// of it is read, for both trace readers.
TEST(TraceFile, TenGigabyteLineIsRefusedUnread) {
  const test::TempDir dir;
  for (const char* name : {"big.jsonl", "big.json"}) {
    const std::string path = dir.file(name);
    std::ofstream(path) << "{";
    std::filesystem::resize_file(path, std::uint64_t{10} << 30);
    try {
      (void)load_network({.network = path,
                          .batch = 1,
                          .image_size = std::nullopt,
                          .seq_len = std::nullopt,
                          .onnx = {}});
      ADD_FAILURE() << name << " was read";
    } catch (const InputError& e) {
      EXPECT_NE(std::string(e.what()).find("of at most 1 GiB"), std::string::npos) << e.what();
    }
  }
}

// torch.profiler traces (scripts/record_torch_trace.py) against independent counts of the same
// networks: the zoo's ResNet-18 and the ONNX export of TinyBert (tests/data/onnx).
std::uint64_t gemm_macs(const Network& n) { return lower_forward(n).total_macs(); }

Network load(const std::string& path) {
  return load_network({.network = path,
                       .batch = 1,
                       .image_size = std::nullopt,
                       .seq_len = std::nullopt,
                       .onnx = {}});
}

TEST(TorchProfile, ResNet18GemmMacsEqualTheZooAndOnnx) {
  const Network profiled = load(kTraceDir + "resnet18_b1.json");
  const Trace t = lower_forward(profiled);
  std::size_t gemms = 0;
  for (const auto& op : t.ops) gemms += op.kind == TraceOp::Kind::Gemm;
  EXPECT_EQ(gemms, 21U);  // 17 convs, 3 downsample convs, the classifier
  EXPECT_EQ(gemm_macs(profiled), make_network("resnet18", {}).forward_macs());
  const std::string onnx = std::string(HEADROOM_SOURCE_DIR) + "/tests/data/onnx/resnet18.onnx";
  EXPECT_EQ(gemm_macs(profiled), load(onnx).forward_macs());
  // Nothing dropped silently: pooling and views are listed with their counts.
  std::map<std::string, std::string> skipped;
  for (const auto& s : profiled.skipped()) skipped[s.op_type] = s.node;
  EXPECT_EQ(skipped["aten::max_pool2d"], "aten::max_pool2d (1 call)");
  EXPECT_EQ(skipped["aten::adaptive_avg_pool2d"], "aten::adaptive_avg_pool2d (1 call)");
  EXPECT_EQ(skipped["aten::flatten"], "aten::flatten (1 call)");
}

TEST(TorchProfile, TinyBertGemmMacsEqualItsOnnxExport) {
  const Network profiled = load(kTraceDir + "tiny_bert_s16.json");
  OnnxOptions o;
  o.dims = {{"seq", 16}};
  const Network onnx = read_onnx_network(
      std::string(HEADROOM_SOURCE_DIR) + "/tests/data/onnx/gen/tiny_bert.onnx", 1, o);
  EXPECT_EQ(gemm_macs(profiled), onnx.forward_macs());
  // Softmax, layer norm and GELU became vector ops: 2 layers x (softmax + 2 norms + GELU).
  std::map<VectorKind, int> vectors;
  for (const auto& op : lower_forward(profiled).ops)
    if (op.kind == TraceOp::Kind::Vector) ++vectors[op.vector.kind];
  EXPECT_EQ(vectors[VectorKind::Softmax], 2);
  EXPECT_EQ(vectors[VectorKind::Norm], 4);
  EXPECT_EQ(vectors[VectorKind::Activation], 2);
  EXPECT_EQ(vectors[VectorKind::Embedding], 1);
}

// Torch >= 2.1 records the scalar arguments: a 3x3 stride-2 pad-1 conv on 1x8x15x15 gives
// 8x8 outputs ((15 + 2 - 3) / 2 + 1), with no later op to read the size from; 'same' keeps 15x15.
TEST(TorchProfile, ConvOutputFromConcreteInputs) {
  const auto conv = [](const std::string& padding) {
    return parse_torch_profile(
        R"([{"ph":"X","cat":"cpu_op","name":"aten::conv2d","ts":0,"dur":9,"args":{)"
        R"("Input Dims":[[1,8,15,15],[16,8,3,3],[],[],[],[],[]],)"
        R"("Concrete Inputs":["","","","[)" +
            std::string(padding == "\"same\"" ? "1, 1" : "2, 2") + R"(]",)" + padding +
            R"(,"[1, 1]","1"]}}])",
        "conv.json");
  };
  EXPECT_EQ(gemm_macs(conv(R"("[1, 1]")")), 8U * 8 * 16 * 8 * 3 * 3);
  EXPECT_EQ(gemm_macs(conv(R"("same")")), 15U * 15 * 16 * 8 * 3 * 3);
}

std::string torch_error_of(const std::string& text) {
  try {
    (void)parse_torch_profile(text, "prof.json");
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

TEST(TorchProfile, BadProfilesAreInputErrors) {
  EXPECT_NE(torch_error_of("{\"traceEvents\": [\n{\"ph\":\"X\",").find("prof.json:2:"),
            std::string::npos);
  const std::string mm =
      R"([{"ph":"X","cat":"cpu_op","name":"aten::mm","ts":0,"dur":5,"args":{"Input Dims":[[4,8]]}}])";
  EXPECT_NE(torch_error_of(mm).find("traceEvents[0] (aten::mm)"), std::string::npos);
  const std::string negative =
      R"([{"ph":"X","name":"aten::mm","ts":0,"dur":5,"args":{"Input Dims":[[4,-8],[8,2]]}}])";
  EXPECT_NE(torch_error_of(negative).find("Input Dims"), std::string::npos);
  EXPECT_NE(torch_error_of(R"([{"ph":"X","name":"aten::view","ts":0,"dur":1}])")
                .find("no GEMM or vector op"),
            std::string::npos);
}

}  // namespace
}  // namespace headroom::models
