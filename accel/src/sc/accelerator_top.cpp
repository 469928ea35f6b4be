// SPDX-License-Identifier: MIT
#include "sc/accelerator_top.hpp"

#include "sc/sim_time.hpp"

namespace headroom::accel::sc {

AcceleratorTop::AcceleratorTop(const sc_core::sc_module_name& name, const AcceleratorConfig& config,
                               TracePlanner& planner)
    : sc_core::sc_module(name),
      buffers_(planner, buffer_budget(config.sram).ifmap + buffer_budget(config.sram).filter),
      dram_("dram", config.dram, config.clock),
      dma_("dma", buffers_, dram_,
           config.dram.free()
               ? sc_core::SC_ZERO_TIME
               : fractional_cycles_to_time(config.dram.latency.value() * config.clock.value())),
      compute_("compute", buffers_) {
  dma_.read_socket.bind(dram_.read_socket);
  dma_.write_socket.bind(dram_.write_socket);
  buffers_.dram_free_at = &dram_.busy_until();
}

}  // namespace headroom::accel::sc
