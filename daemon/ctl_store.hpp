// Opens the store named by a config file for the CLI's read commands.
#pragma once

#include <memory>
#include <ostream>
#include <string>

#include "core/clock.hpp"
#include "store/database.hpp"
#include "store/incident_store.hpp"

namespace gdprd::daemon {

struct CtlStore {
  SystemClock clock;
  std::unique_ptr<store::Database> db;
  std::unique_ptr<store::IncidentStore> store;
};

// nullptr after printing the reason to err (config errors as FILE:LINE).
// exit_code receives the code to return then.
std::unique_ptr<CtlStore> open_ctl_store(const std::string& config_path, std::ostream& err,
                                         int& exit_code);

}  // namespace gdprd::daemon
