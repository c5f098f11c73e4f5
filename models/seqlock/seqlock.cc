// seqlock: a reader of a pair protected by a seqlock_t racing with a writer
// (include/linux/seqlock.h, Linux v6.6):
//
//   writer:                      reader:
//     write_seqlock(&sl);          do {
//     WRITE_ONCE(lo, v);               seq = read_seqbegin(&sl);
//     WRITE_ONCE(hi, v);               lo' = READ_ONCE(lo); hi' = READ_ONCE(hi);
//     write_sequnlock(&sl);        } while (read_seqretry(&sl, seq));
//
// The no-retry variant calls read_seqretry but ignores it (the reader that
// forgets the loop) and can return a torn pair: lo from one write, hi from
// another.
#include "absl/strings/str_cat.h"
#include "lockstep/lockstep.h"

namespace lockstep::models {
namespace {

struct World {
  SeqLock sl{"sl"};
  Atomic<int> lo{"lo"};
  Atomic<int> hi{"hi"};
};

Task<void> writer(World& w, int v) {
  co_await write_seqlock(w.sl);
  co_await w.lo.store(v);
  co_await w.hi.store(v);
  co_await write_sequnlock(w.sl);
}

Task<void> reader(World& w, bool retry) {
  for (;;) {
    const int64_t seq = co_await read_seqbegin(w.sl);
    const int lo = co_await w.lo.load();
    const int hi = co_await w.hi.load();
    const bool again = co_await read_seqretry(w.sl, seq);
    if (!again || !retry) {
      check(lo == hi, "consistent-snapshot", absl::StrCat("the reader returned lo=", lo, " hi=", hi));
      co_return;
    }
  }
}

}  // namespace

ModelSpec SeqlockModel() {
  ModelSpec m;
  m.name = "seqlock";
  m.summary = "a seqlock reader that forgets to retry returns a torn pair; the retry loop does not";
  m.switches = {
      {"retry", 1, "the reader loops while read_seqretry() says a writer interfered", {}, 1},
      {"writers", 1, "number of writers (serialized by the seqlock's spinlock)", {}, 2, 1},
  };
  m.variants = {
      {"no-retry", "the reader reads once and ignores read_seqretry()", {{"retry", "0"}}},
      {"retry", "do { read_seqbegin; read } while (read_seqretry)", {}},
  };
  m.properties = {{"consistent-snapshot", "the reader returns lo == hi, both from the same write"}};
  m.setup = [](Runtime& rt, const Settings& s) {
    World& w = rt.Make<World>();
    for (int i = 0; i < s["writers"]; ++i) spawn({"writer", i}, writer(w, i + 1));
    spawn("reader", reader(w, s.on("retry")));
  };
  return m;
}

LOCKSTEP_REGISTER_MODEL(SeqlockModel);

}  // namespace lockstep::models
