// SPDX-License-Identifier: MIT
#include "sc/compute_engine.hpp"

#include "headroom/accel/simulator.hpp"
#include "headroom/models/error.hpp"
#include "sc/sim_time.hpp"
#include "sc/steady_state.hpp"

namespace headroom::accel::sc {

ComputeEngine::ComputeEngine(const sc_core::sc_module_name& name, DoubleBuffers& buffers)
    : sc_core::sc_module(name), buffers_(buffers) {
  SC_THREAD(run);
}

void ComputeEngine::run() {
  try {
    std::uint64_t index = 0;
    SteadyState steady;
    for (; buffers_.compute_op < buffers_.planner.size(); ++buffers_.compute_op) {
      if (steady.at_op_start(buffers_) > 0) {
        buffers_.release_ops();
        if (buffers_.compute_op >= buffers_.planner.size()) break;
      }
      const OpPlan& op = buffers_.planner.op(buffers_.compute_op);
      for (const auto& step : op.steps) {
        while (buffers_.filled <= index) wait(buffers_.filled_event);
        if (buffers_.ready_at.front() > sc_core::sc_time_stamp())
          wait(buffers_.ready_at.front() - sc_core::sc_time_stamp());
        while (step.write_bytes > 0 &&
               buffers_.pending_writes.size() >= DoubleBuffers::kOutputSlots)
          wait(buffers_.write_done);
        if (step.compute_cycles > 0) wait(cycles_to_time(step.compute_cycles));
        ++index;
        buffers_.consumed_one();
        if (step.write_bytes > 0) {
          buffers_.pending_writes.push_back(step.write_bytes);
          buffers_.write_posted.notify();
        }
      }
      buffers_.op_end[buffers_.compute_op] = buffers_.now();
      // An op cannot wrap the clock (the planner bounds each op), a run of them can.
      if (buffers_.op_end[buffers_.compute_op] > cycles_to_time(kMaxRunCycles))
        refuse_run_too_long(buffers_.planner.config(),
                            "more than the limit by the end of layer " +
                                buffers_.planner.trace_op(buffers_.compute_op).layer);
      buffers_.op_stats.push_back(op.stats);
      buffers_.op_vector_busy.push_back(op.vector_busy_cycles);
      buffers_.release_ops();
    }
  } catch (const InputError&) {
    buffers_.error = std::current_exception();
    sc_core::sc_stop();
  }
  buffers_.compute_done = true;
  buffers_.write_posted.notify();
}

}  // namespace headroom::accel::sc
