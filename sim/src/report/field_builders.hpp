// SPDX-License-Identifier: MIT
// Short constructors for the field lists of result_fields.hpp, one line of intent per field.
#pragma once

#include <optional>
#include <utility>

#include "headroom/sim/result_fields.hpp"

namespace headroom::sim::fields {

inline constexpr const char* kCount = "{}";
inline constexpr const char* kReal = "{:.9g}";
inline constexpr const char* kShare = "{:.6f}";

template <class Record, class Get>
Field<Record> make(std::string name, std::string unit, FieldType type, std::string description,
                   std::string format, std::string json_key, Get get) {
  Field<Record> f;
  f.name = std::move(name);
  f.unit = std::move(unit);
  f.type = type;
  f.description = std::move(description);
  f.format = std::move(format);
  f.json_key = std::move(json_key);
  f.get = std::move(get);
  return f;
}

template <class Record, class Get>
Field<Record> integer(std::string name, std::string unit, std::string json_key,
                      std::string description, Get get) {
  return make<Record>(std::move(name), std::move(unit), FieldType::Integer, std::move(description),
                      kCount, std::move(json_key), std::move(get));
}

template <class Record, class Get>
Field<Record> real(std::string name, std::string unit, std::string json_key,
                   std::string description, Get get, std::string format = kReal) {
  return make<Record>(std::move(name), std::move(unit), FieldType::Real, std::move(description),
                      std::move(format), std::move(json_key), std::move(get));
}

template <class Record, class Get>
Field<Record> text(std::string name, std::string json_key, std::string description, Get get) {
  return make<Record>(std::move(name), "", FieldType::Text, std::move(description), "{}",
                      std::move(json_key), std::move(get));
}

template <class Record, class Get>
Field<Record> boolean(std::string name, std::string json_key, std::string description, Get get) {
  return make<Record>(std::move(name), "", FieldType::Boolean, std::move(description), "{}",
                      std::move(json_key), std::move(get));
}

// Missing values become std::monostate.
inline FieldValue maybe(const std::optional<double>& v) {
  return v ? FieldValue(*v) : FieldValue();
}
inline FieldValue maybe(const std::optional<std::uint64_t>& v) {
  return v ? FieldValue(*v) : FieldValue();
}

// A field whose JSON value is null when missing (rather than a key left out).
template <class Record>
Field<Record> null_when_missing(Field<Record> f) {
  f.json_null = true;
  return f;
}

// A field only some records have (see Field::applies).
template <class Record, class Pred>
Field<Record> only_for(Field<Record> f, Pred applies) {
  f.applies = std::move(applies);
  return f;
}

}  // namespace headroom::sim::fields
