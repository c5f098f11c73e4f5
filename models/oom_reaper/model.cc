// oom-reaper: the OOM reaper against exit_mmap() in every version from the mm
// pin of v4.9..v4.13 to v6.0 (docs/models/oom-reaper.md; the thread that
// started it: Rientjes, "Multiple oom_reaper BUGs: unmap_page_range racing with
// exit_mmap", linux-mm, Dec 2017), with MMF_OOM_SKIP / MMF_UNSTABLE and P1-P6.
//
// Threads: oom_killer (out_of_memory: marks the victim, SIGKILLs it and any
// clone(CLONE_VM) sharer, queues the reaper), victim and clone_vm (do_exit ->
// mmput), oom_reaper, and per scenario a faulting vhost kthread or victim
// thread, an AIO completion, a second allocator, mmput_async's kworker.
#include "absl/strings/str_cat.h"
#include "checker/core/model_error.h"
#include "models/oom_reaper/oom_reaper.h"
#include "models/oom_reaper/variants.h"

namespace lockstep::models {
namespace oom {

Vma::Vma(const std::string& n, bool shared_, bool mlocked_, int npages)
    : name(n),
      shared(shared_),
      mlocked(mlocked_),
      vma(n, props::kNoUaf),
      vm_flags({n, ".vm_flags"}, mlocked_ ? kVmLocked : kVmNone),
      pgtable({n, ".pgtable"}, props::kNoUaf),
      ptl({n, ".ptl"}) {
  for (int i = 0; i < npages; ++i)
    pages.push_back(&Runtime::Current().Make<Page>(absl::StrCat(n, ".page", i)));
}

// Names of the mm->flags bits the model uses, for traces.
constexpr NamedValue kMmFlagNames[] = {
    {MMF_UNSTABLE, "MMF_UNSTABLE"},
    {MMF_OOM_SKIP, "MMF_OOM_SKIP"},
    {MMF_OOM_VICTIM, "MMF_OOM_VICTIM"},
    {MMF_EXIT_MMAP, "MMF_EXIT_MMAP(seed)"},
};

Mm::Mm(const Config& c)
    : mm_users("mm.mm_users", 1 + (c.final_mmput == FinalMmput::kOther) + (c.refault != Refault::kNone)),
      aio_inflight("mm.aio_inflight", c.exit_aio_blocks ? 1 : 0) {
  flags.set_bit_names(kMmFlagNames);
  for (int i = 0; i < c.vmas; ++i) {
    const bool mlocked = c.mlocked_vma && i == 0;
    const bool shared = c.shared_vma && i == c.vmas - 1;
    vmas.push_back(&Runtime::Current().Make<Vma>(absl::StrCat("vma", i), shared, mlocked, c.pages));
  }
}

props::MappedPages Mm::MappedPages() const {
  props::MappedPages out;
  for (const auto& vma : vmas) {
    for (const auto& page : vma->pages)
      out.push_back({&page->pte, !vma->shared && !vma->mlocked, kPtePresent});
  }
  return out;
}

World::World(const Config& c) : cfg(c), mm(c) {}

namespace {

void Setup(Runtime& rt, const Settings& s) {
  const Config cfg = Config::From(s);
  if (cfg.vmas < 1 || cfg.pages < 1) throw ModelError("oom-reaper needs vmas >= 1 and pages >= 1");
  World& w = rt.Make<World>(cfg);
  props::expect_reaper_progress(rt, w.mm.flags, MMF_OOM_SKIP, "the victim's mm");
  // Tasks that hold a reference to the mm before the OOM kill.
  if (cfg.refault == Refault::kKthread) spawn("vhost", fault_on_victim_memory(w, w.vhost));
  if (cfg.refault == Refault::kThread) spawn("victim_thread", fault_on_victim_memory(w, w.sibling));
  if (cfg.exit_aio_blocks) spawn("aio", aio_complete(w));
  spawn("oom_killer", out_of_memory(w));
}

}  // namespace
}  // namespace oom

ModelSpec OomReaperModel() {
  ModelSpec m;
  m.name = "oom-reaper";
  m.summary =
      "the OOM reaper vs exit_mmap, v4.13 .. v6.0, MMF_OOM_SKIP / MMF_UNSTABLE (docs/models/oom-reaper.md)";
  m.switches = oom::Switches();
  m.variants = oom::Variants();
  m.invalid_combinations = oom::InvalidCombinations();
  for (const props::OomPropertyInfo& p : props::OomProperties()) m.properties.push_back({p.name, p.meaning});
  m.setup = oom::Setup;
  return m;
}

}  // namespace lockstep::models
