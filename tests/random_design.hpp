// SPDX-License-Identifier: MIT
// Random valid accelerator configs and small networks for the property tests
// (tests/sim/property_test.cpp). Everything comes from one seed, which a failing test prints, so a
// failure can be replayed exactly: the draws use std::mt19937_64 (its output is fixed by the
// standard) and their own mapping to ranges, not std::uniform_int_distribution (whose output is
// left to the library).
#pragma once

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "headroom/models/layer.hpp"
#include "headroom/models/network.hpp"

namespace headroom::test {

class Draw {
 public:
  explicit Draw(std::uint64_t seed) : rng_(seed) {}
  // A whole number in [lo, hi].
  std::uint64_t between(std::uint64_t lo, std::uint64_t hi) { return lo + rng_() % (hi - lo + 1); }
  template <typename T>
  const T& one_of(const std::vector<T>& choices) {
    return choices[between(0, choices.size() - 1)];
  }

 private:
  std::mt19937_64 rng_;
};

// The knobs the properties turn, kept apart from the YAML so a test can change one and rewrite.
struct RandomAccel {
  std::uint64_t rows = 0, cols = 0, count = 1;
  std::string dataflow;
  std::string precision;
  std::uint64_t macs_per_pe = 1;
  std::uint64_t clock_mhz = 0;
  bool unified = true;
  std::uint64_t unified_kib = 0, ifmap_kib = 0, filter_kib = 0, ofmap_kib = 0;
  std::string dram_type;
  std::uint64_t dram_mb_per_s = 0;  // even, so that it halves exactly
  std::uint64_t vector_lanes = 0;
  std::uint64_t node_nm = 0;

  [[nodiscard]] std::string yaml() const {
    std::string y = fmt::format(
        "name: random\nclock: \"{} MHz\"\nprecision: {}\n"
        "array: {{rows: {}, cols: {}, count: {}, dataflow: {}, "
        "macs_per_pe_per_cycle: {{{}: {}}}}}\n",
        clock_mhz, precision, rows, cols, count, dataflow, precision, macs_per_pe);
    if (unified)
      y += fmt::format("sram: {{unified: {{size: \"{} KiB\"}}}}\n", unified_kib);
    else
      y += fmt::format(
          "sram: {{ifmap: {{size: \"{} KiB\"}}, filter: {{size: \"{} KiB\"}}, "
          "ofmap: {{size: \"{} KiB\"}}}}\n",
          ifmap_kib, filter_kib, ofmap_kib);
    y += fmt::format("dram: {{type: {}, bandwidth: \"{} MB/s\"}}\n", dram_type, dram_mb_per_s);
    y += fmt::format("vector: {{lanes: {}}}\ntech: {{node: \"{} nm\"}}\n", vector_lanes, node_nm);
    return y;
  }
};

inline RandomAccel random_accel(Draw& d) {
  RandomAccel a;
  a.rows = d.between(2, 64);
  a.cols = d.between(2, 64);
  a.count = d.between(1, 2);
  a.dataflow = d.one_of<std::string>({"ws", "os", "is"});
  a.precision = d.one_of<std::string>({"int8", "fp16", "bf16", "fp32"});
  a.macs_per_pe = d.between(1, 2);
  a.clock_mhz = d.between(100, 1500);
  a.unified = d.between(0, 1) == 1;
  // Large enough for one double-buffered tile of any array drawn here, doubled (the simulator
  // refuses a buffer that cannot hold one; tests/data/bad covers that).
  a.unified_kib = d.between(512, 8192);
  a.ifmap_kib = d.between(256, 4096);
  a.filter_kib = d.between(256, 4096);
  a.ofmap_kib = d.between(256, 4096);
  a.dram_type = d.one_of<std::string>({"ddr3", "ddr4", "lpddr5", "gddr6", "hbm2"});
  a.dram_mb_per_s = 2 * d.between(500, 100000);  // 1 GB/s to 200 GB/s
  a.vector_lanes = d.between(1, 128);
  a.node_nm = d.one_of<std::uint64_t>({7, 16, 28, 45, 65});
  return a;
}

// 1 to 4 layers, each a convolution or a fully connected layer of random shape. The layers need
// not chain: the simulator takes each as given.
struct RandomNetwork {
  std::uint64_t batch = 1;
  std::vector<models::Layer> layers;

