// filesystem(N): the file-system example of "Dynamic partial-order reduction
// for model checking software" (Flanagan, Godefroid, POPL 2005); C version in
// Nidhugg's benchmarks/from_TRACER/filesystem.c (and GenMC's tests/correct/lapor).
//
//   inode[32], locki[32], busy[26], lockb[26]
//   thread tid, 0..N-1:
//     i = tid % 32; lock(locki[i])
//     if (inode[i] == 0):
//       b = (i*2) % 26
//       loop (at most 10 times):
//         lock(lockb[b])
//         if (!busy[b]): busy[b] = 1; inode[i] = b+1; unlock(lockb[b]); break
//         unlock(lockb[b]); b = (b+1) % 26
//     unlock(locki[i])
//
// Threads tid and tid+13 start at the same block: from N = 14 on, each further
// thread contends for one lockb with an earlier one: 2^(N-13) executions when
// only lock acquisitions are events.

#include "bench/suite.h"
#include "checker/lockstep.h"

namespace lockstep::bench {
namespace {

constexpr int kBlocks = 26;  // NUMBLOCKS
constexpr int kInodes = 32;  // NUMINODE
constexpr int kLoop = 10;    // LOOP

struct FileSystem {
  Array<Mutex> locki{"locki", kInodes};
  Array<Atomic<int>> inode{"inode", kInodes};
  Array<Mutex> lockb{"lockb", kBlocks};
  Array<Atomic<int>> busy{"busy", kBlocks};
};

Task<void> thread_routine(FileSystem& fs, int tid) {
  const int i = tid % kInodes;
  co_await fs.locki[i].lock();
  const int allocated = co_await fs.inode[i].load();
  if (allocated == 0) {
    int b = (i * 2) % kBlocks;
    for (int j = 0; j < kLoop; ++j) {
      co_await fs.lockb[b].lock();
      const int taken = co_await fs.busy[b].load();
      if (!taken) {
        co_await fs.busy[b].store(1);
        co_await fs.inode[i].store(b + 1);
        co_await fs.lockb[b].unlock();
        break;
      }
      co_await fs.lockb[b].unlock();
      b = (b + 1) % kBlocks;
    }
  }
  co_await fs.locki[i].unlock();
}

}  // namespace

Benchmark FilesystemBenchmark() {
  ModelSpec m;
  m.name = "filesystem";
  m.summary = "N threads allocate a block for their inode under per-inode and per-block mutexes (POPL 2005)";
  m.switches = {SizeSwitch(13, 18, 16, "N: threads")};
  m.variants = {{"default", "as published", {}}};
  m.setup = [](Runtime& rt, const Settings& s) {
    FileSystem& fs = rt.Make<FileSystem>();
    for (int tid = 0; tid < s["size"]; ++tid) spawn({"thread", tid}, thread_routine(fs, tid));
  };
  return {m, 16};
}

LOCKSTEP_REGISTER_BENCHMARK(FilesystemBenchmark);

}  // namespace lockstep::bench
