// SPDX-License-Identifier: MIT
// Wall time of one Simulator::run (planning, elaboration in a fresh SystemC context, sc_start,
// collection) on zoo networks. Targets and recorded figures: docs/performance.md.
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include "headroom/accel/dram_types.hpp"
#include "headroom/accel/simulator.hpp"
#include "headroom/models/lowering.hpp"
#include "headroom/models/zoo.hpp"

namespace {

using namespace headroom;

accel::AcceleratorConfig array_config(std::uint32_t side, accel::Dataflow dataflow) {
  accel::AcceleratorConfig c;
  c.name = "bench";
  c.clock = units::megahertz(1000);
  c.array = {side, side, 1, dataflow, {{accel::Precision::INT8, 1}}};
  c.sram.ifmap.size_bytes = c.sram.filter.size_bytes = c.sram.ofmap.size_bytes = 1 << 20;
  const auto hbm2 = accel::find_dram_type("hbm2");
  c.dram.type = hbm2->name;
  c.dram.bandwidth = hbm2->bandwidth;
  c.dram.latency = hbm2->latency;
  c.dram.burst_bytes = hbm2->burst_bytes;
  c.vector.lanes = side;
  return c;
}

void run_network(benchmark::State& state, const char* network, accel::AcceleratorConfig config) {
  const models::Trace trace = models::lower_forward(models::make_network(network));
  accel::Simulator sim;
  accel::RunStats s;
  for (auto _ : state) {
    s = sim.run(config, trace, accel::Precision::INT8);
    benchmark::DoNotOptimize(s.total_cycles);
  }
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  state.counters["simulated_cycles"] = static_cast<double>(s.total_cycles);
  state.counters["stall_cycles"] = static_cast<double>(s.stall_cycles);
  state.counters["trace_ops"] = static_cast<double>(trace.ops.size());
  state.counters["peak_rss_mb"] = static_cast<double>(usage.ru_maxrss) / 1024.0;
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

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}

// libsystemc.so references sc_main (declared extern "C" in its headers); never called here.
extern "C" int sc_main(int, char*[]) { return 0; }
