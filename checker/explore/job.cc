// Job messages as bytes: fixed-width little-endian fields, lengths before
// lists and strings. Only what the explorer needs of an operation travels
// (kind, object, location, arguments, read_only); see job.h.
#include "checker/explore/job.h"

#include <cstring>
#include <type_traits>

namespace lockstep {
namespace {

class Writer {
 public:
  template <typename T>
    requires std::is_trivially_copyable_v<T>
  void Put(T v) {
    out_.append(reinterpret_cast<const char*>(&v), sizeof v);
  }
  void Put(const std::string& s) {
    Put<uint32_t>(static_cast<uint32_t>(s.size()));
    out_ += s;
  }
  template <typename List, typename Each>
  void PutList(const List& list, Each each) {
    Put<uint32_t>(static_cast<uint32_t>(list.size()));
    for (const auto& x : list) each(x);
  }
  std::string Take() { return std::move(out_); }

 private:
  std::string out_;
};

class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  template <typename T>
    requires std::is_trivially_copyable_v<T>
  T Get() {
    T v;
    std::memcpy(&v, Take(sizeof v), sizeof v);
    return v;
  }
  std::string GetString() {
    const uint32_t n = Get<uint32_t>();
    return std::string(Take(n), n);
  }
  // Reads a count, refusing one larger than the bytes left could hold.
  uint32_t GetCount() {
    const uint32_t n = Get<uint32_t>();
    if (n > in_.size()) throw BadMessage("job message: a list is longer than the message");
    return n;
  }
  void ExpectEnd() const {
    if (!in_.empty()) throw BadMessage("job message: trailing bytes");
  }

 private:
  const char* Take(size_t n) {
    if (n > in_.size()) throw BadMessage("job message: truncated");
    const char* p = in_.data();
    in_.remove_prefix(n);
    return p;
  }
  std::string_view in_;
};

void Put(Writer& w, const Operation& op) {
  w.Put(op.kind);
  w.Put(op.object);
  w.Put(op.location);
  w.Put(op.arg);
  w.Put(op.arg2);
  w.Put<uint8_t>(op.read_only);
}

Operation GetOperation(Reader& r) {
  Operation op;
  op.kind = r.Get<OpKind>();
  if (static_cast<size_t>(op.kind) >= kNumOpKinds) throw BadMessage("job message: unknown operation");
  op.object = r.Get<ObjectId>();
  op.location = r.Get<Location>();
  op.arg = r.Get<int64_t>();
  op.arg2 = r.Get<int64_t>();
  op.read_only = r.Get<uint8_t>() != 0;
  return op;
}

void PutSchedule(Writer& w, const std::vector<ScheduleStep>& schedule) {
  w.PutList(schedule, [&](const ScheduleStep& s) {
    w.Put(s.thread);
    w.Put(s.choice);
  });
}

std::vector<ScheduleStep> GetSchedule(Reader& r) {
  std::vector<ScheduleStep> schedule(r.GetCount());
  for (ScheduleStep& s : schedule) {
    s.thread = r.Get<ThreadId>();
    s.choice = r.Get<int64_t>();
  }
  return schedule;
}

void Put(Writer& w, const WuEvent& e) {
  w.Put(e.thread);
  w.Put(e.seq);
  Put(w, e.op);
  w.PutList(e.wakers, [&](const auto& waker) {
    w.Put(waker.first);
    w.Put(waker.second);
  });
}

WuEvent GetEvent(Reader& r) {
  WuEvent e;
  e.thread = r.Get<ThreadId>();
  e.seq = r.Get<uint32_t>();
  e.op = GetOperation(r);
  for (uint32_t n = r.GetCount(); n > 0; --n) {
    const ThreadId t = r.Get<ThreadId>();
    e.wakers.emplace_back(t, r.Get<uint32_t>());
  }
  return e;
}

void PutEvents(Writer& w, const std::vector<WuEvent>& events) {
  w.PutList(events, [&](const WuEvent& e) { Put(w, e); });
}

std::vector<WuEvent> GetEvents(Reader& r) {
  std::vector<WuEvent> events(r.GetCount());
  for (WuEvent& e : events) e = GetEvent(r);
  return events;
}

void Put(Writer& w, const WuNode& n) {
  Put(w, n.event);
  w.PutList(n.children, [&](const WuNode& c) { Put(w, c); });
}

// The nesting is bounded by the message length (each level takes bytes).
WuNode GetNode(Reader& r) {
  WuNode n{GetEvent(r), {}};
  n.children.resize(r.GetCount());
  for (WuNode& c : n.children) c = GetNode(r);
  return n;
}

void Put(Writer& w, const ExploreStats& s) {
  for (uint64_t v : {s.executions, s.complete, s.deadlocked, s.assume_blocked, s.sleep_set_blocked, s.bounded,
                     s.stopped, s.events}) {
    w.Put(v);
  }
  w.Put(s.seconds);
}

ExploreStats GetStats(Reader& r) {
  ExploreStats s;
  for (uint64_t* v : {&s.executions, &s.complete, &s.deadlocked, &s.assume_blocked, &s.sleep_set_blocked,
                      &s.bounded, &s.stopped, &s.events}) {
    *v = r.Get<uint64_t>();
  }
  s.seconds = r.Get<double>();
  return s;
}

void Put(Writer& w, const Counterexample& c) {
  w.Put(c.violation.property);
  w.Put(c.violation.message);
  w.Put(c.violation.at);
  w.Put(c.violation.thread);
  PutSchedule(w, c.schedule);
  w.Put(c.preemptions);
}

Counterexample GetCounterexample(Reader& r) {
  Counterexample c;
  c.violation.property = r.GetString();
  c.violation.message = r.GetString();
  c.violation.at = r.Get<EventIndex>();
  c.violation.thread = r.Get<ThreadId>();
  c.schedule = GetSchedule(r);
  c.preemptions = r.Get<uint32_t>();
  return c;
}

}  // namespace

