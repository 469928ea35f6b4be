// SPDX-License-Identifier: MIT
#include "sc/compute_engine.hpp"

#include "sc/sim_time.hpp"

namespace headroom::accel::sc {

ComputeEngine::ComputeEngine(const sc_core::sc_module_name& name, DoubleBuffers& buffers)
    : sc_core::sc_module(name), buffers_(buffers) {
  SC_THREAD(run);
}

void ComputeEngine::run() {
  std::uint64_t index = 0;
  for (std::size_t op = 0; op < buffers_.plans.size(); ++op) {
    for (const auto& step : buffers_.plans[op].steps) {
      while (buffers_.filled <= index) wait(buffers_.filled_event);
      while (step.write_bytes > 0 && buffers_.pending_writes.size() >= DoubleBuffers::kOutputSlots)
        wait(buffers_.write_done);
      if (step.compute_cycles > 0) wait(cycles_to_time(step.compute_cycles));
      ++index;
      buffers_.consumed = index;
      buffers_.consumed_event.notify();
      if (step.write_bytes > 0) {
        buffers_.pending_writes.push_back(step.write_bytes);
        buffers_.write_posted.notify();
      }
    }
    buffers_.op_end[op] = sc_core::sc_time_stamp();
  }
  buffers_.compute_done = true;
  buffers_.write_posted.notify();
}

}  // namespace headroom::accel::sc
