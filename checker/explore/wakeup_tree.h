// Wakeup trees and sleep sets of optimal DPOR (Abdulla, Aronis, Jonsson,
// Sagonas, JACM 2017), over events named by (thread, seq).
//
// A WuEvent is an event of some earlier execution, kept with what is needed
// to reason about it without the execution: its operation (for dependence)
// and the events that woke its thread (for happens-before that is not
// dependence, such as a lock hand-off).
//
// Contracts:
// - A sequence w is a happens-before-consistent list of events that can be
//   executed, in order, from the node it belongs to.
// - q is a weak initial of w (q ∈ WI(w)) when q's thread has an event in w with
//   no happens-before predecessor in w (and for a choice, the same value), or
//   q's thread has no event in w and q is independent of every event of w.
// - A forest's children are explored left to right; a leaf u covers w when
//   u ∈ WI(w): exploring u explores a trace equivalent to one starting with w.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include <boost/container/small_vector.hpp>

#include "checker/core/operation.h"

namespace lockstep {

struct WuEvent {
  ThreadId thread = kNoThread;
  uint32_t seq = 0;
  Operation op;
  // (thread, seq) of the events that woke this event's thread.
  boost::container::small_vector<std::pair<ThreadId, uint32_t>, 1> wakers;
};

using Sequence = std::vector<WuEvent>;

bool IsWeakInitial(const WuEvent& q, const Sequence& w);

// A sleep set: events already explored from a node (or an ancestor, and not
// woken since). Exploring one of them first again would repeat a trace.
class SleepSet {
 public:
  SleepSet() = default;
  explicit SleepSet(std::vector<WuEvent> events) : events_(std::move(events)) {}
  void Add(const WuEvent& e) { events_.push_back(e); }
  // The sleep set of the child reached by executing `e`.
  SleepSet After(const WuEvent& e) const;
  // Would exploring w from here start with an event already explored?
  bool Blocks(const Sequence& w) const;
  // Is `op` of thread t (with choice value `value`) asleep?
  bool Contains(ThreadId t, const Operation& op, int64_t value) const;
  bool empty() const { return events_.empty(); }
  const std::vector<WuEvent>& events() const { return events_; }

 private:
  std::vector<WuEvent> events_;
};

struct WuNode {
  WuEvent event;
  std::vector<WuNode> children;
};

class WakeupForest {
 public:
  bool empty() const { return roots_.empty(); }
  // Inserts w unless some leaf already covers it (insert_[E](w, B) of the
  // paper). Returns the index of the branch (root) that changed or was added,
  // or -1 when nothing changed.
  int Insert(Sequence w);
  // Adds a single event as a new rightmost leaf.
  void AddLeaf(WuEvent e);
  // Removes and returns the leftmost subtree.
  WuNode PopLeftmost();
  // The planned branches, left to right.
  const std::vector<WuNode>& roots() const { return roots_; }
  explicit operator bool() const { return !roots_.empty(); }
  WakeupForest() = default;
  explicit WakeupForest(std::vector<WuNode> roots) : roots_(std::move(roots)) {}

 private:
  // Returns the index of the child whose subtree changed or was added, or -1.
  static int InsertInto(std::vector<WuNode>& forest, Sequence& w);
  std::vector<WuNode> roots_;
};

}  // namespace lockstep
