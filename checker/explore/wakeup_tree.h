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
#include <memory>
#include <utility>
#include <vector>

#include <boost/container/small_vector.hpp>

#include "absl/container/flat_hash_set.h"

#include "checker/core/operation.h"

namespace lockstep {

struct WuEvent {
  ThreadId thread = kNoThread;
  uint32_t seq = 0;
  Operation op;
  // (thread, seq) of the events that woke this event's thread.
  boost::container::small_vector<std::pair<ThreadId, uint32_t>, 1> wakers;

  // small_vector's move is not declared noexcept; declaring it here lets the
  // vectors holding events move them instead of copying when they grow.
  WuEvent() = default;
  WuEvent(ThreadId t, uint32_t s, const Operation& o) : thread(t), seq(s), op(o) {}
  WuEvent(const WuEvent&) = default;
  WuEvent(WuEvent&&) noexcept = default;
  WuEvent& operator=(const WuEvent&) = default;
  WuEvent& operator=(WuEvent&&) noexcept = default;
};

using Sequence = std::vector<WuEvent>;

// Is `waker` among the events that woke e's thread?
inline bool WokenBy(const WuEvent& e, const WuEvent& waker) {
  for (const auto& [t, seq] : e.wakers) {
    if (t == waker.thread && seq == waker.seq) return true;
  }
  return false;
}

// A sequence as the weak-initial test reads it, so that the explorer can test
// a sequence of its execution's events before copying them into WuEvents
// (most planned sequences are found asleep): size(), thread(k), op(k), and
// WokenBy(k, j), whether w[j] is among the events that woke w[k]'s thread.
struct SequenceView {
  const Sequence& w;
  size_t size() const { return w.size(); }
  ThreadId thread(size_t k) const { return w[k].thread; }
  const Operation& op(size_t k) const { return w[k].op; }
  bool WokenBy(size_t k, size_t j) const { return lockstep::WokenBy(w[k], w[j]); }
};

// Does w[k] have a happens-before predecessor among w[0..k)? Every chain into
// w[k] ends in a direct edge, so direct edges suffice: the events before k
// belong to other threads (k is its thread's first), so an edge is either a
// dependence or a wake-up.
template <class View>
bool HasPredecessor(const View& w, size_t k) {
  for (size_t j = 0; j < k; ++j) {
    if (Dependent(w.op(j), w.op(k)) || w.WokenBy(k, j)) return true;
  }
  return false;
}

template <class View>
bool IsWeakInitial(const WuEvent& q, const View& w) {
  for (size_t k = 0; k < w.size(); ++k) {
    if (w.thread(k) != q.thread) continue;
    const bool same_choice = q.op.kind != OpKind::kChoose || q.op.arg2 == w.op(k).arg2;
    return same_choice && !HasPredecessor(w, k);
  }
  for (size_t k = 0; k < w.size(); ++k) {
    if (Dependent(w.op(k), q.op)) return false;
  }
  return true;
}
inline bool IsWeakInitial(const WuEvent& q, const Sequence& w) { return IsWeakInitial(q, SequenceView{w}); }

// A sleep set: events already explored from a node (or an ancestor, and not
// woken since). Exploring one of them first again would repeat a trace.
class SleepSet {
 public:
  SleepSet() = default;
  explicit SleepSet(std::vector<WuEvent> events) : events_(std::move(events)) {}
  void Add(const WuEvent& e) { events_.push_back(e); }
  // Sets *child to the sleep set of the child reached when thread t runs op.
  void After(ThreadId t, const Operation& op, SleepSet* child) const;
  // Would exploring w from here start with an event already explored?
  template <class View>
  bool Blocks(const View& w) const {
    for (const WuEvent& q : events_) {
      if (IsWeakInitial(q, w)) return true;
    }
    return false;
  }
  bool Blocks(const Sequence& w) const { return Blocks(SequenceView{w}); }
  // Is `op` of thread t (with choice value `value`) asleep?
  bool Contains(ThreadId t, const Operation& op, int64_t value) const;
  bool empty() const { return events_.empty(); }
  void Clear() { events_.clear(); }
  const std::vector<WuEvent>& events() const { return events_; }

 private:
  std::vector<WuEvent> events_;
};

// The nodes of every wakeup tree of one exploration, linked by index and
// recycled through a free list: inserting and popping branches allocates
// nothing once the pool has grown to the largest set of planned branches.
// Nodes come in fixed chunks, so the pool never holds more than one chunk
// beyond its peak and growing it moves nothing.
//
// The same event of an execution is planned in many branches (every race
// reversed after it copies it into its sequence), so a node names its event
// by index into a table of distinct events, shared and reference-counted: a
// node is 12 bytes instead of a whole event, which is what keeps long runs,
// whose planned frontier reaches hundreds of thousands of nodes, small.
class WuPool {
 public:
  using Index = uint32_t;    // a node
  using EventId = uint32_t;  // a distinct event
  static constexpr Index kNone = ~Index{0};
  struct Node {
    EventId event = kNone;
    Index first_child = kNone;
    Index next_sibling = kNone;
  };

