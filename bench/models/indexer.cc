// indexer(N): SV-COMP's pthread/indexer, as used in "Source Sets" (JACM 2017)
// and by GenMC; C version in Nidhugg's benchmarks/SV-COMP/indexer.c.
//
//   table[128] = 0
//   thread tid, 0..N-1: for m = 1..4:
//       w = m*11 + tid; h = (w*7) % 128
//       while (!cas(&table[h], 0, w)) h = (h+1) % 128     (open addressing)
//
// The published cas() is a load and a store under a mutex per slot (variant
// `mutex`); by default it is one compare_exchange, the same atomic step.
// With up to 11 threads no two insertions meet in a slot (1 execution); each
// further thread collides with earlier ones: 8^(N-11) executions.
#include "bench/suite.h"
#include "checker/lockstep.h"

namespace lockstep::bench {
namespace {

constexpr int kSize = 128;  // SIZE
constexpr int kMax = 4;     // MAX: insertions per thread

struct Table {
  Array<Atomic<int>> slot{"table", kSize};
  Array<Mutex> cas_mutex{"cas_mutex", kSize};
};

// The published cas(): compare and store under the slot's mutex.
Task<bool> cas_locked(Table& t, int h, int val, int new_val) {
  bool ret_val = false;
  co_await t.cas_mutex[h].lock();
  const int seen = co_await t.slot[h].load();
  if (seen == val) {
    co_await t.slot[h].store(new_val);
    ret_val = true;
  }
  co_await t.cas_mutex[h].unlock();
  co_return ret_val;
}

Task<bool> cas_atomic(Table& t, int h, int val, int new_val) {
  const int seen = co_await t.slot[h].compare_exchange(val, new_val);
  co_return seen == val;
}

Task<void> thread_routine(Table& t, int tid, bool locked) {
  for (int m = 1; m <= kMax; ++m) {
    const int w = m * 11 + tid;
    int h = (w * 7) % kSize;
    for (;;) {
      bool stored = false;
      if (locked) {
        stored = co_await cas_locked(t, h, 0, w);
      } else {
        stored = co_await cas_atomic(t, h, 0, w);
      }
      if (stored) break;
      h = (h + 1) % kSize;
    }
  }
}

}  // namespace

Benchmark IndexerBenchmark() {
  ModelSpec m;
  m.name = "indexer";
  m.summary = "N threads insert 4 values each into a hash table with compare-and-swap (SV-COMP)";
  m.switches = {
      SizeSwitch(1, 16, 13, "N: inserting threads"),
      {"cas",
       0,
       "how cas() is made: one compare_exchange, or a load and a store under a mutex (as published)",
       {"atomic", "mutex"}}};
  m.variants = {
      {"default", "cas() as one compare_exchange", {}},
      {"mutex", "cas() as a load and a store under a mutex per slot, as published", {{"cas", "mutex"}}}};
  m.setup = [](Runtime& rt, const Settings& s) {
    Table& table = rt.Make<Table>();
    const bool locked = s["cas"] == 1;
    for (int tid = 0; tid < s["size"]; ++tid) {
      spawn({"thread", tid}, thread_routine(table, tid, locked));
    }
  };
  return {m, 15};
}

LOCKSTEP_REGISTER_BENCHMARK(IndexerBenchmark);

}  // namespace lockstep::bench
