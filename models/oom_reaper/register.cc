// The oom-reaper model among the built-in models. Its pieces live in the
// lockstep_oom_reaper library (model.cc builds the ModelSpec), which a user's
// own variant of the protocol links without registering this one.
#include "models/oom_reaper/oom_reaper.h"
#include "models/registry.h"

namespace lockstep::models {

LOCKSTEP_REGISTER_MODEL(OomReaperModel);

}  // namespace lockstep::models