std::string Encode(const SleepSet& sleep) {
  Writer w;
  PutEvents(w, sleep.events());
  return w.Take();
}

std::string Encode(const Job& job) {
  Writer w;
  PutSchedule(w, job.prefix);
  PutEvents(w, job.sleep.events());
  Put(w, job.branch);
  return w.Take();
}

Job DecodeJob(std::string_view bytes) {
  Reader r(bytes);
  Job job;
  job.prefix = GetSchedule(r);
  job.sleep = SleepSet(GetEvents(r));
  job.branch = GetNode(r);
  r.ExpectEnd();
  return job;
}

std::string Encode(const JobResult& result) {
  Writer w;
  Put(w, result.result.stats);
  w.PutList(result.result.violations, [&](const Counterexample& c) { Put(w, c); });
  w.Put(result.result.limit);
  w.Put<uint8_t>(result.result.interrupted);
  w.PutList(result.edits, [&](const NodeEdit& e) {
    w.Put(e.kind);
    w.Put(e.depth);
    PutEvents(w, e.sequence);
  });
  Put(w, result.first);
  return w.Take();
}

JobResult DecodeJobResult(std::string_view bytes) {
  Reader r(bytes);
  JobResult out;
  out.result.stats = GetStats(r);
  out.result.violations.resize(r.GetCount());
  for (Counterexample& c : out.result.violations) c = GetCounterexample(r);
  out.result.limit = r.GetString();
  out.result.interrupted = r.Get<uint8_t>() != 0;
  out.edits.resize(r.GetCount());
  for (NodeEdit& e : out.edits) {
    e.kind = r.Get<NodeEdit::Kind>();
    if (e.kind != NodeEdit::Kind::kPlan && e.kind != NodeEdit::Kind::kExpandChoice) {
      throw BadMessage("job message: unknown edit");
    }
    e.depth = r.Get<uint32_t>();
    e.sequence = GetEvents(r);
  }
  out.first = GetEvent(r);
  r.ExpectEnd();
  return out;
}

}  // namespace lockstep
