// SPDX-License-Identifier: MIT
// Wall time of one Simulator::run (planning, elaboration in a fresh SystemC context, sc_start,
// collection) on zoo networks. Targets and recorded figures: docs/performance.md.
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include "headroom/accel/dram_types.hpp"
#include "headroom/accel/simulator.hpp"
#include "headroom/models/lowering.hpp"
#include "headroom/models/zoo.hpp"
#include "headroom/sim/run.hpp"

namespace {

using namespace headroom;

accel::AcceleratorConfig array_config(std::uint32_t side, accel::Dataflow dataflow) {
  accel::AcceleratorConfig c;
  c.name = "bench";
  c.clock = units::megahertz(1000);
  c.array = {side, side, 1, dataflow, {{accel::Precision::INT8, 1}}, {}};
  c.sram.ifmap.size_bytes = c.sram.filter.size_bytes = c.sram.ofmap.size_bytes = 1 << 20;
  const auto hbm2 = accel::find_dram_type("hbm2");
  c.dram.type = hbm2->name;
  c.dram.bandwidth = hbm2->bandwidth;
  c.dram.latency = hbm2->latency;
  c.dram.burst_bytes = hbm2->burst_bytes;
  c.vector.lanes = side;
  return c;
}

void run_trace(benchmark::State& state, const models::Trace& trace,
               const accel::AcceleratorConfig& config,
               accel::Precision precision = accel::Precision::INT8) {
  accel::Simulator sim;
  accel::RunStats s;
  for (auto _ : state) {
    s = sim.run(config, trace, precision);
    benchmark::DoNotOptimize(s.total_cycles);
  }
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  state.counters["simulated_cycles"] = static_cast<double>(s.total_cycles);
  state.counters["stall_cycles"] = static_cast<double>(s.stall_cycles);
  state.counters["trace_ops"] = static_cast<double>(trace.ops.size());
  state.counters["peak_rss_mb"] = static_cast<double>(usage.ru_maxrss) / 1024.0;
}

void run_network(benchmark::State& state, const char* network,
                 const accel::AcceleratorConfig& config) {
  run_trace(state, models::lower_forward(models::make_network(network)), config);
}

void BM_ResNet50_128x128_WS_Hbm2(benchmark::State& state) {
  run_network(state, "resnet50", array_config(128, accel::Dataflow::WeightStationary));
}
BENCHMARK(BM_ResNet50_128x128_WS_Hbm2)->Unit(benchmark::kMillisecond);

void BM_AlexNet_32x32_OS_Ideal(benchmark::State& state) {
  auto config = array_config(32, accel::Dataflow::OutputStationary);
  config.dram.ideal = true;
  run_network(state, "alexnet", config);
}
BENCHMARK(BM_AlexNet_32x32_OS_Ideal)->Unit(benchmark::kMillisecond);

// The blocked-tiling case: a 12 x 14 OS array, one 108 KiB unified buffer, 1.6 GB/s (the
// Eyeriss-like shape of configs/accel/eyeriss-65nm.yaml), AlexNet at batch 4. Its FC layers plan
// hundreds of thousands of fine K chunks before they are merged into at most 2048 steps.
void BM_AlexNetBatch4_12x14_OS_Unified108KiB(benchmark::State& state) {
  auto config = array_config(12, accel::Dataflow::OutputStationary);
  config.clock = units::megahertz(200);
  config.array.cols = 14;
  config.sram.unified = true;
  config.sram.unified_buffer.size_bytes = 108 * 1024;
  config.dram.bandwidth = units::gigabytes_per_second(1.6);
  models::ZooOptions batch4;
  batch4.batch = 4;
  const models::Trace trace = models::lower_forward(models::make_network("alexnet", batch4));
  run_trace(state, trace, config);
}
BENCHMARK(BM_AlexNetBatch4_12x14_OS_Unified108KiB)->Unit(benchmark::kMillisecond);

// The LLM-scale cases of issue 18, on shipped configs at their own precision: what
// `headroom run --accel CONFIG --network NAME [--training]` simulates.
void run_shipped(benchmark::State& state, const char* config_file, const char* network,
                 bool training) {
  const accel::AcceleratorConfig config =
      sim::load_accelerator(std::string(HEADROOM_SOURCE_DIR) + "/configs/accel/" + config_file);
  const models::Network net = models::make_network(network);
  const models::Trace trace = training
                                  ? models::lower_training_step(net, models::Optimizer::SgdMomentum)
                                  : models::lower_forward(net);
  run_trace(state, trace, config, config.precision);
}

void BM_ResNet50_Training_TrainingChip(benchmark::State& state) {
  run_shipped(state, "training-chip-4x128-bf16.yaml", "resnet50", true);
}
BENCHMARK(BM_ResNet50_Training_TrainingChip)->Unit(benchmark::kMillisecond);

void BM_Llama3_405B_Training_TrainingChip(benchmark::State& state) {
  run_shipped(state, "training-chip-4x128-bf16.yaml", "llama3_405b", true);
}
BENCHMARK(BM_Llama3_405B_Training_TrainingChip)->Unit(benchmark::kMillisecond)->Iterations(1);

void BM_GPT3_175B_Inference_Eyeriss(benchmark::State& state) {
  run_shipped(state, "eyeriss-65nm.yaml", "gpt3_175b", false);
}
BENCHMARK(BM_GPT3_175B_Inference_Eyeriss)->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}

// libsystemc.so references sc_main (declared extern "C" in its headers); never called here.
extern "C" int sc_main(int, char*[]) { return 0; }
