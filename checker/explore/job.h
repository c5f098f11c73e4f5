// The unit of work of a parallel exploration, and what comes back from it.
//
// A Job is one planned branch of the exploration tree: the schedule that
// reaches its node, the node's sleep set as it will be when the branch is
// taken, and the branch with its planned (wakeup) subtree. Exploring it is a
// function of the message alone, so a worker anywhere can do it: it replays
// the prefix and explores the subtree exactly as the sequential explorer
// would (dpor.cc).
//
// What the subtree's races plan at the branch's node or above is not applied
// by the worker: it comes back as NodeEdits, in the order they were made, for
// the explorer that owns those nodes to apply as if it had explored the
// subtree itself.
//
// Both travel as byte strings (Encode/Decode), so the transport can change
// (threads today, processes or machines later) without changing the
// explorer. Decoded operations carry no source location: the worker's own
// model supplies it when it runs them.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "checker/explore/event.h"
#include "checker/explore/options.h"
#include "checker/explore/wakeup_tree.h"

namespace lockstep {

struct Job {
  std::vector<ScheduleStep> prefix;  // reaches the node the branch starts from
  SleepSet sleep;                    // the node's sleep set when the branch is taken
  WuNode branch;                     // the branch's first event and planned subtree
};

// A change the subtree made to a node at or above its root.
struct NodeEdit {
  enum class Kind : uint8_t {
    kPlan,          // insert `sequence` into the node's wakeup tree (unless its sleep set blocks it)
    kExpandChoice,  // plan the other values of the choice sequence[0], made at the node
  };
  Kind kind = Kind::kPlan;
  uint32_t depth = 0;  // the node: stack_[depth] of the explorer, before event `depth`
  Sequence sequence;
};

struct JobResult {
  ExploreResult result;         // the subtree's statistics, first violations, limit
  std::vector<NodeEdit> edits;  // in the order they were made
  WuEvent first;                // the branch's first event as it ran (joins the node's sleep set)
};

// A message that does not decode (truncated or corrupt).
class BadMessage : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

std::string Encode(const Job& job);
std::string Encode(const SleepSet& sleep);
std::string Encode(const JobResult& result);
Job DecodeJob(std::string_view bytes);
JobResult DecodeJobResult(std::string_view bytes);

}  // namespace lockstep
