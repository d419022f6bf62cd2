#include "store/store_error.hpp"

#include <sqlite3.h>

namespace gdprd::store {

StoreError::StoreError(const std::string& message, int sqlite_code)
    : std::runtime_error(message), sqlite_code_(sqlite_code) {}

bool StoreError::transient() const {
  switch (sqlite_code_ & 0xff) {  // primary code of an extended one
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_FULL:
    case SQLITE_IOERR:
      return true;
    default:
      return false;
  }
}

}  // namespace gdprd::store
