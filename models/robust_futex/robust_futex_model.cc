// robust-futex: futex exit cleanup vs the oom reaper, every proposal of the
// March 2022 review of "[PATCH v5] mm/oom_kill.c: futex: Close a race between
// do_exit and the oom_reaper" (docs/models/robust-futex.md), properties P4,
// P5, P7, P8 (no-hang), P9.
//
// Threads: the victim's thread(s) in do_exit(), a waiter in another process
// on the shared robust mutex1, the oom reaper (or the v5.18 timer that queues
// it), optionally a task queueing on mmap_lock as a writer, and oom_killer,
// which only makes the kill (and the stuck-or-not choice).
#include "absl/strings/str_cat.h"
#include "models/registry.h"
#include "models/robust_futex/state.h"
#include "models/robust_futex/threads.h"
#include "properties/robust_futex_owner_died.h"
#include "properties/robust_futex_reaper.h"
#include "properties/robust_futex_state_monotone.h"

namespace lockstep::models::robust_futex {
namespace {

// User addresses of the model's memory layout.
inline constexpr int64_t kTlsBase = 0x1000;  // thread i's robust_list_head at kTlsBase * (i + 1)
inline constexpr int64_t kMutex2 = 0x10000;  // private (heap) robust mutex2's list entry
inline constexpr int64_t kMutex1 = 0x20000;  // shared (shm) robust mutex1's list entry

Config Decode(const Settings& s) {
  Config c;
  c.threads = static_cast<int>(s["threads"]);
  c.chain_via_m2 = s["chain"] == 1;
  c.writer = s.on("writer");
  c.stuck = static_cast<int>(s["stuck"]);
  c.timing_assumed = s["timing"] == 1;
  c.swapped = s["pages"] == 1;
  c.oom_delay = s.on("oom-delay");
  c.skip_robust_list = s.on("skip-robust-list");
  c.reaper_cleans_list = s.on("reaper-cleans-list");
  c.skip_head_vma = static_cast<int>(s["skip-head-vma"]);
  c.last_resort = s.on("last-resort");
  if (c.threads < 1 || c.threads > 2) throw ModelError("robust-futex: threads must be 1 or 2");
  return c;
}

void AddWord(Runtime& rt, Mm& mm, int64_t addr, Vma* vma, ObjectName name, int64_t value,
             Atomic<int64_t>** out = nullptr) {
  Atomic<int64_t>& a = rt.Make<Atomic<int64_t>>(std::move(name), value);
  mm.memory.emplace_back(addr, UserWord{vma, &a});
  if (out != nullptr) *out = &a;
}

void Setup(Runtime& rt, const Settings& s) {
  World& w = rt.Make<World>();
  w.cfg = Decode(s);
  const Config& c = w.cfg;
  Mm& mm = rt.Make<Mm>(c.threads);
  w.mm = &mm;
  w.oom = &rt.Make<Oom>();
  w.waiter = &rt.Make<Waiter>();

  // VMAs in address order: each thread's TLS, the heap with mutex2, the shm with mutex1.
  Few<Vma*> tls;
  for (int i = 0; i < c.threads; ++i)
    tls.push_back(&rt.Make<Vma>("tls" + std::to_string(i), false, !c.swapped));
  Vma* heap = c.chain_via_m2 ? &rt.Make<Vma>("heap", false, !c.swapped) : nullptr;
  Vma* shm = &rt.Make<Vma>("shm", true, true);
  mm.vmas.assign(tls.begin(), tls.end());
  if (heap != nullptr) mm.vmas.push_back(heap);
  mm.vmas.push_back(shm);
  for (Vma* v : mm.vmas) {
    if (!v->shared) w.private_vmas.push_back(v);
  }

  // The victim's threads; the last one holds the robust mutexes. With two
  // threads the holder is always the sibling of the task the OOM killer
  // queued (tasks[0], whose list is empty): the case Gleixner raised against
  // every per-task fix. With the queued task as the holder the second thread
  // would only add interleavings to the one-thread scenario.
  for (int i = 0; i < c.threads; ++i) {
    const std::string comm = i == 0 ? "victim" : "victim_t" + std::to_string(i + 1);
    w.tasks.push_back(&rt.Make<VictimTask>(comm, 101 + i, kTlsBase * (i + 1), tls[i]));
  }
  VictimTask& holder = *w.tasks.back();

  // The robust lists, a chain through user memory:
  //   holder:  head -> [mutex2 ->] mutex1 -> head      others: head -> head (empty)
  for (VictimTask* t : w.tasks) {
    const int64_t first = t != &holder ? t->head : (c.chain_via_m2 ? kMutex2 : kMutex1);
    AddWord(rt, mm, t->head, t->tls, {t->comm, ".robust_list_head.next"}, first);
  }
  if (c.chain_via_m2) {
    AddWord(rt, mm, kMutex2, heap, "mutex2.list.next", kMutex1);
    AddWord(rt, mm, kMutex2 + kFutexOffset, heap, "mutex2.futex", holder.tid);
  }
  AddWord(rt, mm, kMutex1, shm, "mutex1.list.next", holder.head);
  AddWord(rt, mm, kMutex1 + kFutexOffset, shm, "mutex1.futex", holder.tid, &w.mutex1);
  w.mutex1_addr = kMutex1 + kFutexOffset;

  spawn("waiter", robust_mutex_lock_waiter(w));
  if (c.writer) spawn("mmap_writer", mmap_writer(w));
  spawn("oom_killer", oom_kill_process(w));

  // P7
  rt.AtEnd(properties::kRobustOwnerDied, [&w]() -> std::optional<std::string> {
    properties::RobustWaiterEnd e;
    e.took_lock = w.waiter->took_lock;
    e.took_from = w.waiter->took_from;
    e.queued = w.waiter->q.peek() != kFutexQNone;
    e.woken = w.waiter->q.peek() == kFutexQWoken;
    e.futex_word = w.mutex1->peek();
    e.owner_died_bit = FUTEX_OWNER_DIED;
    e.tid_mask = FUTEX_TID_MASK;
    return properties::JudgeRobustOwnerDied(e, "mutex1");
  });
  // P9
  for (VictimTask* t : w.tasks) {
    static constexpr const char* kFutexStateNames[] = {"FUTEX_STATE_OK", "FUTEX_STATE_EXITING",
                                                       "FUTEX_STATE_DEAD"};
    properties::FutexStateMonotone(rt, t->futex_state, t->comm, kFutexStateNames);
  }
  // P5 (P4 is checked by the reaper itself when it skips a task)
  properties::ReaperProgressAtEnd(rt, w.oom->reaper_queued, mm.flags, MMF_OOM_SKIP);
}

}  // namespace

ModelSpec RobustFutexModel() {
  ModelSpec m;
  m.name = "robust-futex";
  m.summary = "robust futex exit cleanup vs the oom reaper: every proposal of the March 2022 review";
  // One switch or variant per entry, read as a table.
  // clang-format off
  m.switches = {
      // Scenario.
      {"threads", 1,
       "victim threads; with 2, the task the OOM killer queued has an empty robust list and its "
       "sibling holds the mutexes",
       {}, 2, 1},
      {"chain", 0,
       "the robust list of the mutex holder: head -> mutex1 (shared), or head -> mutex2 (private, "
       "another VMA) -> mutex1",
       {"head-m1", "head-m2-m1"}},
      {"writer", 0, "a task queues on the victim's mmap_lock as a writer (down_write)", {}, 1},
      {"stuck", 0,
       "the victim is stuck in the kernel and reaches do_exit() only after the reaper timer fired "
       "(any: explore both)",
       {"no", "yes", "any"}},
      {"timing", 0,
       "when the v5.18 timer may fire: at any time, or (assumed) only after every victim thread's "
       "futex_state is DEAD unless the victim is stuck",
       {"any", "assumed"}},
      {"pages", 0,
       "the victim's private pages (TLS heads, mutex2) at the kill: resident, or swapped out so that "
       "the first get_user() of each takes a page fault",
       {"resident", "swapped"}},
      // Variant.
      {"oom-delay", 0,
       "v5.18 e4a38402c36e: the kill arms a timer; when it fires the reaper is queued unless "
       "MMF_OOM_SKIP is set",
       {}, 1},
      {"skip-robust-list", 0,
       "v4 (the 'V3 approach'): the reaper does not reap a task whose robust_list is set (and "
       "sets MMF_OOM_SKIP)",
       {}, 1},
      {"reaper-cleans-list", 0,
       "v5 (the reviewed patch): if the queued task's robust_list is set, the reaper, holding "
       "mmap_read_lock, trylocks its futex_exit_mutex and walks its robust list itself "
       "(kthread_use_mm); a failed trylock reports the task done without reaping it",
       {}, 1},
      {"skip-head-vma", 0,
       "v6 .. v8: the reaper keeps the VMA holding a robust list head: the queued task's, or every "
       "thread's",
       {"no", "queued-task", "all-threads"}},
      {"last-resort", 0,
       "Gleixner: the reaper (after the timer) reaps only a victim that is truly stuck and leaves "
       "others to exit on their own",
       {}, 1},
  };
  m.variants = {
      {"v5.17", "the OOM kill queues the reaper at once; it zaps all private memory", {}},
      {"skip-robust-list", "v4: do not reap a task with a robust list", {{"skip-robust-list", "1"}}},
      {"reaper-cleans-list", "v5 (the reviewed patch): the reaper cleans the robust list itself",
       {{"reaper-cleans-list", "1"}}},
      {"skip-head-vma", "v6 .. v8: do not reap the VMA holding the queued task's list head",
       {{"skip-head-vma", "queued-task"}}},
      {"skip-all-head-vmas", "do not reap the VMA holding any thread's list head",
       {{"skip-head-vma", "all-threads"}}},
      {"v5.18-delay", "v5.18: reap only when a timer fires and MMF_OOM_SKIP is not set", {{"oom-delay", "1"}}},
      {"last-resort", "Gleixner: after the delay, reap only a victim that is truly stuck",
       {{"oom-delay", "1"}, {"last-resort", "1"}}},
  };
  // clang-format on
  m.properties = {
      {properties::kRobustOwnerDied,
       "P7: the waiter on the dead task's shared robust mutex is woken (or finds it free) and takes it "
       "with FUTEX_OWNER_DIED; judged on executions without deadlock"},
      {properties::kFutexStateMonotone, "P9: futex_state never goes DEAD -> EXITING"},
      {properties::kReaperProgress, "P5: a victim the reaper was queued for ends with MMF_OOM_SKIP"},
      {properties::kNoPrematureSkip,
       "P4: the reaper never sets MMF_OOM_SKIP without reaping while reapable memory is still mapped"},
  };
  // Judged at the end of an execution, where the last step says little: tell
  // what went wrong instead.
  // Combinations that mean nothing: refused, with the reason (lockstep list shows them).
  m.invalid_combinations = {
      {{{"stuck", {"yes", "any"}}, {"oom-delay", {"0"}}},
       "a stuck victim reaches do_exit() only after the v5.18 reaper timer fired; without the timer "
       "(oom-delay=1) every such execution is pruned and nothing is checked"},
      {{{"timing", {"assumed"}}, {"oom-delay", {"0"}}},
       "the timing assumption says when the v5.18 reaper timer fires; without the timer (oom-delay=1) "
       "it would change nothing"},
      {{{"last-resort", {"1"}}, {"oom-delay", {"0"}}},
       "the last resort reaps a victim stuck past the v5.18 delay; without the timer (oom-delay=1) no "
       "victim can be stuck and the reaper would never reap"},
      {{{"reaper-cleans-list", {"1"}}, {"skip-robust-list", {"1"}}},
       "v4 (skip-robust-list) gives up on a task with a robust list before v5's cleanup could run, and "
       "v5 cleans only a task that has one: reaper-cleans-list would do nothing"},
  };
  m.stories[properties::kRobustOwnerDied] =
      "the dying task's robust-list walk never reached mutex1 (a reaped page faulted, or the list was "
      "cleaned elsewhere), so the waiter is never woken: {message}";
  m.setup = Setup;
  return m;
}

LOCKSTEP_REGISTER_MODEL(RobustFutexModel);

}  // namespace lockstep::models::robust_futex
