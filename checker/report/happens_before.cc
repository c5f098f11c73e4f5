#include "checker/report/happens_before.h"

#include <algorithm>
#include <utility>

namespace lockstep {
namespace {

size_t ThreadCount(const Trace& trace) {
  size_t n = trace.threads.size();
  for (const TraceStep& s : trace.steps) n = std::max(n, static_cast<size_t>(s.thread_id) + 1);
  return n;
}

// clock[t] = how many of thread t's steps happen before (or are) a given step.
using Clock = std::vector<int>;

struct Candidate {
  int from;
  EdgeKind kind;
};

// For step j: the latest step of each other thread that conflicts with it, and
// the steps that woke it. Latest first, so earlier ones are usually implied.
std::vector<Candidate> CandidatesFor(const Trace& trace, size_t j) {
  const TraceStep& s = trace.steps[j];
  std::vector<Candidate> out;
  std::vector<bool> seen(ThreadCount(trace), false);
  for (size_t i = j; i-- > 0;) {
    const TraceStep& p = trace.steps[i];
    if (p.thread_id == s.thread_id || seen[p.thread_id]) continue;
    if (Dependent(p.op, s.op)) {
      seen[p.thread_id] = true;
      out.push_back({p.index, EdgeKind::kConflict});
    }
  }
  for (int w : s.woken_by) {
    if (w >= 1 && w < s.index && trace.steps[w - 1].thread_id != s.thread_id) {
      out.push_back({w, EdgeKind::kHandOff});
    }
  }
  std::sort(out.begin(), out.end(), [](const Candidate& a, const Candidate& b) { return a.from > b.from; });
  return out;
}

}  // namespace

std::vector<HbEdge> HappensBefore(const Trace& trace) {
  const size_t n_threads = ThreadCount(trace);
  std::vector<Clock> clock(trace.steps.size(), Clock(n_threads, 0));
  std::vector<int> last_of_thread(n_threads, -1);  // 0-based step index
  std::vector<int> seq(trace.steps.size(), 0);     // 1-based position within its thread
  std::vector<HbEdge> edges;
  for (size_t j = 0; j < trace.steps.size(); ++j) {
    const int t = trace.steps[j].thread_id;
    Clock c = last_of_thread[t] >= 0 ? clock[last_of_thread[t]] : Clock(n_threads, 0);
    seq[j] = c[t] + 1;
    c[t] = seq[j];
    for (const Candidate& cand : CandidatesFor(trace, j)) {
      const size_t i = static_cast<size_t>(cand.from - 1);
      const int u = trace.steps[i].thread_id;
      if (c[u] >= seq[i]) continue;  // already ordered through other edges
      edges.push_back({cand.from, trace.steps[j].index, cand.kind});
      for (size_t k = 0; k < n_threads; ++k) c[k] = std::max(c[k], clock[i][k]);
    }
    clock[j] = std::move(c);
    last_of_thread[t] = static_cast<int>(j);
  }
  return edges;
}

int LatestOtherDependency(const Trace& trace, int step) {
  if (step < 1 || step > static_cast<int>(trace.steps.size())) return 0;
  const int t = trace.steps[step - 1].thread_id;
  int best = 0;
  for (const HbEdge& e : HappensBefore(trace)) {
    if (e.to > step || trace.steps[e.to - 1].thread_id != t) continue;
    if (trace.steps[e.from - 1].thread_id != t) best = std::max(best, e.from);
  }
  return best;
}

}  // namespace lockstep
