// A model whose AtEnd check names a property it does not declare: a binary
// that registers it refuses to run any command (model_api_registration_error).
#include <optional>
#include <string>

#include "lockstep/lockstep.h"

namespace {

lockstep::ModelSpec Broken() {
  lockstep::ModelSpec m;
  m.name = "broken";
  m.summary = "an AtEnd check on an undeclared property";
  m.properties = {{"declared", "a property the model declares"}};
  m.setup = [](lockstep::Runtime& rt, const lockstep::Settings&) {
    rt.AtEnd("typo", [] { return std::optional<std::string>(); });
  };
  return m;
}

}  // namespace

LOCKSTEP_REGISTER_MODEL(Broken);
