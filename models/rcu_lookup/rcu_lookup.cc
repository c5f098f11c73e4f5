// rcu-lookup: a lookup under rcu_read_lock() racing with the removal of the
// object it finds -- the pattern of Documentation/RCU/rcuref.rst (Linux v6.6):
//
//   lookup:                                   remove:
//     rcu_read_lock();                          spin_lock(&list_lock);
//     p = rcu_dereference(gp);                  rcu_assign_pointer(gp, NULL);
//     if (p && !refcount_inc_not_zero(&p->ref)) spin_unlock(&list_lock);
//         p = NULL;                             if (refcount_dec_and_test(&p->ref))
//     rcu_read_unlock();                            kfree_rcu(p, rcu);
//     if (p) { use(p); obj_put(p); }
//
// Variants: kfree() instead of kfree_rcu() frees the object under a reader
// that is still inside its read-side section (use-after-free); refcount_inc()
// instead of refcount_inc_not_zero() takes a reference on an object whose
// count already dropped to 0 and whose free is only deferred: the kernel's
// "refcount_t: addition on 0; use-after-free", reported at the increment.
// Reading the object's fields (the key compare, the refcount itself) is a use
// of its memory (a Freeable).
#include "lockstep/lockstep.h"

namespace lockstep::models {
namespace {

enum Free { kKfree, kKfreeRcu };
enum Get { kInc, kIncNotZero };

struct Obj {
  Freeable mem{"obj"};
  RefCount ref{"obj->ref", 1};  // the list's reference
};

struct World {
  Rcu rcu{2};  // lookup and remove
  Spinlock list_lock{"list_lock"};
  Atomic<int> gp{"gp", 1};  // 1: points to obj; 0: NULL
  Obj obj;
};

// obj_put: the final put frees the object.
Task<void> obj_put(World& w, int64_t free_how) {
  co_await w.obj.mem.use();  // refcount_dec_and_test reads p->ref
  const bool last = co_await refcount_dec_and_test(w.obj.ref);
  if (!last) co_return;
  if (free_how == kKfreeRcu) {
    kfree_rcu(w.rcu, w.obj.mem);
  } else {
    co_await w.obj.mem.free();  // kfree(p)
  }
}

Task<void> lookup(World& w, int64_t free_how, int64_t get_how) {
  co_await rcu_read_lock(w.rcu);
  const int p = co_await rcu_dereference(w.gp);
  bool got = false;
  if (p != 0) {
    co_await w.obj.mem.use();  // p->key == key
    if (get_how == kIncNotZero) {
      got = co_await refcount_inc_not_zero(w.obj.ref);
    } else {
      co_await refcount_inc(w.obj.ref);
      got = true;
    }
  }
  co_await rcu_read_unlock(w.rcu);
  if (!got) co_return;
  co_await w.obj.mem.use();  // use(p), outside the read-side section: the reference keeps it
  co_await obj_put(w, free_how);
}

Task<void> remove_obj(World& w, int64_t free_how) {
  co_await spin_lock(w.list_lock);
  co_await rcu_assign_pointer(w.gp, 0);  // list_del_rcu
  co_await spin_unlock(w.list_lock);
  co_await obj_put(w, free_how);
}

}  // namespace

ModelSpec RcuLookupModel() {
  ModelSpec m;
  m.name = "rcu-lookup";
  m.summary = "RCU lookup vs removal: kfree vs kfree_rcu, refcount_inc vs refcount_inc_not_zero";
  m.switches = {
      {"free", kKfreeRcu, "how the last put frees the object", {"kfree", "kfree-rcu"}},
      {"get", kIncNotZero, "how the lookup takes its reference", {"refcount-inc", "refcount-inc-not-zero"}},
  };
  m.variants = {
      {"kfree", "the last put frees at once: a reader inside rcu_read_lock still uses it", {{"free", "kfree"}}},
      {"refcount-inc", "kfree_rcu, but the lookup takes its reference with refcount_inc: addition on 0",
       {{"get", "refcount-inc"}}},
      {"kfree-rcu", "kfree_rcu and refcount_inc_not_zero (Documentation/RCU/rcuref.rst)", {}},
  };
  m.properties = {};  // the built-ins: no-use-after-free, refcount-inc-on-zero
  m.setup = [](Runtime& rt, const Settings& s) {
    World& w = rt.Make<World>();
    spawn("lookup", lookup(w, s["free"], s["get"]));
    spawn("remove", remove_obj(w, s["free"]));
  };
  return m;
}

LOCKSTEP_REGISTER_MODEL(RcuLookupModel);

}  // namespace lockstep::models
