// The zap step (docs/models/oom-reaper.md, "The zap"), shared by the reaper and the exit path:
// zap_pte_range() takes the page-table page's ptl, reads and clears each PTE
// and calls page_remove_rmap() for a present one. Because read-and-clear is
// under ptl, two concurrent zaps of one PTE are harmless. With
// zap-under-ptl=0 (the seed's hypothesis) the read and the clear are separate
// steps, so two zappers can both see the page and unmap it twice (P2).
#include "models/oom_reaper/oom_reaper.h"

namespace lockstep::models::oom {

// unmap_page_range() -> zap_pte_range() (mm/memory.c, all versions).
Task<void> unmap_page_range(World& w, Vma& vma) {
  co_await vma.pgtable.use();  // pte_offset_map: the page-table page must still be alive (P1)
  if (w.cfg.zap_under_ptl) {
    co_await vma.ptl.lock();  // pte_offset_map_lock()
    for (auto& page : vma.pages) {
      // ptep_get_and_clear_full() under ptl: the read and the clear are one step.
      const int pte = co_await page->pte.exchange(kPteNone);
      if (pte == kPtePresent) co_await props::page_remove_rmap(page->mapcount);
    }
    co_await vma.ptl.unlock();  // pte_unmap_unlock()
  } else {
    for (auto& page : vma.pages) {
      // The seed's guess: "ptent = *pte", then clear, with nothing held.
      const int pte = co_await page->pte.load();
      if (pte != kPtePresent) continue;
      co_await page->pte.store(kPteNone);
      co_await props::page_remove_rmap(page->mapcount);
    }
  }
}

// unmap_vmas() (mm/memory.c): exit_mmap unmaps every VMA, shared and mlocked
// ones included. The VMAs are exit's own (nobody else frees them), so walking
// the list is not a step.
Task<void> unmap_vmas(World& w) {
  for (auto& vma : w.mm.vmas) co_await unmap_page_range(w, *vma);
}

}  // namespace lockstep::models::oom
