// SPDX-License-Identifier: MIT
#include "sweep/wire.hpp"

#include <cstring>
#include <stdexcept>

namespace headroom::sim::sweep {

namespace {

class Writer {
 public:
  template <class T>
  void put(const T& v) {
    out_.append(reinterpret_cast<const char*>(&v), sizeof v);
  }
  void put_string(const std::string& s) {
    put(static_cast<std::uint32_t>(s.size()));
    out_ += s;
  }
  std::string take() { return std::move(out_); }

 private:
  std::string out_;
};

class Reader {
 public:
  explicit Reader(const std::string& in) : in_(in) {}
  template <class T>
  T get() {
    need(sizeof(T));
    T v;
    std::memcpy(&v, in_.data() + at_, sizeof v);
    at_ += sizeof v;
    return v;
  }
  std::string get_string() {
    const auto n = get<std::uint32_t>();
    need(n);
    std::string s = in_.substr(at_, n);
    at_ += n;
    return s;
  }
  [[nodiscard]] bool done() const { return at_ == in_.size(); }

 private:
  void need(std::size_t n) const {
    if (in_.size() - at_ < n) throw std::runtime_error("sweep: a truncated worker message");
  }
  const std::string& in_;
  std::size_t at_ = 0;
};

}  // namespace

std::string encode_tasks(const std::vector<Task>& tasks) {
  Writer w;
  w.put(static_cast<std::uint32_t>(tasks.size()));
  for (const auto& t : tasks) {
    w.put(t.point);
    w.put(t.workload);
  }
  return w.take();
}

std::vector<Task> decode_tasks(const std::string& bytes) {
  Reader r(bytes);
  std::vector<Task> tasks(r.get<std::uint32_t>());
  for (auto& t : tasks) {
    t.point = r.get<std::uint64_t>();
    t.workload = r.get<std::uint32_t>();
  }
  return tasks;
}

std::string encode_results(const std::vector<TaskResult>& results) {
  Writer w;
  w.put(static_cast<std::uint32_t>(results.size()));
  for (const auto& res : results) {
    w.put(res.task.point);
    w.put(res.task.workload);
    w.put_string(res.config_hash);
    w.put_string(res.error);
    w.put(static_cast<std::uint32_t>(res.values.size()));
    for (const auto& v : res.values) {
      w.put(static_cast<std::uint8_t>(v.index()));
      if (const auto* i = std::get_if<std::uint64_t>(&v)) w.put(*i);
      if (const auto* d = std::get_if<double>(&v)) w.put(*d);
      if (const auto* s = std::get_if<std::string>(&v)) w.put_string(*s);
      if (const auto* b = std::get_if<bool>(&v)) w.put(static_cast<std::uint8_t>(*b));
    }
  }
  return w.take();
}

std::vector<TaskResult> decode_results(const std::string& bytes) {
  Reader r(bytes);
  std::vector<TaskResult> results(r.get<std::uint32_t>());
  for (auto& res : results) {
    res.task.point = r.get<std::uint64_t>();
    res.task.workload = r.get<std::uint32_t>();
    res.config_hash = r.get_string();
    res.error = r.get_string();
    res.values.resize(r.get<std::uint32_t>());
    for (auto& v : res.values) {
      switch (r.get<std::uint8_t>()) {
        case 0:
          v = std::monostate{};
          break;
        case 1:
          v = r.get<std::uint64_t>();
          break;
        case 2:
          v = r.get<double>();
          break;
        case 3:
          v = r.get_string();
          break;
        case 4:
          v = r.get<std::uint8_t>() != 0;
          break;
        default:
          throw std::runtime_error("sweep: a malformed worker message");
      }
    }
  }
  if (!r.done()) throw std::runtime_error("sweep: a malformed worker message");
  return results;
}

}  // namespace headroom::sim::sweep
