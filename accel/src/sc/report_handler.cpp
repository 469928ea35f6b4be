// SPDX-License-Identifier: MIT
#include "sc/report_handler.hpp"

#include <stdexcept>
#include <string>
#include <systemc>

namespace headroom::accel::sc {

namespace {

void throwing_handler(const sc_core::sc_report& report, const sc_core::sc_actions&) {
  if (report.get_severity() < sc_core::SC_ERROR) return;
  throw std::runtime_error(std::string("SystemC ") + report.get_msg_type() + ": " +
                           report.get_msg());
}

}  // namespace

void install_report_handler() { sc_core::sc_report_handler::set_handler(&throwing_handler); }

}  // namespace headroom::accel::sc
