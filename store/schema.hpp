// The ordered schema migrations. Entry i brings a database from
// user_version i to i+1; entries are never edited once released, only added.
#pragma once

#include <string_view>
#include <vector>

namespace gdprd::store {

const std::vector<std::string_view>& migrations();

}  // namespace gdprd::store
