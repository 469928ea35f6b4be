// SPDX-License-Identifier: MIT
#pragma once

#include <gtest/gtest.h>

#include <systemc>

#include "headroom/accel/sanitizer_stack.hpp"

namespace headroom::test {

// SystemC 2.3.4 cannot re-elaborate, so each test gets its own kernel context. The first
// context stays alive because the global sc_event::none refers to it until exit
// (../shared/SYSTEMC.md §1). Modules must be locals of the test body so they die first.
class SimContextTest : public ::testing::Test {
 protected:
  SimContextTest()
      : previous_(sc_core::sc_get_curr_simcontext()), context_(new sc_core::sc_simcontext) {
    sc_core::sc_curr_simcontext = context_;
    sc_core::sc_default_global_context = context_;
  }
  ~SimContextTest() override {
    sc_core::sc_curr_simcontext = previous_;
    sc_core::sc_default_global_context = previous_;
    delete context_;
    accel::announce_thread_stack_to_asan();
  }
  SimContextTest(const SimContextTest&) = delete;
  SimContextTest& operator=(const SimContextTest&) = delete;

 private:
  sc_core::sc_simcontext* previous_;
  sc_core::sc_simcontext* context_;
};

}  // namespace headroom::test
