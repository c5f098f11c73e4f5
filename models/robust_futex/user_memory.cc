#include "models/robust_futex/user_memory.h"

namespace lockstep::models::robust_futex {
namespace {

// handle_mm_fault() -> do_swap_page()/do_anonymous_page() (mm/memory.c, 5.17):
// check_stable_address_space() under the PTE lock, then install the page.
Task<bool> handle_mm_fault(Mm& mm, Vma& vma) {
  const bool unstable = co_await mm.flags.test_bit(MMF_UNSTABLE);
  if (unstable) co_return false;  // VM_FAULT_SIGBUS
  // Under the ptl: a PTE the reaper zapped meanwhile means MMF_UNSTABLE is set
  // by now (the reaper sets it before zapping), so the ptl-protected recheck fails.
  const int old = co_await vma.pte.compare_exchange(kPteNone, kPtePresent);
  co_return old != kPteZapped;
}

// The MMU touching the page: present, or a fault that makes it present.
// After a successful fault the access is retried; it can fault again only if
// the reaper zapped the page in between, and then MMF_UNSTABLE fails it.
Task<bool> fault_in_page(Mm& mm, Vma& vma) {
  for (int attempt = 0; attempt < 3; ++attempt) {
    const int pte = co_await vma.pte.load();
    if (pte == kPtePresent) co_return true;
    const bool faulted_in = co_await do_user_addr_fault(mm, vma);
    if (!faulted_in) co_return false;  // fixup_exception(): -EFAULT
  }
  throw ModelError("robust-futex: a page faulted in three times in a row (model bug)");
}

}  // namespace

// do_user_addr_fault() (arch/x86/mm/fault.c, 5.17) for a fault in kernel mode.
Task<bool> do_user_addr_fault(Mm& mm, Vma& vma) {
  const bool locked = co_await mm.mmap_lock.down_read_trylock();
  if (!locked) {
    // if (!user_mode(regs) && !search_exception_tables(regs->ip)) bad_area_nosemaphore():
    // false here, get_user() has an exception-table entry, so the fault sleeps
    // for mmap_lock, queued behind any waiting writer (KERNEL.md section 4).
    co_await mm.mmap_lock.down_read();
  }
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
