// kref: a lookup racing with the final put.
//
// An object sits in a lookup table (a cache, an idr) that holds no reference
// of its own: the release function, run by whoever drops the last reference,
// takes it out of the table under the table's lock and frees it. A lookup
// under that lock can therefore find an object whose count already hit zero
// and whose release is waiting for the lock.
//   kref_get()              increments anyway (0 -> 1): the lookup goes on to
//                           use an object its releaser frees (use-after-free);
//   kref_get_unless_zero()  fails on zero: the lookup treats the object as gone.
// (include/linux/kref.h; the rule is spelled out in Documentation/core-api/kref.rst.)
#include <lockstep/lockstep.h>

using namespace lockstep;

struct Cache {
  Mutex lock{"cache_lock"};
  Atomic<int> entry{"cache.entry", 1};  // 1: the object is in the table
  RefCount ref{"obj.refcount", 1};      // the owner's reference
  Freeable obj{"obj"};                  // the object itself: a use after kfree() is no-use-after-free
};

// The kref release function: kref_put(&obj->ref, obj_release).
Task<void> obj_release(Cache& c) {
  co_await c.lock.lock();
  co_await c.entry.store(0);  // remove it from the table
  co_await c.lock.unlock();
  co_await c.obj.free();      // kfree(obj)
}

Task<void> obj_put(Cache& c) {
  const bool last = co_await c.ref.put();
  if (last) co_await obj_release(c);
}

// obj_lookup() + use + put: the reader.
Task<void> lookup_and_use(Cache& c, bool unless_zero) {
  co_await c.lock.lock();
  const int present = co_await c.entry.load();
  bool got = false;
  if (present == 1 && unless_zero) {
    got = co_await c.ref.get_not_zero();  // kref_get_unless_zero()
  } else if (present == 1) {
    co_await c.ref.get();                 // kref_get()
    got = true;
  }
  co_await c.lock.unlock();
  if (!got) co_return;  // not found
  co_await c.obj.use();
  co_await obj_put(c);
}

ModelSpec Kref() {
  ModelSpec m;
  m.name = "kref";
  m.summary = "a lookup under the table lock racing with the final kref_put";
  m.switches = {{"unless-zero", 0, "the lookup takes its reference with kref_get_unless_zero()", {}, 1}};
  m.variants = {{"kref-get", "the lookup calls kref_get()", {}},
                {"kref-get-unless-zero", "the lookup calls kref_get_unless_zero()", {{"unless-zero", "1"}}}};
  m.setup = [](Runtime& rt, const Settings& s) {
    Cache& c = rt.Make<Cache>();
    spawn("owner", obj_put(c));  // drops the last reference
    spawn("reader", lookup_and_use(c, s.on("unless-zero")));
  };
  return m;
}

LOCKSTEP_REGISTER_MODEL(Kref);
