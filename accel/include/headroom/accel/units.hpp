// SPDX-License-Identifier: MIT
// Physical quantities used inside the model (Boost.Units, SI, double). Counts (cycles, MACs,
// bytes, accesses) stay std::uint64_t; convert to display units only at the report boundary.
#pragma once

#include <boost/units/quantity.hpp>
#include <boost/units/systems/si.hpp>
#include <boost/units/systems/si/prefixes.hpp>

namespace headroom::units {

namespace bu = boost::units;
namespace si = boost::units::si;

using Energy = bu::quantity<si::energy>;        // J
using Power = bu::quantity<si::power>;          // W
using Time = bu::quantity<si::time>;            // s
using Frequency = bu::quantity<si::frequency>;  // Hz
using Area = bu::quantity<si::area>;            // m^2
using Voltage = bu::quantity<si::electric_potential>;
// Bytes are a count, so a bandwidth in bytes per second has the dimension of a frequency.
using ByteRate = bu::quantity<si::frequency>;  // B/s

inline Energy picojoules(double v) { return Energy::from_value(v * 1e-12); }
inline Time seconds(double v) { return Time::from_value(v); }
inline Time nanoseconds(double v) { return Time::from_value(v * 1e-9); }
inline Frequency hertz(double v) { return Frequency::from_value(v); }
inline Frequency megahertz(double v) { return Frequency::from_value(v * 1e6); }
inline ByteRate bytes_per_second(double v) { return ByteRate::from_value(v); }
inline ByteRate gigabytes_per_second(double v) { return ByteRate::from_value(v * 1e9); }
inline Area square_mm(double v) { return Area::from_value(v * 1e-6); }
inline Power watts(double v) { return Power::from_value(v); }
inline Voltage volts(double v) { return Voltage::from_value(v); }

inline double to_pj(Energy e) { return e.value() * 1e12; }
inline double to_ns(Time t) { return t.value() * 1e9; }
inline double to_mhz(Frequency f) { return f.value() * 1e-6; }
inline double to_gbps(ByteRate r) { return r.value() * 1e-9; }
inline double to_mm2(Area a) { return a.value() * 1e6; }

}  // namespace headroom::units
