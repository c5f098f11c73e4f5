// The shared state of the robust-futex model: the victim's mm and its user
// memory, the victim's threads (task_struct fields the futex exit path uses),
// the waiter in another process, and the OOM side (timer, reaper).
//
// User memory. Every user word lives on a VMA; the VMA's page has one PTE:
//
//   pte value    meaning                                   get_user() on it
//   kPteNone     a swap entry: swapped out (pages=swapped)  #PF: do_swap_page() swaps it in,
//                                                           MMF_UNSTABLE or not
//   kPtePresent  present                                    reads the word
//   kPteZapped   none: zapped by the oom reaper or the      #PF: do_anonymous_page():
//                self-reap (both set MMF_UNSTABLE first);   check_stable_address_space()
//                the data is gone                           sees MMF_UNSTABLE -> -EFAULT
//
// The robust list is a real chain through user memory: the TLS word at the
// list head holds the user address of the first entry, each entry's word
// holds the address of the next one, the last points back at the head. A
// mutex's futex word sits kFutexOffset after its entry (head->futex_offset).
#pragma once

#include <cstdint>
#include <string>
#include <utility>

#include "boost/container/small_vector.hpp"
#include "checker/lockstep.h"

namespace lockstep::models::robust_futex {

// include/uapi/linux/futex.h
inline constexpr int64_t FUTEX_WAITERS = 0x80000000;
inline constexpr int64_t FUTEX_OWNER_DIED = 0x40000000;
inline constexpr int64_t FUTEX_TID_MASK = 0x3fffffff;

// kernel/futex/core.c (5.x): tsk->futex_state
enum FutexState : int { FUTEX_STATE_OK = 0, FUTEX_STATE_EXITING = 1, FUTEX_STATE_DEAD = 2 };

// Bit numbers in the model's mm->flags (names as in include/linux/sched/coredump.h).
enum MmFlag : int { MMF_UNSTABLE = 0, MMF_OOM_SKIP = 1 };

enum PteState : int { kPteNone = 0, kPtePresent = 1, kPteZapped = 2 };

// The waiter's struct futex_q, as far as a wake is concerned.
enum FutexQState : int { kFutexQNone = 0, kFutexQQueued = 1, kFutexQWoken = 2 };

inline constexpr int64_t kFutexOffset = 8;  // robust_list_head.futex_offset

// The scenario and the variant, decoded from the model's switches.
struct Config {
  int threads = 1;            // victim threads
  bool chain_via_m2 = false;  // head -> mutex2 (private) -> mutex1 (shared)
  bool writer = false;        // a thread queues on mmap_lock as a writer
  int stuck = 0;              // 0 no, 1 yes, 2 explored
  bool timing_assumed = false;
  bool swapped = false;    // the victim's private pages start swapped out
  bool oom_delay = false;  // v5.18: the kill arms a timer that queues the reaper
  bool skip_robust_list = false;
  bool reaper_cleans_list = false;
  int skip_head_vma = 0;  // 0 no, 1 the queued task's head VMA, 2 every thread's
  bool last_resort = false;
};

struct Vma {
  Vma(std::string vma_name, bool shared_mapping, bool resident)
      : name(std::move(vma_name)),
        shared(shared_mapping),
        pte({"pte(", name, ")"}, resident ? kPtePresent : kPteNone) {}
  std::string name;
  bool shared;  // VM_SHARED: the oom reaper leaves it alone
  Atomic<int> pte;
};

struct UserWord {
  Vma* vma = nullptr;
  Atomic<int64_t>* value = nullptr;
};

inline constexpr NamedValue kMmFlagNames[] = {{MMF_UNSTABLE, "MMF_UNSTABLE"}, {MMF_OOM_SKIP, "MMF_OOM_SKIP"}};

// The model's containers keep their few entries in themselves, in the
// execution's arena: setup runs in every execution.
template <class T>
using Few = boost::container::small_vector<T, 8>;

struct Mm {
  explicit Mm(int users) : mm_users("mm_users", users) { flags.set_bit_names(kMmFlagNames); }
  RwSem mmap_lock{"mmap_lock"};
  Bits flags{"mm->flags"};
  RefCount mm_users;
  Few<Vma*> vmas;                            // in address order
  Few<std::pair<int64_t, UserWord>> memory;  // user address -> word

  UserWord& word(int64_t addr) {
    for (auto& [at, w] : memory) {
      if (at == addr) return w;
    }
    throw ModelError("robust-futex: no user word at address " + std::to_string(addr));
  }
};

// The task_struct fields of one victim thread.
struct VictimTask {
  VictimTask(const std::string& comm_name, int64_t pid, int64_t head_addr, Vma* tls_vma)
      : comm(comm_name),
        tid(pid),
        head(head_addr),
        tls(tls_vma),
        futex_exit_mutex({comm_name, "->futex_exit_mutex"}),
        futex_state({comm_name, "->futex_state"}, FUTEX_STATE_OK),
        robust_list({comm_name, "->robust_list"}, head_addr) {}
  std::string comm;
  int64_t tid;
  int64_t head;  // user address of its robust_list_head (in its TLS)
  Vma* tls;
  Mutex futex_exit_mutex;
  Atomic<int> futex_state;
  Atomic<int64_t> robust_list;  // set_robust_list(); futex_cleanup() clears it
};

// The task in another process blocked on the shared robust mutex1.
struct Waiter {
  int64_t tid = 200;
  Mutex hb_lock{"futex_hash_bucket(mutex1).lock"};
  Atomic<int> q{"futex_q(waiter)", kFutexQNone};
  bool took_lock = false;  // it saw the owner dead and took the lock itself
  int64_t took_from = 0;   // the futex word it took the lock from
};

struct Oom {
  Atomic<int> timer_fired{"oom_reaper_timer.fired", 0};
  bool stuck = false;          // the victim cannot reach do_exit() before the timer fired
  bool reaper_queued = false;  // queue_oom_reaper() ran
};

struct World {
  Config cfg;
  Mm* mm = nullptr;
  Few<VictimTask*> tasks;             // tasks[0] is the task the OOM killer queued
  Atomic<int64_t>* mutex1 = nullptr;  // the shared robust mutex's futex word
  int64_t mutex1_addr = 0;
  Waiter* waiter = nullptr;
  Oom* oom = nullptr;
  Few<Vma*> private_vmas;  // what the reaper may zap
};

}  // namespace lockstep::models::robust_futex
