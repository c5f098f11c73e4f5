// `lockstep_bench --suite`: runs benchmarks of the classic suite, each run in
// a process of its own so that its peak RSS is its own.
#pragma once

#include <string>
#include <vector>

namespace lockstep::bench {

// argv after --suite. Returns the exit code: 0 every benchmark holds with no
// sleep-set-blocked execution, 1 one did not, 2 usage error, 3 a run failed.
int RunSuite(const std::vector<std::string>& args);

}  // namespace lockstep::bench
