// The lockstep command line (list, check, replay, compare) over every model
// registered with LOCKSTEP_REGISTER_MODEL in the calling binary. The lockstep
// binary and every binary made with lockstep_add_model() call it from main().
#pragma once

namespace lockstep {

// Returns the exit code: 0 holds, 1 violated, 2 usage or input error, 3 inconclusive.
int RunCli(int argc, char** argv);

}  // namespace lockstep
