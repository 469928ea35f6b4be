// SPDX-License-Identifier: MIT
// The elaborated accelerator for one run:
//
//   ComputeEngine (MAC arrays + vector unit)
//        |  filled / consumed, write slots
//   DoubleBuffers (ifmap/filter/ofmap SRAM halves)
//        |  filled / consumed, write slots
//   DmaEngine --read_socket--> DramChannel
//             --write_socket-> (busy_until shared by both sockets; a write cuts into a read
//                               at a burst boundary and moves read_moved later)
#pragma once

#include <systemc>

#include "headroom/accel/config.hpp"
#include "sc/compute_engine.hpp"
#include "sc/dma_engine.hpp"
#include "sc/double_buffers.hpp"
#include "sc/dram_channel.hpp"

namespace headroom::accel::sc {

class AcceleratorTop : public sc_core::sc_module {
 public:
  AcceleratorTop(const sc_core::sc_module_name& name, const AcceleratorConfig& config,
                 TracePlanner& planner);

  [[nodiscard]] const DoubleBuffers& buffers() const { return buffers_; }

 private:
  DoubleBuffers buffers_;
  DramChannel dram_;
  DmaEngine dma_;
  ComputeEngine compute_;
};

}  // namespace headroom::accel::sc
