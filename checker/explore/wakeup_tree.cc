#include "checker/explore/wakeup_tree.h"

#include <algorithm>

#include <xxhash.h>

namespace lockstep {

void SleepSet::After(ThreadId t, const Operation& op, SleepSet* child) const {
  child->events_.clear();
  for (const WuEvent& q : events_) {
    if (q.thread != t && !Dependent(q.op, op)) child->events_.push_back(q);
  }
}

bool SleepSet::Contains(ThreadId t, const Operation& op, int64_t value) const {
  return std::any_of(events_.begin(), events_.end(), [&](const WuEvent& q) {
    return q.thread == t && (op.kind != OpKind::kChoose || q.op.arg2 == value);
  });
}

WuPool::Index WuPool::New(EventId event) {
  Index i = free_;
  if (i != kNone) {
    free_ = (*this)[i].next_sibling;
  } else {
    if (size_ % kChunk == 0) chunks_.push_back(std::make_unique<Node[]>(kChunk));
    i = size_++;
  }
  Node& n = (*this)[i];
  n.event = event;
  n.first_child = kNone;
  n.next_sibling = kNone;
  return i;
}

void WuPool::Free(Index i) {
  Node& n = (*this)[i];
  Release(n.event);
  n.event = kNone;
  n.first_child = kNone;
  n.next_sibling = free_;
  free_ = i;
}

void WuPool::FreeForest(Index first) {
  to_free_.assign(1, first);
  while (!to_free_.empty()) {
    const Index i = to_free_.back();
    to_free_.pop_back();
    if (i == kNone) continue;
    to_free_.push_back((*this)[i].next_sibling);
    to_free_.push_back((*this)[i].first_child);
    Free(i);
  }
}

size_t WuPool::EventHash::operator()(const WuEvent& e) const {
  // What EventEq compares (the source location by its line), packed and
  // hashed at once: the pool hashes every event it is handed.
  const Operation& op = e.op;
  struct {
    uint64_t who;
    uint64_t what;
    int64_t arg, arg2;
    Location location;
  } packed{uint64_t{e.thread} | uint64_t{e.seq} << 8 | uint64_t(op.kind) << 40 | uint64_t{op.read_only} << 48,
           uint64_t{op.object} | uint64_t{op.where.line()} << 32, op.arg, op.arg2, op.location};
  uint64_t h = XXH3_64bits(&packed, sizeof packed);
  for (const auto& [t, seq] : e.wakers) h = XXH3_64bits_withSeed(&seq, sizeof seq, h ^ t);
  return h;
}

bool WuPool::EventEq::Same(const WuEvent& a, const WuEvent& b) {
  const Operation &x = a.op, &y = b.op;
  return a.thread == b.thread && a.seq == b.seq && x.kind == y.kind && x.object == y.object &&
         x.location == y.location && x.arg == y.arg && x.arg2 == y.arg2 && x.read_only == y.read_only &&
         x.where.line() == y.where.line() && x.where.column() == y.where.column() &&
         x.where.file_name() == y.where.file_name() && x.where.function_name() == y.where.function_name() &&
         std::equal(a.wakers.begin(), a.wakers.end(), b.wakers.begin(), b.wakers.end());
}

WuPool::EventId WuPool::Intern(WuEvent&& e) {
  // One hash and one probe: the slot is filled only if e is new.
  const auto it = index_.lazy_emplace(e, [&](const auto& construct) {
    EventId i;
    if (!free_events_.empty()) {
      i = free_events_.back();
      free_events_.pop_back();
      events_[i].event = std::move(e);
    } else {
      i = static_cast<Index>(events_.size());
      events_.push_back(Shared{std::move(e), 0});
    }
    construct(i);
  });
  ++events_[*it].refs;
  return *it;
}

void WuPool::Release(EventId i) {
  if (--events_[i].refs > 0) return;
  index_.erase(i);
  events_[i].event.wakers.clear();
  free_events_.push_back(i);
}

WakeupForest& WakeupForest::operator=(WakeupForest&& o) noexcept {
  if (this != &o) {
    Clear();
    pool_ = o.pool_;
    first_ = std::exchange(o.first_, WuPool::kNone);
  }
  return *this;
}

void WakeupForest::Clear() {
  if (first_ != WuPool::kNone) pool_->FreeForest(first_);
  first_ = WuPool::kNone;
}

const WuEvent* WakeupForest::Insert(WuPool& pool, InternedSequence& w) {
  pool_ = &pool;
  WuPool::Index root = WuPool::kNone;  // the branch w goes into
  // Descend while some child is a weak initial of what is left of w.
  WuPool::Index parent = WuPool::kNone;  // kNone: the roots
  WuPool::Index last = WuPool::kNone;    // the rightmost child seen
  while (true) {
    WuPool::Index child = parent == WuPool::kNone ? first_ : pool[parent].first_child;
    last = WuPool::kNone;
    for (; child != WuPool::kNone; last = child, child = pool[child].next_sibling) {
      if (IsWeakInitial(pool.EventOf(child), InternedView{pool, w})) break;
    }
    if (child == WuPool::kNone) break;
    if (pool[child].first_child == WuPool::kNone) {  // a leaf covers w
      for (WuPool::EventId e : w) pool.Release(e);
      return nullptr;
    }
    if (parent == WuPool::kNone) root = child;
    const ThreadId t = pool.EventOf(child).thread;
    auto first =
        std::find_if(w.begin(), w.end(), [&](WuPool::EventId e) { return pool.Event(e).thread == t; });
    if (first != w.end()) {
      pool.Release(*first);
      w.erase(first);
    }
    parent = child;
  }
  if (w.empty()) return nullptr;
  // Append w as a new rightmost branch: a chain w[0] -> w[1] -> ...
  WuPool::Index head = WuPool::kNone, previous = WuPool::kNone;
  for (WuPool::EventId e : w) {
    const WuPool::Index n = pool.New(e);
    (previous == WuPool::kNone ? head : pool[previous].first_child) = n;
    previous = n;
  }
  w.clear();
  if (last != WuPool::kNone) {
    pool[last].next_sibling = head;
  } else if (parent != WuPool::kNone) {
    pool[parent].first_child = head;
  } else {
    first_ = head;
  }
  return &pool.EventOf(root != WuPool::kNone ? root : head);
}

WuNode WakeupForest::ValueOf(WuPool::Index n) const {
  const WuPool& pool = *pool_;
  WuNode out{pool.EventOf(n), {}};
  for (WuPool::Index c = pool[n].first_child; c != WuPool::kNone; c = pool[c].next_sibling) {
    out.children.push_back(ValueOf(c));
  }
  return out;
}

void WakeupForest::AddBranch(WuPool& pool, const WuNode& branch) {
  pool_ = &pool;
  const WuPool::Index b = Build(branch);
  if (first_ == WuPool::kNone) {
    first_ = b;
    return;
  }
  WuPool::Index last = first_;
  while (pool[last].next_sibling != WuPool::kNone) last = pool[last].next_sibling;
  pool[last].next_sibling = b;
}

WuPool::Index WakeupForest::Build(const WuNode& branch) {
  WuPool& pool = *pool_;
  const WuPool::Index n = pool.New(pool.Intern(WuEvent(branch.event)));
  WuPool::Index previous = WuPool::kNone;
  for (const WuNode& c : branch.children) {
    const WuPool::Index child = Build(c);
    (previous == WuPool::kNone ? pool[n].first_child : pool[previous].next_sibling) = child;
    previous = child;
  }
  return n;
}

void WakeupForest::PopLeftmost(WakeupForest* children) {
  WuPool& pool = *pool_;
  const WuPool::Index n = first_;
  first_ = pool[n].next_sibling;
  *children = WakeupForest(pool_, pool[n].first_child);
  pool.Free(n);
}

}  // namespace lockstep
