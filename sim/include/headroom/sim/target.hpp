// SPDX-License-Identifier: MIT
// What a workload runs on: an accelerator config, simulated by the SystemC model, or a datasheet
// device (GPU, TPU), modelled op by op by gpu_model.hpp. `run`, `compare`, `train` and sweeps
// take either through load_target, so the two are interchangeable wherever a target is asked for.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <variant>

#include "headroom/accel/config.hpp"
#include "headroom/sim/device_spec.hpp"

namespace headroom::sim {

enum class TargetKind { Accelerator, Device };

struct Target {
  std::string spec;  // as the user wrote it
  std::variant<accel::AcceleratorConfig, DeviceSpec> model;
  // A device's precision as the spec names it ("a100:fp16"); nullopt when it names none.
  std::optional<Precision> precision;

  [[nodiscard]] TargetKind kind() const;
  // Exactly one of these is non-null.
  [[nodiscard]] const accel::AcceleratorConfig* accelerator() const;
  [[nodiscard]] const DeviceSpec* device() const;
  [[nodiscard]] std::string name() const;  // the config's or the device's name
};

// Reads a target. `spec` is
//   - a file: a SCALE-Sim .cfg, or a .yaml read as a device when it has `peak_tflops` (the shape
//     of configs/gpus/*.yaml) and as an accelerator otherwise;
//   - a name: an accelerator in configs/accel ("default", "eyeriss-65nm"), else a device in
//     configs/gpus by file name, name or alias ("h100-sxm", "A100"), found by data_files.hpp;
//   - either of those after "accel:" or "device:", which fixes the kind ("device:tpu-v1" is the
//     datasheet TPU, "accel:tpu-v1" the simulated one; a bare "tpu-v1" is the accelerator);
//   - a device followed by ":PRECISION" ("a100:tf32", "device:v100:fp32"): the precision that
//     device runs (an accelerator takes --precision instead; a suffix on one is an error).
// Throws InputError naming the spec, what was expected and close matches.
[[nodiscard]] Target load_target(const std::string& spec);
// The same with the kind fixed, as `--device NAME` asks for a device.
[[nodiscard]] Target load_target(const std::string& spec, TargetKind kind);

// "a100:fp16" -> {"a100", fp16}; the spec itself and nullopt when the text after the last ':' is
// no precision name (so "device:a100" and paths are left alone).
[[nodiscard]] std::pair<std::string, std::optional<Precision>> split_precision_suffix(
    const std::string& spec);

// What frameworks run on a device when the user names no precision: the file's
// `framework_precision`, else mixed precision where it has a BF16 or FP16 peak (tensor cores,
// MXUs), else the first of fp32, fp8, int8 it has a peak for (TPU v1: int8).
[[nodiscard]] Precision framework_precision(const DeviceSpec& device);

// The precision a device runs (fp8_e4m3 and fp8_e5m2 share a datasheet's "fp8" peak): `wanted`
// when given (make_gpu_model rejects it if the device has no peak for it), else
// framework_precision.
[[nodiscard]] Precision device_precision(const DeviceSpec& device,
                                         const std::optional<Precision>& wanted);

// A device's precision and why it was chosen, for the report's model line.
struct DevicePrecision {
  Precision precision = Precision::FP32;
  std::string basis;  // e.g. "asked by --gpu a100:fp16", "framework default: mixed precision"
};

// In order: `asked` (`asked_by` names where: "--gpu a100:fp16", "--gpu-precision"); a workload's
// own precision (a run file's), run as frameworks run it: fp32 as TF32 math where the device has
// a TF32 peak, bf16 as fp16 (and back) where it lacks one, the framework default where it has
// neither; else framework_precision. tf32 asked of a device without TF32 runs FP32.
[[nodiscard]] DevicePrecision choose_device_precision(
    const DeviceSpec& device, const std::optional<Precision>& asked, const std::string& asked_by,
    const std::optional<Precision>& workload = std::nullopt);

}  // namespace headroom::sim
