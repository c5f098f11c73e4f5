#include "checker/explore/recorder.h"

#include <algorithm>
#include <csignal>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "checker/core/model_error.h"
#include "checker/core/system.h"

namespace lockstep {
namespace {

std::string Where(const Operation& op) {
  return absl::StrCat(std::string(NameOf(op.kind)), " at ", op.where.file_name(), ":", op.where.line());
}

// `expected` is a planned or replayed step. One that came in a job message
// has no source location (job.h): the rest of it must match.
bool SameStep(const Operation& next, const Operation& expected) {
  const bool located = expected.where.line() != 0;
  if (next.kind == OpKind::kChoose && expected.kind == OpKind::kChoose) {
    return next.arg == expected.arg && (!located || next.where.line() == expected.where.line());
  }
  if (!located) {
    return next.kind == expected.kind && next.object == expected.object && next.arg == expected.arg &&
           next.arg2 == expected.arg2;
  }
  return next.SameAs(expected);
}

}  // namespace

Recorder::Recorder(System& system, const ExploreOptions& options)
    : system_(system), options_(options), start_(std::chrono::steady_clock::now()),
      last_progress_(start_) {}

Recorder::~Recorder() {
  if (finished_ || options_.partial == nullptr) return;
  Settle();
  *options_.partial = std::move(result_);
}

void Recorder::Restart() {
  in_execution_ = true;
  system_.Restart();
  events_.clear();
  thread_seq_.assign(kMaxThreads, 0);
  violations_seen_ = 0;
}

void Recorder::Rewind(size_t n) {
  in_execution_ = true;
  for (size_t k = n; k < events_.size(); ++k) --thread_seq_[events_[k].thread];
  events_.resize(n);
  system_.Restart();
  for (size_t k = 0; k < n; ++k) Redo(k);
  // The prefix's violations were collected when it first ran.
  violations_seen_ = system_.Violations().size();
  result_.stats.events += n;
}

void Recorder::Redo(size_t k) {
  const Event& e = events_[k];
  const Operation* next = system_.NextOp(e.thread);
  if (next == nullptr || !SameStep(*next, e.op)) ThrowNondeterministic(k, e.thread, &e.op, next);
  system_.Execute(e.thread, e.op.arg2, &step_);
}

void Recorder::ThrowNondeterministic(size_t step, ThreadId t, const Operation* expected,
                                     const Operation* next) const {
  throw ModelError(absl::StrCat(
      "the model is nondeterministic: at step ", step + 1, " thread ", system_.ThreadName(t), " was expected to ",
      expected ? Where(*expected) : "move", " but ", next ? "does " + Where(*next) : std::string("cannot move"),
      ". Is the model fully deterministic (no clocks, addresses, statics or unexplored randomness)?"));
}

bool Recorder::WouldPreempt(ThreadId t) const {
  if (events_.empty()) return false;
  const ThreadId prev = events_.back().thread;
  return t != prev && system_.NextOp(prev) != nullptr;
}

const Event& Recorder::Step(ThreadId t, int64_t choice, const Operation* expected) {
  const Operation* next = system_.NextOp(t);
  if (next == nullptr || (expected != nullptr && !SameStep(*next, *expected))) {
    ThrowNondeterministic(events_.size(), t, expected, next);
  }
  const uint32_t preemptions = Preemptions() + (WouldPreempt(t) ? 1 : 0);
  StepInfo& info = step_;
  system_.Execute(t, choice, &info);
  Event& e = events_.emplace_back();  // in place: an event is a hundred bytes
  e.thread = t;
  e.seq = thread_seq_[t]++;
  e.op = info.op;
  e.wakers = info.wakers;
  e.result = info.result;
  e.preemptions = preemptions;
  ++result_.stats.events;
  if (info.violated) CollectViolations();
  return e;
}

void Recorder::End() {
  EndKind kind;
  system_.End(&kind);
  CollectViolations();
  ExploreStats& s = result_.stats;
  ++s.executions;
  in_execution_ = false;
  switch (kind) {
    case EndKind::kComplete: ++s.complete; break;
    case EndKind::kDeadlock: ++s.deadlocked; break;
    case EndKind::kAssumeBlocked: ++s.assume_blocked; break;
  }
  if (options_.observer) options_.observer(ExecutionView{events_, kind, &system_});
}

void Recorder::CollectViolations() {
  const auto& all = system_.Violations();
  for (; violations_seen_ < all.size(); ++violations_seen_) {
    const Violation& v = all[violations_seen_];
    found_ = true;
    if (Found(v.property)) continue;
    const size_t n = std::min<size_t>(v.at + 1, events_.size());
    std::span<const Event> prefix(events_.data(), n);
    result_.violations.push_back(Counterexample{v, ScheduleOf(prefix), n ? prefix.back().preemptions : 0});
  }
}

bool Recorder::Found(const std::string& property) const {
  return std::any_of(result_.violations.begin(), result_.violations.end(),
                     [&](const Counterexample& c) { return c.violation.property == property; });
}

void Recorder::Absorb(const ExploreResult& subtree) {
  ExploreStats& s = result_.stats;
  const ExploreStats& t = subtree.stats;
  s.executions += t.executions, s.complete += t.complete, s.deadlocked += t.deadlocked;
  s.assume_blocked += t.assume_blocked, s.sleep_set_blocked += t.sleep_set_blocked, s.bounded += t.bounded;
  s.stopped += t.stopped, s.events += t.events;
  for (const Counterexample& c : subtree.violations) {
    found_ = true;
    if (!Found(c.violation.property)) result_.violations.push_back(c);
  }
  if (!subtree.limit.empty()) SetLimit(subtree.limit);
  result_.interrupted |= subtree.interrupted;
}

void Recorder::ExceededMaxSteps() {
  SetLimit(absl::StrCat("an execution exceeded ", options_.max_steps,
                        " steps (--max-steps: raise it if the model is meant to run that long; else it may loop forever)"));
}

bool Recorder::ShouldStop() {
  // Reading the clock costs more than an event: look every 4096 calls.
  if (options_.progress && (++calls_ & 4095) == 0) ReportProgress();
  if (found_ && options_.stop_at_first_violation) return true;
  if (options_.interrupt != nullptr) {
    if (const int signal = options_.interrupt->load(std::memory_order_relaxed); signal != 0) {
      const char* name = sigabbrev_np(signal);
      SetLimit(absl::StrCat("interrupted by SIG", name != nullptr ? name : std::to_string(signal)));
      result_.interrupted = true;
    }
  }
  if (options_.max_executions != 0 && result_.stats.executions >= options_.max_executions) {
    SetLimit(absl::StrCat("stopped after --max-executions=", options_.max_executions));
  }
  return !result_.limit.empty();
}

void Recorder::ReportProgress() {
  const auto now = std::chrono::steady_clock::now();
  if (now - last_progress_ > std::chrono::seconds(1)) {
    last_progress_ = now;
    options_.progress(Progress{result_.stats.executions, result_.stats.events,
                               std::chrono::duration<double>(now - start_).count()});
  }
}

void Recorder::Settle(Scope scope) {
  ExploreStats& s = result_.stats;
  s.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  if (in_execution_) {
    ++s.executions, ++s.stopped;
    in_execution_ = false;
  }
  if (s.bounded > 0 && scope == Scope::kWhole) {
    SetLimit(absl::StrCat(s.bounded, " executions were cut by the preemption bound"));
  }
}

ExploreResult Recorder::Finish(Scope scope) {
  Settle(scope);
  finished_ = true;
  return std::move(result_);
}

}  // namespace lockstep
