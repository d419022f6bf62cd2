// Content hash used to recognise the same message after a UIDVALIDITY change.
#pragma once

#include <string>
#include <string_view>

namespace gdprd::store {

// Lower-case hex SHA-256 (64 characters) of the bytes.
std::string sha256_hex(std::string_view bytes);

}  // namespace gdprd::store