  WuPool() : index_(0, EventHash{&events_}, EventEq{&events_}) {}
  WuPool(const WuPool&) = delete;
  WuPool& operator=(const WuPool&) = delete;

  // The id of an event equal to e, with one reference for the caller. Ids
  // stay valid while referenced; the events they name move when the table
  // grows, so a reference from Event() lasts only until the next Intern().
  EventId Intern(WuEvent&& e);
  void Retain(EventId id) { ++events_[id].refs; }
  void Release(EventId id);
  const WuEvent& Event(EventId id) const { return events_[id].event; }

  // A node for an interned event: it takes over the caller's reference.
  Index New(EventId event);
  // Frees one node (its children must have been handed on or freed).
  void Free(Index i);
  // Frees a list of siblings and all their descendants.
  void FreeForest(Index first);
  Node& operator[](Index i) { return chunks_[i / kChunk][i % kChunk]; }
  const Node& operator[](Index i) const { return chunks_[i / kChunk][i % kChunk]; }
  const WuEvent& EventOf(Index i) const { return Event((*this)[i].event); }

 private:
  struct Shared {
    WuEvent event;
    uint32_t refs = 0;
  };
  struct EventHash {
    using is_transparent = void;
    const std::vector<Shared>* events;
    size_t operator()(EventId i) const { return (*this)((*events)[i].event); }
    size_t operator()(const WuEvent& e) const;
  };
  struct EventEq {
    using is_transparent = void;
    const std::vector<Shared>* events;
    static bool Same(const WuEvent& a, const WuEvent& b);
    const WuEvent& Of(EventId i) const { return (*events)[i].event; }
    const WuEvent& Of(const WuEvent& e) const { return e; }
    template <class A, class B>
    bool operator()(const A& a, const B& b) const {
      return Same(Of(a), Of(b));
    }
  };

  std::vector<Shared> events_;
  std::vector<EventId> free_events_;
  absl::flat_hash_set<EventId, EventHash, EventEq> index_;  // events_ in use, by content

  static constexpr Index kChunk = 4096;
  std::vector<std::unique_ptr<Node[]>> chunks_;
  Index size_ = 0;  // nodes ever made
  Index free_ = kNone;  // free nodes, linked by next_sibling
  std::vector<Index> to_free_;  // FreeForest's work list
};

// A sequence of interned events, each holding one reference.
using InternedSequence = std::vector<WuPool::EventId>;

// An interned sequence as the weak-initial test reads it.
struct InternedView {
  const WuPool& pool;
  const InternedSequence& w;
  size_t size() const { return w.size(); }
  ThreadId thread(size_t k) const { return pool.Event(w[k]).thread; }
  const Operation& op(size_t k) const { return pool.Event(w[k]).op; }
  bool WokenBy(size_t k, size_t j) const { return lockstep::WokenBy(pool.Event(w[k]), pool.Event(w[j])); }
};

// A planned branch as a value, outside any pool: what a job message carries.
struct WuNode {
  WuEvent event;
  std::vector<WuNode> children;
};

// A forest of planned branches; its nodes come from the pool it was first
// inserted into.
class WakeupForest {
 public:
  WakeupForest() = default;
  WakeupForest(const WakeupForest&) = delete;
  WakeupForest& operator=(const WakeupForest&) = delete;
  WakeupForest(WakeupForest&& o) noexcept : pool_(o.pool_), first_(std::exchange(o.first_, WuPool::kNone)) {}
  WakeupForest& operator=(WakeupForest&& o) noexcept;
  ~WakeupForest() { Clear(); }

  bool empty() const { return first_ == WuPool::kNone; }
  // Inserts w unless some leaf already covers it (insert_[E](w, B) of the
  // paper). Consumes w and its references. Returns the first event of the
  // branch that changed or was added, or nullptr when nothing changed.
  const WuEvent* Insert(WuPool& pool, InternedSequence& w);
  // Removes the leftmost subtree: its children become *children.
  void PopLeftmost(WakeupForest* children);
  // The leftmost branch's first event, and the whole branch as a value.
  const WuEvent& LeftmostEvent() const { return pool_->EventOf(first_); }
  WuNode Leftmost() const { return ValueOf(first_); }
  // Adds a branch given as a value as the rightmost one.
  void AddBranch(WuPool& pool, const WuNode& branch);

 private:
  WakeupForest(WuPool* pool, WuPool::Index first) : pool_(pool), first_(first) {}
  void Clear();
  WuNode ValueOf(WuPool::Index n) const;
  WuPool::Index Build(const WuNode& branch);

  WuPool* pool_ = nullptr;
  WuPool::Index first_ = WuPool::kNone;
};

}  // namespace lockstep
