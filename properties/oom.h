// Properties of the OOM reaper protocols (docs/models/oom-reaper.md, P1-P6), as small
// helpers any model of the reaper can call: models/oom_reaper and the robust
// futex model share the names, the meanings and the checks.
//
//   P1 no-uaf              Freeable(name, props::kNoUaf) for every VMA and
//                          page-table page; the engine reports a use after free().
//   P2 no-double-unmap     co_await props::page_remove_rmap(page._mapcount)
//   P3 munlock-safe        props::munlock_safe(munlock_running, "vma1") when a
//                          reaper decides to zap a VMA
//   P4 no-premature-skip   co_await props::set_mmf_oom_skip(mm.flags, MMF_OOM_SKIP,
//                                                           pages, SkipSetter::kReaper)
//   P5 reaper-progress     props::expect_reaper_progress(rt, mm.flags, MMF_OOM_SKIP, "mm")
//   P6 no-stale-refault    props::no_stale_refault(value_handed_out == kZeroPage, ...)
//
// Every helper records a violation the way the kernel's WARN() does: the
// thread goes on, so one execution can still show a later property (a check()
// that stopped the thread would hide, e.g., the use-after-free that follows a
// double unmap, and would make a per-property verdict depend on which other
// properties are filtered out).
//
// Dependence: the helpers only read shared state through operations (loads),
// never by peeking, so DPOR sees them as ordinary reads.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/string_view.h"
#include "boost/container/small_vector.hpp"
#include "lockstep/lockstep.h"

