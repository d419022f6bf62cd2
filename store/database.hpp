// RAII owner of one SQLite connection, its pragmas and the schema migrations.
// One Database per thread; several processes (daemon and CLI) may open the
// same file at once: WAL lets readers run beside the one writer, and
// busy_timeout makes a writer wait instead of failing at once.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/store_error.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace gdprd::store {

class Statement;

class Database {
 public:
  // Opens (creating with mode 0600 regardless of umask) the database file,
  // sets journal_mode=WAL, synchronous=FULL, foreign_keys=ON, busy_timeout,
  // and applies every migration newer than PRAGMA user_version, each in its
  // own transaction. Throws StoreError; a file written by a newer schema
  // version than this binary knows is refused (non-transient).
  explicit Database(const std::string& path,
                    std::chrono::milliseconds busy_timeout = std::chrono::seconds(5));
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  void set_busy_timeout(std::chrono::milliseconds timeout);
  // PRAGMA user_version: the number of migrations applied.
  int schema_version();
  const std::string& path() const { return path_; }

  // Runs one or more statements without results. Throws StoreError.
  void exec(std::string_view sql);
  // Prepares one statement. Throws StoreError.
  Statement prepare(std::string_view sql);
  // Row id of the last successful INSERT on this connection.
  int64_t last_insert_id() const;
  // Rows changed by the last INSERT/UPDATE/DELETE on this connection.
  int changes() const;

  sqlite3* handle() { return db_; }

 private:
  void migrate();
  std::string path_;
  sqlite3* db_ = nullptr;
};

// A prepared statement. bind() positions start at 1; step() returns true
// while a row is available. Column getters read the current row.
class Statement {
 public:
  Statement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  ~Statement();
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&&) = delete;
  Statement(const Statement&) = delete;

  Statement& bind(int index, int64_t value);
  Statement& bind(int index, int value) { return bind(index, static_cast<int64_t>(value)); }
  Statement& bind(int index, std::string_view text);
  Statement& bind(int index, const std::string& text) { return bind(index, std::string_view(text)); }
  Statement& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
  Statement& bind_blob(int index, std::string_view bytes);
  Statement& bind_null(int index);
  Statement& bind(int index, const std::optional<int64_t>& value);
  Statement& bind(int index, const std::optional<std::string>& value);

  // Throws StoreError on failure (including constraint violations).
  bool step();
  // Steps to completion, ignoring rows.
  void run();
  void reset();

  bool is_null(int column) const;
  int64_t int64(int column) const;
  std::string text(int column) const;
  std::string blob(int column) const;
  std::optional<int64_t> opt_int64(int column) const;
  std::optional<std::string> opt_text(int column) const;

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_;
};

// BEGIN IMMEDIATE on construction (so the write lock is taken up front and a
// busy database shows up here, not halfway through); commit() makes it
// durable; destruction without commit() rolls back. Not nestable.
class Transaction {
 public:
  explicit Transaction(Database& db);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();

 private:
  Database& db_;
  bool done_ = false;
};

}  // namespace gdprd::store