  [[nodiscard]] models::Network network() const {
    return models::Network({.name = "random",
                            .batch = batch,
                            .units_per_item = 1,
                            .unit_of_work = "image",
                            .input = "random"},
                           layers);
  }
  // Forward MACs of the whole batch, from the shapes alone (an independent count).
  [[nodiscard]] std::vector<std::uint64_t> layer_macs() const {
    std::vector<std::uint64_t> macs;
    for (const auto& l : layers) {
      if (const auto* c = std::get_if<models::Conv2d>(&l.params)) {
        const std::uint64_t oh = (c->in_h + 2 * c->pad_h - c->kernel_h) / c->stride_h + 1;
        const std::uint64_t ow = (c->in_w + 2 * c->pad_w - c->kernel_w) / c->stride_w + 1;
        macs.push_back(batch * oh * ow * c->kernel_h * c->kernel_w * c->in_channels *
                       c->out_channels);
      } else {
        const auto& f = std::get<models::Dense>(l.params);
        macs.push_back(batch * f.rows * f.in_features * f.out_features);
      }
    }
    return macs;
  }
};

inline RandomNetwork random_network(Draw& d) {
  RandomNetwork n;
  n.batch = d.between(1, 4);
  const std::uint64_t count = d.between(1, 4);
  for (std::uint64_t i = 0; i < count; ++i) {
    models::Layer l;
    l.name = "layer" + std::to_string(i);
    if (d.between(0, 1) == 0) {
      models::Conv2d c;
      c.in_channels = d.between(1, 48);
      c.in_h = c.in_w = d.between(4, 28);
      c.out_channels = d.between(1, 48);
      // A kernel at most the input's side: the output is never empty.
      c.kernel_h = c.kernel_w = d.between(1, 5);
      c.stride_h = c.stride_w = d.between(1, 2);
      c.pad_h = c.pad_w = d.between(0, c.kernel_h / 2);
      c.in_h = c.in_w = std::max(c.in_h, c.kernel_h);
      l.params = c;
    } else {
      models::Dense f;
      f.rows = d.between(1, 16);
      f.in_features = d.between(1, 512);
      f.out_features = d.between(1, 512);
      l.params = f;
    }
    n.layers.push_back(l);
  }
  return n;
}

// A SCALE-Sim topology (forward only, no padding) for the runs through the real CLI: all
// convolutions or all GEMMs, 1 to 4 rows.
inline std::string random_topology_csv(Draw& d) {
  const std::uint64_t rows = d.between(1, 4);
  if (d.between(0, 1) == 0) {
    std::string csv = "Layer Name, M, N, K,\n";
    for (std::uint64_t i = 0; i < rows; ++i)
      csv += fmt::format("gemm{}, {}, {}, {},\n", i, d.between(1, 300), d.between(1, 300),
                         d.between(1, 300));
    return csv;
  }
  std::string csv =
      "Layer name, IFMAP Height, IFMAP Width, Filter Height, Filter Width, Channels, Num Filter, "
      "Strides,\n";
  for (std::uint64_t i = 0; i < rows; ++i) {
    const std::uint64_t side = d.between(3, 24);
    const std::uint64_t kernel = d.between(1, std::min<std::uint64_t>(side, 5));
    csv += fmt::format("conv{}, {}, {}, {}, {}, {}, {}, {},\n", i, side, side, kernel, kernel,
                       d.between(1, 32), d.between(1, 32), d.between(1, 2));
  }
  return csv;
}

}  // namespace headroom::test
