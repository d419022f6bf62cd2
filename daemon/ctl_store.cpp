#include "daemon/ctl_store.hpp"

#include "config/config.hpp"
#include "daemon/daemon_options.hpp"

namespace gdprd::daemon {

std::unique_ptr<CtlStore> open_ctl_store(const std::string& config_path, std::ostream& err,
                                         int& exit_code) {
  auto loaded = config::load_config(config_path);
  if (!loaded.config) {
    for (const auto& e : loaded.errors) err << e << "\n";
    exit_code = kExitConfig;
    return nullptr;
  }
  auto s = std::make_unique<CtlStore>();
  try {
    s->db = std::make_unique<store::Database>(loaded.config->store.path);
    s->store = std::make_unique<store::IncidentStore>(*s->db, s->clock);
  } catch (const std::exception& e) {
    err << "cannot open the store " << loaded.config->store.path << ": " << e.what() << "\n";
    exit_code = kExitCantCreate;
    return nullptr;
  }
  return s;
}

}  // namespace gdprd::daemon
