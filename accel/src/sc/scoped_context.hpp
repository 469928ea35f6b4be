// SPDX-License-Identifier: MIT
// SystemC 2.3.4 cannot re-elaborate after sc_start, so every run gets its own kernel context.
// The first context stays alive because the global sc_event::none refers to it until exit
// (../shared/SYSTEMC.md §1, verified flat memory over 2,000 runs and clean after exceptions).
#pragma once

#include <systemc>

#include "headroom/accel/sanitizer_stack.hpp"

namespace headroom::accel::sc {

class ScopedContext {
 public:
  ScopedContext()
      : previous_(sc_core::sc_get_curr_simcontext()), context_(new sc_core::sc_simcontext) {
    sc_core::sc_curr_simcontext = context_;
    sc_core::sc_default_global_context = context_;
  }
  // Every module of the run must already be destroyed.
  ~ScopedContext() {
    sc_core::sc_curr_simcontext = previous_;
    sc_core::sc_default_global_context = previous_;
    delete context_;
    announce_thread_stack_to_asan();
  }
  ScopedContext(const ScopedContext&) = delete;
  ScopedContext& operator=(const ScopedContext&) = delete;

 private:
  sc_core::sc_simcontext* previous_;
  sc_core::sc_simcontext* context_;
};

}  // namespace headroom::accel::sc
