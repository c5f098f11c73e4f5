#include "checker/explore/wakeup_tree.h"

#include <algorithm>

namespace lockstep {
namespace {

// Does w[k] have a happens-before predecessor among w[0..k)? Every chain into
// w[k] ends in a direct edge, so direct edges suffice: the events before k
// belong to other threads (k is its thread's first), so an edge is either a
// dependence or a wake-up.
bool HasPredecessor(const Sequence& w, size_t k) {
  for (size_t j = 0; j < k; ++j) {
    if (Dependent(w[j].op, w[k].op)) return true;
    for (const auto& waker : w[k].wakers) {
      if (waker.first == w[j].thread && waker.second == w[j].seq) return true;
    }
  }
  return false;
}

bool SameChoice(const Operation& a, const Operation& b) {
  return a.kind != OpKind::kChoose || a.arg2 == b.arg2;
}

}  // namespace

bool IsWeakInitial(const WuEvent& q, const Sequence& w) {
  for (size_t k = 0; k < w.size(); ++k) {
    if (w[k].thread == q.thread) return SameChoice(q.op, w[k].op) && !HasPredecessor(w, k);
  }
  return std::none_of(w.begin(), w.end(), [&](const WuEvent& e) { return Dependent(e.op, q.op); });
}

SleepSet SleepSet::After(const WuEvent& e) const {
  SleepSet s;
  for (const WuEvent& q : events_) {
    if (q.thread != e.thread && !Dependent(q.op, e.op)) s.events_.push_back(q);
  }
  return s;
}

bool SleepSet::Blocks(const Sequence& w) const {
  return std::any_of(events_.begin(), events_.end(),
                     [&](const WuEvent& q) { return IsWeakInitial(q, w); });
}

bool SleepSet::Contains(ThreadId t, const Operation& op, int64_t value) const {
  return std::any_of(events_.begin(), events_.end(), [&](const WuEvent& q) {
    return q.thread == t && (op.kind != OpKind::kChoose || q.op.arg2 == value);
  });
}

int WakeupForest::Insert(Sequence w) { return InsertInto(roots_, w); }

int WakeupForest::InsertInto(std::vector<WuNode>& forest, Sequence& w) {
  for (size_t i = 0; i < forest.size(); ++i) {
    WuNode& child = forest[i];
    if (!IsWeakInitial(child.event, w)) continue;
    if (child.children.empty()) return -1;  // a leaf covers w
    auto first = std::find_if(w.begin(), w.end(),
                              [&](const WuEvent& e) { return e.thread == child.event.thread; });
    if (first != w.end()) w.erase(first);
    return InsertInto(child.children, w) < 0 ? -1 : static_cast<int>(i);
  }
  if (w.empty()) return -1;
  // Append w as a new rightmost branch.
  WuNode chain{std::move(w.back()), {}};
  for (size_t i = w.size() - 1; i-- > 0;) {
    WuNode parent{std::move(w[i]), {}};
    parent.children.push_back(std::move(chain));
    chain = std::move(parent);
  }
  forest.push_back(std::move(chain));
  return static_cast<int>(forest.size() - 1);
}

void WakeupForest::AddLeaf(WuEvent e) { roots_.push_back(WuNode{std::move(e), {}}); }

WuNode WakeupForest::PopLeftmost() {
  WuNode n = std::move(roots_.front());
  roots_.erase(roots_.begin());
  return n;
}

}  // namespace lockstep
