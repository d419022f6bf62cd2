// The one exception type of store/. The daemon turns it into a log line and,
// when transient(), retries the whole unit of work later; a non-transient
// error means the database or the request is wrong and retrying will not help.
#pragma once

#include <stdexcept>
#include <string>

namespace gdprd::store {

class StoreError : public std::runtime_error {
 public:
  // sqlite_code: the (extended) SQLite result code, or 0 for errors found by
  // the store itself (e.g. a reference that does not exist).
  StoreError(const std::string& message, int sqlite_code);
  int sqlite_code() const { return sqlite_code_; }
  // True for SQLITE_BUSY, SQLITE_LOCKED, SQLITE_FULL and SQLITE_IOERR: the
  // same operation may succeed later (another writer, disk space, I/O).
  bool transient() const;

 private:
  int sqlite_code_;
};

}  // namespace gdprd::store
