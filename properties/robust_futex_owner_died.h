// P7 robust-owner-died (docs/models/robust-futex.md): a robust mutex held by a dying
// task, with a waiter in another process, ends up marked FUTEX_OWNER_DIED and
// the waiter is woken (or finds the owner dead before it sleeps) and takes the
// lock with EOWNERDEAD.
//
// Judged at the end of executions in which every thread finished (Runtime::
// AtEnd), i.e. never on a deadlock: a waiter left asleep by a deadlock is P8.
// The waiter's sleep is therefore not a blocking primitive: futex_wait()
// queues a futex_q and the thread ends; a wake marks the futex_q woken. What
// a woken waiter then does (re-read the word, take it with EOWNERDEAD) depends
// only on the word, which nobody changes once its owner is dead, so it is
// judged here from the word.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "absl/strings/str_format.h"

namespace lockstep::properties {

inline constexpr char kRobustOwnerDied[] = "robust-owner-died";

// How the waiter ended.
struct RobustWaiterEnd {
  bool took_lock = false;   // found the owner dead before sleeping and took the lock
  int64_t took_from = 0;    // the futex word it took the lock from
  bool queued = false;      // asleep in futex_wait()
  bool woken = false;       // ... and futex_wake() woke it
  int64_t futex_word = 0;   // the futex word now
  int64_t owner_died_bit = 0x40000000;  // FUTEX_OWNER_DIED
  int64_t tid_mask = 0x3fffffff;        // FUTEX_TID_MASK
};

// nullopt when P7 holds for this execution, else what went wrong.
inline std::optional<std::string> JudgeRobustOwnerDied(const RobustWaiterEnd& e, const std::string& mutex) {
  if (e.took_lock) {
    if (e.took_from & e.owner_died_bit) return std::nullopt;  // EOWNERDEAD
    return absl::StrFormat("the waiter took %s from word 0x%x without FUTEX_OWNER_DIED", mutex, e.took_from);
  }
  if (e.woken) {
    if ((e.futex_word & e.owner_died_bit) && (e.futex_word & e.tid_mask) == 0) return std::nullopt;
    return absl::StrFormat("the waiter was woken but %s's word is 0x%x (no FUTEX_OWNER_DIED)", mutex,
                           e.futex_word);
  }
  if (e.queued) {
    return absl::StrFormat(
        "the waiter sleeps forever in futex_wait() on %s: its owner is dead but the word is 0x%x "
        "(FUTEX_OWNER_DIED never set, nobody woke it)",
        mutex, e.futex_word);
  }
  return absl::StrFormat("the waiter neither slept nor took %s (word 0x%x)", mutex, e.futex_word);
}

}  // namespace lockstep::properties
