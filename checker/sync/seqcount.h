// SeqCount: seqcount_t, and SeqLock: seqlock_t (a seqcount and a spinlock),
// composed of primitives as include/linux/seqlock.h writes them:
//
//   function                        steps on the sequence (an Atomic)
//   write_seqcount_begin(s)         sequence += 1 (odd: a write is in progress)
//   write_seqcount_end(s)           sequence += 1 (even again)
//   read_seqcount_begin(s)          wait_until(sequence is even), returns it (the kernel spins
//                                   with cpu_relax() while it is odd)
//   read_seqcount_retry(s, start)   load of sequence != start
//   write_seqlock / write_sequnlock spin_lock + write_seqcount_begin / write_seqcount_end + spin_unlock
//   read_seqbegin / read_seqretry   read_seqcount_begin / read_seqcount_retry
//
// The reader's retry loop is the model's, written the kernel's way:
//   do { seq = co_await read_seqcount_begin(s); ...read... } while (co_await read_seqcount_retry(s, seq));
// (bind the retry result to a local first: see checker/runtime/task.h).
// Departure from the kernel: memory is sequentially consistent, so the
// smp_rmb()/smp_wmb() pairs are implicit. Writers of a bare seqcount must be
// serialized by the model (the kernel's lockdep assertion is not modelled).
#pragma once

#include <cstdint>
#include <string>

#include "checker/runtime/task.h"
#include "checker/sync/atomic.h"
#include "checker/sync/spinlock.h"

namespace lockstep {

struct SeqCount {
  explicit SeqCount(const std::string& name) : sequence(name + ".sequence") {}
  Atomic<int64_t> sequence;
};
using seqcount_t = SeqCount;

inline OpAwaiter<int64_t> write_seqcount_begin(SeqCount& s,
                                                std::source_location w = std::source_location::current()) {
  return s.sequence.fetch_add(1, w);
}
inline OpAwaiter<int64_t> write_seqcount_end(SeqCount& s, std::source_location w = std::source_location::current()) {
  return s.sequence.fetch_add(1, w);
}
inline OpAwaiter<int64_t> read_seqcount_begin(const SeqCount& s,
                                               std::source_location w = std::source_location::current()) {
  return s.sequence.wait_until(all_clear(1), w);
}
inline Task<bool> read_seqcount_retry(const SeqCount& s, int64_t start) {
  const int64_t now = co_await s.sequence.load();
  co_return now != start;
}

struct SeqLock {
  explicit SeqLock(const std::string& name) : seqcount(name + ".seqcount"), lock(name + ".lock") {}
  SeqCount seqcount;
  Spinlock lock;
};
using seqlock_t = SeqLock;

inline Task<void> write_seqlock(SeqLock& sl) {
  co_await spin_lock(sl.lock);
  co_await write_seqcount_begin(sl.seqcount);
}
inline Task<void> write_sequnlock(SeqLock& sl) {
  co_await write_seqcount_end(sl.seqcount);
  co_await spin_unlock(sl.lock);
}
inline OpAwaiter<int64_t> read_seqbegin(const SeqLock& sl, std::source_location w = std::source_location::current()) {
  return read_seqcount_begin(sl.seqcount, w);
}
inline Task<bool> read_seqretry(const SeqLock& sl, int64_t start) { return read_seqcount_retry(sl.seqcount, start); }

}  // namespace lockstep
