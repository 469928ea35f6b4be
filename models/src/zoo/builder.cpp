// SPDX-License-Identifier: MIT
#include "builder.hpp"

#include "headroom/models/error.hpp"

namespace headroom::models::zoo {

void Builder::conv(const std::string& name, std::uint64_t out, std::uint64_t k,
                   std::uint64_t stride, std::uint64_t pad, std::uint64_t groups, bool bias) {
  conv(name, ConvSpec{out, k, k, stride, stride, pad, pad, groups, bias});
}

void Builder::conv(const std::string& name, const ConvSpec& s) {
  Conv2d c;
  c.in_channels = shape_.c;
  c.in_h = shape_.h;
  c.in_w = shape_.w;
  c.out_channels = s.out;
  c.kernel_h = s.kh;
  c.kernel_w = s.kw;
  c.stride_h = s.sh;
  c.stride_w = s.sw;
  c.pad_h = s.ph;
  c.pad_w = s.pw;
  c.groups = s.groups;
  c.bias = s.bias;
  if (c.out_h() == 0 || c.out_w() == 0)
    throw InputError(input_error_message(
        "", 0, "--image-size", "an input large enough for " + network_ + " layer " + name,
        std::to_string(shape_.h) + "x" + std::to_string(shape_.w) + " at that layer"));
  shape_ = {c.out_channels, c.out_h(), c.out_w()};
  layers_.push_back({name, c});
}

void Builder::maxpool(const std::string& name, std::uint64_t k, std::uint64_t stride,
                      std::uint64_t pad) {
  const Pool p{PoolKind::Max, shape_.c, shape_.h, shape_.w, k, k, stride, stride, pad, pad};
  if (p.out_h() == 0 || p.out_w() == 0)
    throw InputError(input_error_message(
        "", 0, "--image-size", "an input large enough for " + network_ + " layer " + name,
        std::to_string(shape_.h) + "x" + std::to_string(shape_.w) + " at that layer"));
  shape_ = {shape_.c, p.out_h(), p.out_w()};
  layers_.push_back({name, p});
}

void Builder::global_avgpool(const std::string& name) {
  layers_.push_back({name, Pool{PoolKind::GlobalAverage, shape_.c, shape_.h, shape_.w}});
  shape_ = {shape_.c, 1, 1};
}

void Builder::adaptive_avgpool(const std::string& name, std::uint64_t side) {
  if (shape_.h == side && shape_.w == side) return;
  if (shape_.h < side || shape_.w < side)
    throw InputError(input_error_message(
        "", 0, "--image-size", "an input large enough for " + network_ + " layer " + name,
        std::to_string(shape_.h) + "x" + std::to_string(shape_.w) + " at that layer"));
  // PyTorch's adaptive windows vary by one pixel; one fixed window of the mean size is close.
  const std::uint64_t kh = (shape_.h + side - 1) / side, kw = (shape_.w + side - 1) / side;
  Pool p{PoolKind::Average, shape_.c, shape_.h, shape_.w, kh, kw, shape_.h / side, shape_.w / side};
  layers_.push_back({name, p});
  shape_ = {shape_.c, side, side};
}

void Builder::activation(const std::string& name, std::uint64_t ops_per_element) {
  layers_.push_back(
      {name, Elementwise{VectorKind::Activation, shape_.elements(), ops_per_element, 1}});
}

void Builder::batchnorm(const std::string& name) {
  layers_.push_back({name, Norm{NormKind::Batch, shape_.elements(), shape_.c}});
}

void Builder::elementwise(const std::string& name, std::uint64_t operands,
                          std::uint64_t ops_per_element) {
  layers_.push_back(
      {name, Elementwise{VectorKind::Elementwise, shape_.elements(), ops_per_element, operands}});
}

void Builder::channel_scale(const std::string& name) {
  layers_.push_back({name, Elementwise{VectorKind::Elementwise, shape_.elements(), 1, 1}});
}

void Builder::flatten() { shape_ = {shape_.elements(), 1, 1}; }

void Builder::dense(const std::string& name, std::uint64_t out, bool bias) {
  layers_.push_back({name, Dense{1, shape_.elements(), out, bias, false}});
  shape_ = {out, 1, 1};
}

}  // namespace headroom::models::zoo
