// SPDX-License-Identifier: MIT
// ONNX import speed: parse, shape inference, mapping to the layer IR and forward lowering.
// Targets (issue 9): ResNet-152 < 100 ms, the GPT decoder (1 MB, 12 layers) < 200 ms.
#include <benchmark/benchmark.h>

#include <string>

#include "headroom/models/lowering.hpp"
#include "headroom/models/workload.hpp"

namespace {

void load_and_lower(benchmark::State& state, const std::string& path) {
  const headroom::models::WorkloadSpec spec{
      .network = std::string(HEADROOM_SOURCE_DIR) + "/" + path,
      .batch = 1,
      .image_size = std::nullopt,
      .seq_len = std::nullopt,
      .onnx = {}};
  std::size_t ops = 0;
  for (auto _ : state) {
    const headroom::models::Trace t =
        headroom::models::lower_forward(headroom::models::load_network(spec));
    ops = t.ops.size();
    benchmark::DoNotOptimize(ops);
  }
  state.counters["trace_ops"] = static_cast<double>(ops);
}

// bench/data/resnet152.onnx: written by bench/make_resnet152_onnx.py (360 nodes, 55 kB).
void BM_OnnxResNet152(benchmark::State& state) {
  load_and_lower(state, "bench/data/resnet152.onnx");
}
BENCHMARK(BM_OnnxResNet152)->Unit(benchmark::kMillisecond);

// The GPT-2-small-shaped decoder from ../shared/peers/onnx (990 kB, 12 layers, 988 nodes).
void BM_OnnxGptDecoder(benchmark::State& state) {
  load_and_lower(state, "tests/data/onnx/gpt_decoder.onnx");
}
BENCHMARK(BM_OnnxGptDecoder)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
