#include "tests/engine/random_program.h"

#include "absl/strings/str_cat.h"

namespace lockstep::testing {
namespace {

struct World {
  World(int n, int threads) : rcu(threads) {
    for (int i = 0; i < n; ++i) vars.push_back(std::make_unique<Atomic<int>>("x" + std::to_string(i)));
  }
  std::vector<std::unique_ptr<Atomic<int>>> vars;
  Mutex m{"m"};
  RwSem sem{"sem"};
  Bits flags{"flags"};
  Spinlock sl{"sl"};
  Semaphore sema{"sema", 1};
  Completion done{"done"};
  RefCount ref{"ref", 1};
  WaitQueueHead wq{"wq"};
  SeqCount seq{"seq"};
  Rcu rcu;  // the program's threads; call_rcu callbacks take no read-side sections
};

Task<void> StoreLater(Atomic<int>& x, int v) { co_await x.store(v); }

Task<void> Interpret(const std::vector<Instr>& code, World& w, int threads) {
  int64_t r = 0;  // the thread's one register
  for (const Instr& in : code) {
    Atomic<int>& x = *w.vars[in.var % w.vars.size()];
    switch (in.op) {
      case Ins::kLoad: r = co_await x.load(); break;
      case Ins::kStore: co_await x.store(static_cast<int>(r + in.val)); break;
      case Ins::kFetchAdd: r = co_await x.fetch_add(static_cast<int>(in.val)); break;
      case Ins::kCompareExchange: r = co_await x.compare_exchange(static_cast<int>(in.val), static_cast<int>(r + 1)); break;
      case Ins::kExchange: r = co_await x.exchange(static_cast<int>(in.val)); break;
      case Ins::kLock: co_await w.m.lock(); break;
      case Ins::kUnlock: co_await w.m.unlock(); break;
      case Ins::kTrylockUnlock:
        r = co_await w.m.trylock();
        if (r) co_await w.m.unlock();
        break;
      case Ins::kDownRead: co_await w.sem.down_read(); break;
      case Ins::kUpRead: co_await w.sem.up_read(); break;
      case Ins::kDownWrite: co_await w.sem.down_write(); break;
      case Ins::kUpWrite: co_await w.sem.up_write(); break;
      case Ins::kReadTrylockUp:
        r = co_await w.sem.down_read_trylock();
        if (r) co_await w.sem.up_read();
        break;
      case Ins::kSetBit: co_await w.flags.set_bit(in.var); break;
      case Ins::kClearBit: co_await w.flags.clear_bit(in.var); break;
      case Ins::kTestBit: r = co_await w.flags.test_bit(in.var); break;
      case Ins::kTestAndSetBit: r = co_await w.flags.test_and_set_bit(in.var); break;
      case Ins::kCheck: check(r != in.val, absl::StrCat("assert-", in.var), "register hit the forbidden value"); break;
      case Ins::kChoose: r += co_await choose(2); break;
      case Ins::kAssume: assume(r != in.val); break;
      case Ins::kWaitUntil:
        r = co_await x.wait_until(in.val % 2 ? ne(in.val / 2) : eq(in.val / 2));
        break;
      case Ins::kSleep:
        co_await set_current_state(TASK_UNINTERRUPTIBLE);
        co_await schedule();
        break;
      case Ins::kWake: r = co_await wake_up_process(ThreadHandle{static_cast<ThreadId>(in.var % threads)}); break;
      case Ins::kSpinLock: co_await spin_lock(w.sl); break;
      case Ins::kSpinUnlock: co_await spin_unlock(w.sl); break;
      case Ins::kSpinTrylockUnlock:
        r = co_await spin_trylock(w.sl);
        if (r) co_await spin_unlock(w.sl);
        break;
      case Ins::kDown: co_await down(w.sema); break;
      case Ins::kUp: co_await up(w.sema); break;
      case Ins::kDownTrylock: r = co_await down_trylock(w.sema); break;
      case Ins::kWaitForCompletion: co_await wait_for_completion(w.done); break;
      case Ins::kComplete: co_await complete(w.done); break;
      case Ins::kCompleteAll: co_await complete_all(w.done); break;
      case Ins::kTryWaitForCompletion: r = co_await try_wait_for_completion(w.done); break;
      case Ins::kCompletionDone: r = co_await completion_done(w.done); break;
      case Ins::kRefInc: co_await refcount_inc(w.ref); break;
      case Ins::kRefIncNotZero: r = co_await refcount_inc_not_zero(w.ref); break;
      case Ins::kRefDecAndTest: r = co_await refcount_dec_and_test(w.ref); break;
      case Ins::kRefDecAndLock:
        r = co_await refcount_dec_and_lock(w.ref, w.sl);
        if (r) co_await spin_unlock(w.sl);
        break;
      case Ins::kRefDecAndMutexLock:
        r = co_await refcount_dec_and_mutex_lock(w.ref, w.m);
        if (r) co_await w.m.unlock();
        break;
      case Ins::kWaitEvent:
        co_await wait_event(w.wq, [&x]() -> Task<bool> {
          const int v = co_await x.load();
          co_return v != 0;
        });
        break;
      case Ins::kWakeUp: r = co_await wake_up(w.wq); break;
      case Ins::kWaitqueueActive: r = co_await waitqueue_active(w.wq); break;
      case Ins::kSeqWriteBegin: co_await write_seqcount_begin(w.seq); break;
      case Ins::kSeqWriteEnd: co_await write_seqcount_end(w.seq); break;
      case Ins::kSeqRead: {
        const int64_t start = co_await read_seqcount_begin(w.seq);
        r = co_await x.load();
        const bool retry = co_await read_seqcount_retry(w.seq, start);
        r += retry ? 10 : 0;
        break;
      }
      case Ins::kRcuReadLock: co_await rcu_read_lock(w.rcu); break;
      case Ins::kRcuReadUnlock: co_await rcu_read_unlock(w.rcu); break;
      case Ins::kSynchronizeRcu: co_await synchronize_rcu(w.rcu); break;
      case Ins::kCallRcu: call_rcu(w.rcu, [&x, v = static_cast<int>(in.val)] { return StoreLater(x, v); }); break;
    }
  }
}

// Instruction families beyond the plain atomics. A program draws from the
// atomics and one or two families, so that its threads meet on the same
// objects: a program spread over every primitive has few races and tests
// little for the interleavings brute force pays for.
enum Family : int {
  kLocks, kBits, kWaits, kSpinlock, kSemaphore, kCompletion, kRefcount, kWaitQueue, kSeqcount, kRcu, kFamilies
};

struct Generator {
  std::mt19937_64& rng;
  int vars;
  std::vector<Instr>* code;
  std::vector<Ins>* open;  // closing instructions still owed
  int remaining;

