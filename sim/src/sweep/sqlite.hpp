// SPDX-License-Identifier: MIT
// A thin RAII layer over SQLite's C API: a connection, prepared statements with typed binding,
// and errors as exceptions that name the database file.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>

namespace headroom::sim::sweep {

class Statement;

class Database {
 public:
  // Opens (or, with `create`, creates) the database file. Throws InputError when it cannot.
  Database(const std::string& path, bool create);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  void exec(const std::string& sql);
  [[nodiscard]] Statement prepare(const std::string& sql);
  [[nodiscard]] const std::string& path() const { return path_; }
  [[nodiscard]] sqlite3* handle() const { return db_; }
  // Throws std::runtime_error naming the file and SQLite's message when rc is an error code.
  void check(int rc, const std::string& what) const;

 private:
  std::string path_;
  sqlite3* db_ = nullptr;
};

class Statement {
 public:
  Statement(Database& db, const std::string& sql);
  ~Statement();
  Statement(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  Statement& operator=(Statement&&) = delete;

  // Parameters are numbered from 1, as in SQLite.
  void bind_null(int index);
  void bind(int index, std::int64_t value);
  void bind(int index, double value);
  void bind(int index, const std::string& value);
  // True while a row is available (then read columns, numbered from 0); false when done.
  bool step();
  void reset();
  [[nodiscard]] int columns() const;
  [[nodiscard]] int column_type(int column) const;  // SQLITE_INTEGER, _FLOAT, _TEXT, _NULL, ...
  [[nodiscard]] std::string column_name(int column) const;
  [[nodiscard]] std::int64_t integer(int column) const;
  [[nodiscard]] double real(int column) const;
  [[nodiscard]] std::string text(int column) const;

 private:
  Database* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

// BEGIN IMMEDIATE ... COMMIT; rolls back if destroyed before commit().
class Transaction {
 public:
  explicit Transaction(Database& db);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();

 private:
  Database& db_;
  bool open_ = true;
};

// SQL identifier quoting: "array.rows" -> "\"array.rows\"".
[[nodiscard]] std::string quote_identifier(const std::string& name);

}  // namespace headroom::sim::sweep
