// A fault on the victim's memory after the reaper may have unmapped it: a
// vhost kthread that use_mm()ed the victim's mm, or a thread of the victim
// that has not handled its SIGKILL yet, does get_user() on a private page.
// If the PTE is gone, do_anonymous_page() would map a fresh zero page and
// hand out zeros as if they were the data; check_stable_address_space()
// (MMF_UNSTABLE) turns that into SIGBUS / -EFAULT (P6).
#include "models/oom_reaper/oom_reaper.h"

namespace lockstep::models::oom {
namespace {

// kFaultOk: a zero page was mapped; kFaultRaced: somebody else mapped the page.
enum VmFault { kFaultOk, kFaultRaced, kFaultSigbus };

// check_stable_address_space() (v4.13 6b31d5955cb2, include/linux/oom.h).
Task<bool> check_stable_address_space(Mm& mm) {
  const bool unstable = co_await mm.flags.test_bit(MMF_UNSTABLE);
  co_return unstable;
}

// do_anonymous_page() (mm/memory.c): map a zero page for a read fault.
Task<VmFault> do_anonymous_page(World& w, Vma& vma, Page& page) {
  co_await vma.pgtable.use();
  co_await vma.ptl.lock();  // pte_offset_map_lock()
  const int pte = co_await page.pte.load();
  if (pte != kPteNone) {  // !pte_none(*vmf->pte): somebody else mapped it
    co_await vma.ptl.unlock();
    co_return kFaultRaced;
  }
  // v4.13+: "ret = check_stable_address_space(vma->vm_mm); if (ret) goto unlock;"
  if (w.cfg.unstable_check == UnstableCheck::kAll) {
    const bool unstable = co_await check_stable_address_space(w.mm);
    if (unstable) {
      co_await vma.ptl.unlock();
      co_return kFaultSigbus;
    }
  }
  co_await page.pte.store(kPteZero);  // set_pte_at(my_zero_pfn)
  co_await vma.ptl.unlock();
  co_return kFaultOk;
}

// handle_mm_fault() (mm/memory.c) for a read fault on a private anon page.
Task<VmFault> handle_mm_fault(World& w, TaskStruct& current, Vma& vma, Page& page) {
  VmFault ret = co_await do_anonymous_page(w, vma, page);
  // v4.9 3f70dc38cec2: "if (unlikely((current->flags & PF_KTHREAD) && !(ret &
  // VM_FAULT_ERROR) && test_bit(MMF_UNSTABLE, &vma->vm_mm->flags))) ret = VM_FAULT_SIGBUS;"
  if (ret == kFaultOk && w.cfg.unstable_check == UnstableCheck::kKthread && current.kthread) {
    const bool unstable = co_await w.mm.flags.test_bit(MMF_UNSTABLE);
    if (unstable) ret = kFaultSigbus;
  }
  co_return ret;
}

// The first private, non-mlocked VMA: memory the reaper frees.
Vma* reapable_vma(Mm& mm) {
  for (auto& vma : mm.vmas) {
    if (!vma->shared && !vma->mlocked) return vma;
  }
  return nullptr;
}

// get_user() on the VMA's first page: the MMU reads the PTE; if it is gone,
// __do_page_fault() takes mmap_sem for reading and calls handle_mm_fault().
Task<void> get_user(World& w, TaskStruct& current, Vma& vma) {
  Page& page = *vma.pages.front();
  const int pte = co_await page.pte.load();
  if (pte == kPtePresent) co_return;  // the data is still there
  co_await w.mm.mmap_sem.down_read();
  co_await vma.vma.use();  // find_vma()
  const VmFault ret = co_await handle_mm_fault(w, current, vma, page);
  co_await w.mm.mmap_sem.up_read();
  // On success the retried access reads the page the fault mapped: a fresh
  // zero page where the victim's data was. SIGBUS: get_user() returns -EFAULT.
  props::no_stale_refault(ret == kFaultOk, current.comm, page.pte.name());
}

}  // namespace

// The faulting task's body: one get_user(), then it drops its reference
// (unuse_mm() + mmput() for the kthread, do_exit() for the victim's thread).
Task<void> fault_on_victim_memory(World& w, TaskStruct& current) {
  if (Vma* vma = reapable_vma(w.mm)) co_await get_user(w, current, *vma);
  co_await mmput(w, current);
}

}  // namespace lockstep::models::oom
