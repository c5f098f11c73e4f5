#include "models/robust_futex/user_memory.h"

namespace lockstep::models::robust_futex {
namespace {

// handle_mm_fault() -> handle_pte_fault() (mm/memory.c, 5.17) for the page of
// `vma`, under its PTE lock:
//  - a swap entry (kPteNone here): do_swap_page() reads the page back and
//    installs it. It has no check_stable_address_space(): a swapped-out page
//    of a VMA the reaper did not zap comes back even after MMF_UNSTABLE.
//  - pte_none (kPteZapped: the reaper zapped it): do_anonymous_page() would
//    install a fresh zero page; check_stable_address_space() fails it first
//    (v4.13 6b31d5955cb2; also finish_fault() and the huge-page anonymous
//    path) and the fault returns VM_FAULT_SIGBUS.
// do_swap_page()'s pte_same() recheck under the ptl is the compare_exchange:
// a PTE the reaper zapped meanwhile sends the fault to do_anonymous_page().
Task<bool> handle_mm_fault(Mm& mm, Vma& vma) {
  const int old = co_await vma.pte.compare_exchange(kPteNone, kPtePresent);
  if (old != kPteZapped) co_return true;  // swapped in (or already present)
  const bool unstable = co_await mm.flags.test_bit(MMF_UNSTABLE);  // check_stable_address_space()
  if (unstable) co_return false;  // VM_FAULT_SIGBUS
  // The only zapper here, __oom_reap_task_mm(), sets MMF_UNSTABLE before it
  // zaps, so a zapped PTE with the flag clear cannot be seen.
  throw ModelError("robust-futex: a zapped PTE without MMF_UNSTABLE (model bug)");
}

// The MMU touching the page: present, or a fault that makes it present.
// After a successful fault the kernel retries the access, which faults again
// (and fails on MMF_UNSTABLE) if the reaper zapped the page in between. The
// model reads the word right after the fault instead: a zap in that window
// ends exactly like the same zap made before the fault (the fault then finds
// the PTE none and fails), an order the exploration also runs.
Task<bool> fault_in_page(Mm& mm, Vma& vma) {
  const int pte = co_await vma.pte.load();
  if (pte == kPtePresent) co_return true;
  const bool faulted_in = co_await do_user_addr_fault(mm, vma);
  co_return faulted_in;  // false: fixup_exception(), -EFAULT
}

}  // namespace

// do_user_addr_fault() (arch/x86/mm/fault.c, 5.17) for a fault in kernel mode:
//   if (!mmap_read_trylock(mm)) {
//           if (!user_mode(regs) && !search_exception_tables(regs->ip)) { bad_area_nosemaphore(); return; }
//           mmap_read_lock(mm);
//   }
// get_user() has an exception-table entry, so a failed trylock sleeps in
// mmap_read_lock(). On the writer-fair rwsem (checker/sync/rwsem.h) that pair
// is one mmap_read_lock(): it gets the lock at once exactly when the trylock
// would, and otherwise queues behind the waiting writer, even for a caller
// that already holds the lock for reading (the v5 reaper: Gleixner's
// deadlock). One step here instead of two.
Task<bool> do_user_addr_fault(Mm& mm, Vma& vma) {
  co_await mm.mmap_lock.down_read();
  const bool ok = co_await handle_mm_fault(mm, vma);
  co_await mm.mmap_lock.up_read();
  co_return ok;
}

// get_user() (arch/x86/lib/getuser.S, 5.17)
Task<std::optional<int64_t>> get_user(Mm& mm, int64_t addr) {
  UserWord& w = mm.word(addr);
  const bool present = co_await fault_in_page(mm, *w.vma);
  if (!present) co_return std::nullopt;
  const int64_t value = co_await w.value->load();
  co_return value;
}

// futex_atomic_cmpxchg_inatomic() with pagefaults disabled; on -EFAULT
// handle_futex_death() calls fault_in_user_writeable() and retries
// (kernel/futex/core.c, 5.17).
Task<std::optional<int64_t>> futex_cmpxchg_user(Mm& mm, int64_t addr, int64_t expected, int64_t desired) {
  UserWord& w = mm.word(addr);
  const bool present = co_await fault_in_page(mm, *w.vma);
  if (!present) co_return std::nullopt;
  const int64_t old = co_await w.value->compare_exchange(expected, desired);
  co_return old;
}

}  // namespace lockstep::models::robust_futex
