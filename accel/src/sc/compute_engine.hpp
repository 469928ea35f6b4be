// SPDX-License-Identifier: MIT
// The MAC array(s) and the vector unit, executing the planned steps in trace order. Each step is
// one timed wait of its closed-form cycles (fold_timing per fold); the engine stalls while its
// inputs are not in SRAM or both output slots are still draining.
#pragma once

#include <systemc>

#include "sc/double_buffers.hpp"

namespace headroom::accel::sc {

class ComputeEngine : public sc_core::sc_module {
 public:
  SC_HAS_PROCESS(ComputeEngine);
  ComputeEngine(const sc_core::sc_module_name& name, DoubleBuffers& buffers);

 private:
  void run();

  DoubleBuffers& buffers_;
};

}  // namespace headroom::accel::sc