namespace lockstep::props {

// Property names (ids P1..P6 of docs/models/oom-reaper.md).
inline constexpr char kNoUaf[] = "no-uaf";
inline constexpr char kNoDoubleUnmap[] = "no-double-unmap";
inline constexpr char kMunlockSafe[] = "munlock-safe";
inline constexpr char kNoPrematureSkip[] = "no-premature-skip";
inline constexpr char kReaperProgress[] = "reaper-progress";
inline constexpr char kNoStaleRefault[] = "no-stale-refault";

struct OomPropertyInfo {
  const char* name;
  const char* meaning;
};
// Names and one-line meanings, for a model's PropertySpec list.
inline const std::vector<OomPropertyInfo>& OomProperties() {
  static const std::vector<OomPropertyInfo> kAll = {
      {kNoUaf, "P1: nobody touches a VMA or page-table page after remove_vma()/free_pgtables() freed it"},
      {kNoDoubleUnmap, "P2: no page's mapcount goes below zero (each present PTE is zapped once)"},
      {kMunlockSafe,
       "P3: the reaper never zaps a VMA while exit_mmap's munlock of it runs (CVE-2018-1000200)"},
      {kNoPrematureSkip,
       "P4: when MMF_OOM_SKIP is set, nothing the setter should have freed is still mapped (exit path: "
       "no page at all; reaper: no private, non-mlocked page), else the OOM killer kills again"},
      {kReaperProgress,
       "P5: the reaper never blocks forever and a queued victim's mm ends with MMF_OOM_SKIP"},
      {kNoStaleRefault,
       "P6: once reaping began, no fault hands out a fresh zero page of a private mapping as the old data"},
  };
  return kAll;
}

// ---- P2 -------------------------------------------------------------------
// page_remove_rmap() (mm/rmap.c): drops one mapping of a page. `mapcount` counts
// the PTEs mapping the page (the kernel's _mapcount + 1); going below zero is
// the "BUG: Bad page map" of a double unmap.
inline Task<void> page_remove_rmap(Atomic<int>& mapcount) {
  const int old = co_await mapcount.fetch_sub(1);
  warn_on(old <= 0, kNoDoubleUnmap, [&] {
    return absl::StrCat("page_remove_rmap() on ", mapcount.name(), " that is no longer mapped (mapcount ",
                        old, " -> ", old - 1, "): the PTE was zapped twice");
  });
}

// ---- P3 -------------------------------------------------------------------
// Call where a reaper has read a VMA's flags and decided to zap it: from
// there it zaps without looking again, so the decision is where the race is
// lost. `munlock_running`: the flags it read say exit_mmap's
// munlock_vma_pages_all() has cleared VM_LOCKED and not finished its walk.
inline void munlock_safe(bool munlock_running, absl::string_view vma) {
  warn_on(munlock_running, kMunlockSafe, [&] {
    return absl::StrCat("the reaper decides to zap ", vma, ": it read VM_LOCKED cleared by exit_mmap's ",
                        "munlock_vma_pages_all(), whose walk of ", vma, " is not over");
  });
}

// ---- P4 -------------------------------------------------------------------
// One page of the victim's mm as P4 sees it.
struct MappedPage {
  const Atomic<int>* pte;  // the PTE: `present` means the original page is still mapped
  bool reapable;           // private/anon and not VM_LOCKED: a reaper pass would free it
  int present = 1;         // the value of the PTE that maps the original page
};

// Every page of an mm, in the coroutine's frame for a few pages.
using MappedPages = boost::container::small_vector<MappedPage, 8>;

enum class SkipSetter {
  kExitPath,  // __mmput (up to 4.13), exit_mmap (4.14+): nothing may be mapped any more
  kReaper,    // oom_reap_task after a real pass: nothing reapable may be mapped any more
};

// Sets MMF_OOM_SKIP (`bit` of `flags`) and checks P4 for that moment: reads
// each PTE in the setter's scope after the set_bit. A page mapped at the read
// was mapped at the set (pages are never mapped back in; a refault installs a
// different value than `present`), and DPOR orders each read against the
// zaps, so an interleaving in which a page was still mapped at the set is
// always explored. A reaper that gave up after its retries sets the bit with
// plain set_bit(): that is designed behaviour, not P4.
inline Task<void> set_mmf_oom_skip(Bits& flags, int bit, MappedPages pages, SkipSetter who) {
  co_await flags.set_bit(bit);
  std::vector<std::string> still;
  for (const MappedPage& p : pages) {
    if (who == SkipSetter::kReaper && !p.reapable) continue;
    const int pte = co_await p.pte->load();
    if (pte == p.present) still.emplace_back(p.pte->name());
  }
  warn_on(!still.empty(), kNoPrematureSkip, [&] {
    return absl::StrCat(who == SkipSetter::kReaper ? "the reaper" : "the exit path", " set ",
                        flags.BitName(bit), " while ", absl::StrJoin(still, ", "),
                        still.size() == 1 ? " is" : " are",
                        " still mapped: the OOM killer now passes this victim over and kills another task");
  });
}

// ---- P5 -------------------------------------------------------------------
// At the end of every execution in which all threads finished, the queued
// victim's mm must carry MMF_OOM_SKIP (a reaper blocked forever is the
// engine's no-hang). Register once in setup.
// `mm` names it in the message: a static string.
inline void expect_reaper_progress(Runtime& rt, const Bits& flags, int bit, const char* mm) {
  rt.AtEnd(kReaperProgress, [&flags, bit, mm]() -> std::optional<std::string> {
    if (flags.peek(bit)) return std::nullopt;
    return absl::StrCat("every thread finished but ", mm, " never got ", flags.BitName(bit),
                        ": the OOM killer waits for this victim forever");
  });
}

// ---- P6 -------------------------------------------------------------------
// Call where a fault (get_user, copy_from_user) hands data to its caller.
// `stale`: the data came from a fresh zero page that the fault installed where
// the reaper had unmapped the victim's page.
inline void no_stale_refault(bool stale, absl::string_view who, absl::string_view where) {
  warn_on(stale, kNoStaleRefault, [&] {
    return absl::StrCat(who, " refaulted ", where, " after the reaper unmapped it and got a fresh zero page ",
                        "instead of the data (no SIGBUS/-EFAULT)");
  });
}

}  // namespace lockstep::props
