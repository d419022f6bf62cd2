// The store handles every CLI subcommand holds (see CtlContext and
// open_ctl_context in daemon/ctl_support.hpp, which open them).
#pragma once

#include <memory>
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

}  // namespace gdprd::daemon