  int pick(int n) { return static_cast<int>(rng() % n); }
  void Add(Ins op, int var = 0, int64_t val = 0) { code->push_back({op, var, val}); }
  // An opening instruction and the closing one owed for it.
  void Section(Ins begin, Ins end) {
    if (remaining < 2) return Add(Ins::kLoad, pick(vars));
    Add(begin);
    open->push_back(end);
  }
  template <size_t N>
  void OneOf(const Ins (&ops)[N]) { Add(ops[pick(N)]); }

  void Atomics() {
    const int k = pick(13);
    const int var = pick(vars);
    const int64_t val = pick(3);
    if (k < 4) Add(Ins::kLoad, var);
    else if (k < 7) Add(Ins::kStore, var, val);
    else if (k < 8) Add(Ins::kFetchAdd, var, 1);
    else if (k < 9) Add(pick(2) ? Ins::kCompareExchange : Ins::kExchange, var, val);
    else if (k < 11) Add(Ins::kCheck, pick(3), val);
    else if (k < 12) Add(Ins::kChoose);
    else Add(Ins::kAssume, 0, val);
  }

  void From(Family f) {
    const int var = pick(vars);
    switch (f) {
      case kLocks:
        switch (pick(4)) {
          case 0: return Section(Ins::kLock, Ins::kUnlock);
          case 1: return pick(2) ? Section(Ins::kDownWrite, Ins::kUpWrite) : Section(Ins::kDownRead, Ins::kUpRead);
          case 2: return Add(pick(2) ? Ins::kTrylockUnlock : Ins::kReadTrylockUp);
          default: return Add(pick(8) == 0 ? Ins::kUnlock : Ins::kLoad, var);  // misuse, now and then
        }
      case kBits: {
        static constexpr Ins kOps[] = {Ins::kSetBit, Ins::kClearBit, Ins::kTestBit, Ins::kTestAndSetBit};
        return Add(kOps[pick(4)], pick(2));
      }
      case kWaits:
        switch (pick(3)) {
          case 0: return Add(Ins::kWaitUntil, var, pick(4));
          case 1: return Add(Ins::kSleep);
          default: return Add(Ins::kWake, pick(4));
        }
      case kSpinlock:
        return pick(3) ? Section(Ins::kSpinLock, Ins::kSpinUnlock) : Add(Ins::kSpinTrylockUnlock);
      case kSemaphore: {
        static constexpr Ins kOps[] = {Ins::kDown, Ins::kUp, Ins::kDownTrylock};
        return OneOf(kOps);
      }
      case kCompletion: {
        static constexpr Ins kOps[] = {Ins::kWaitForCompletion, Ins::kComplete, Ins::kCompleteAll,
                                       Ins::kTryWaitForCompletion, Ins::kCompletionDone};
        return OneOf(kOps);
      }
      case kRefcount: {
        static constexpr Ins kOps[] = {Ins::kRefInc, Ins::kRefIncNotZero, Ins::kRefDecAndTest, Ins::kRefDecAndLock,
                                       Ins::kRefDecAndMutexLock};
        return OneOf(kOps);
      }
      case kWaitQueue:
        switch (pick(3)) {
          case 0: return Add(Ins::kWaitEvent, var);
          case 1: return Add(Ins::kWakeUp);
          default: return Add(Ins::kWaitqueueActive);
        }
      case kSeqcount:
        return pick(2) ? Section(Ins::kSeqWriteBegin, Ins::kSeqWriteEnd) : Add(Ins::kSeqRead, var);
      case kRcu:
        switch (pick(3)) {
          case 0: return Section(Ins::kRcuReadLock, Ins::kRcuReadUnlock);
          case 1: return Add(Ins::kSynchronizeRcu);
          default: return Add(Ins::kCallRcu, var, pick(3));
        }
      case kFamilies:
        break;
    }
  }
};

// A thread's code: random steps, sections properly nested (mostly).
std::vector<Instr> RandomThread(std::mt19937_64& rng, int vars, int length, const std::vector<Family>& families) {
  std::vector<Instr> code;
  std::vector<Ins> open;
  Generator g{rng, vars, &code, &open, 0};
  while (static_cast<int>(code.size()) < length) {
    g.remaining = length - static_cast<int>(code.size());
    if (!open.empty() && (g.remaining <= static_cast<int>(open.size()) || g.pick(3) == 0)) {
      code.push_back({open.back(), 0, 0});
      open.pop_back();
    } else if (families.empty() || g.pick(5) < 2) {
      g.Atomics();
    } else {
      g.From(families[g.pick(static_cast<int>(families.size()))]);
    }
  }
  while (!open.empty()) {  // rarely, a thread keeps a lock: lock-misuse
    if (g.pick(10) != 0) code.push_back({open.back()});
    open.pop_back();
  }
  return code;
}

// Steps of one instruction in its own thread (an upper bound is enough), in a
// program of `threads` threads.
int StepsOf(Ins op, int threads) {
  switch (op) {
    case Ins::kTrylockUnlock:
    case Ins::kReadTrylockUp:
    case Ins::kSpinTrylockUnlock:
    case Ins::kSleep:
      return 2;
    case Ins::kSeqRead:
      return 3;
    case Ins::kRefDecAndLock:
    case Ins::kRefDecAndMutexLock:
      return 4;
    case Ins::kSynchronizeRcu:  // might_sleep, then a load and a wait per reader
      return 1 + 2 * threads;
    case Ins::kWakeUp:  // lock, load, a wake-up and a store per other thread, unlock
      return 3 + 2 * (threads - 1);
    case Ins::kWaitEvent:
      return 14;
    case Ins::kCallRcu:  // spawns the callback, a thread of its own (CallbackSteps)
      return 0;
    default:
      return 1;
  }
}

// The thread call_rcu spawns: a grace period (a load and a wait per reader), then its store.
int CallbackSteps(int threads) { return 2 * threads + 1; }

double Interleavings(const Program& p) {
  // multinomial(total; n_1..n_k) over the threads and the call_rcu callbacks, times 2 per choice
  const int threads = static_cast<int>(p.threads.size());
  std::vector<int> steps;
  double result = 1;
  for (const auto& t : p.threads) {
    int n = 0;
    for (const Instr& in : t) {
      n += StepsOf(in.op, threads);
      if (in.op == Ins::kCallRcu) steps.push_back(CallbackSteps(threads));
      if (in.op == Ins::kChoose) result *= 2;
    }
    steps.push_back(n);
  }
  int total = 0;
  for (int n : steps) {
    for (int i = 1; i <= n; ++i) result = result * (total + i) / i;
    total += n;
  }
  return result;
}

}  // namespace

Program RandomProgram(uint64_t seed, uint64_t max_interleavings) {
  std::mt19937_64 rng(seed);
  Program p;
  p.vars = 1 + static_cast<int>(rng() % 3);
  const int threads = 2 + static_cast<int>(rng() % 3);
  std::vector<Family> families;
  for (int n = 1 + static_cast<int>(rng() % 2); n > 0; --n) families.push_back(static_cast<Family>(rng() % kFamilies));
  for (int t = 0; t < threads; ++t) {
    p.threads.push_back(RandomThread(rng, p.vars, 1 + static_cast<int>(rng() % 6), families));
  }
  // Shrink the longest thread until brute force can enumerate the program.
  while (Interleavings(p) > static_cast<double>(max_interleavings)) {
    auto longest = std::max_element(p.threads.begin(), p.threads.end(),
                                    [](const auto& a, const auto& b) { return a.size() < b.size(); });
    *longest = RandomThread(rng, p.vars, static_cast<int>(longest->size()) - 1, families);
  }
  p.invariant = rng() % 5 == 0;
  p.end_check = rng() % 4 == 0;
  return p;
}

void SetUp(Runtime& rt, const Program& p) {
  World& w = rt.Make<World>(p.vars, static_cast<int>(p.threads.size()));
  for (size_t t = 0; t < p.threads.size(); ++t) spawn("t" + std::to_string(t), Interpret(p.threads[t], w, static_cast<int>(p.threads.size())));
  if (p.invariant) {
    rt.Invariant("invariant", {w.vars.front().get(), w.vars.back().get()}, [&w]() -> std::optional<std::string> {
      if (w.vars.front()->peek() + w.vars.back()->peek() <= 3) return std::nullopt;
      return "x0 + xlast > 3";
    });
  }
  if (p.end_check) {
    rt.AtEnd("end-check", [&w]() -> std::optional<std::string> {
      if (w.vars.front()->peek() != 2) return std::nullopt;
      return "x0 == 2 at the end";
    });
  }
}

std::string Program::ToString() const {
  std::string s;
  for (size_t t = 0; t < threads.size(); ++t) {
    absl::StrAppend(&s, "t", t, ":");
    for (const Instr& i : threads[t]) absl::StrAppend(&s, " ", static_cast<int>(i.op), "/", i.var, "/", i.val);
    absl::StrAppend(&s, "\n");
  }
  absl::StrAppend(&s, "invariant=", invariant, " end_check=", end_check, "\n");
  return s;
}

}  // namespace lockstep::testing
