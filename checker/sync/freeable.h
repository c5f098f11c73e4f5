// Freeable: memory that can be freed (a VMA, a page-table page). Any use after
// free() is a violation of the object's property ("no-use-after-free" unless the
// model names its own, e.g. "no-uaf").
//
//   state \ op   use()                     free()
//   live         -                         freed
//   freed        violation, no effect      violation (double free)
//
// Dependence: use() commutes with use(); free() is dependent with both.
#pragma once

#include <source_location>
#include <string>

#include "absl/strings/string_view.h"
#include "checker/runtime/apply.h"
#include "checker/runtime/object.h"
#include "checker/runtime/op_awaiter.h"
#include "checker/runtime/runtime.h"

namespace lockstep {

class Freeable : public ObjectBase {
  using Loc = std::source_location;

 public:
  explicit Freeable(ObjectName name, absl::string_view property = "no-use-after-free")
      : ObjectBase(std::move(name)), property_(&Runtime::Current().Property(property)) {}

  OpAwaiter<void> use(Loc w = Loc::current()) const { return {Op(OpKind::kUse, w)}; }
  OpAwaiter<void> free(Loc w = Loc::current()) { return {Op(OpKind::kFree, w)}; }
  bool freed() const { return freed_; }
  const std::string& property() const { return *property_; }

  // The transition of the state table above (called by sync/apply.cc).
  Applied Apply(Runtime& rt, ThreadId t, const Operation& op);

  std::string Describe() const override { return freed_ ? "freed" : "live"; }
  void Digest(XXH64_state_t* h) const override { XXH64_update(h, &freed_, sizeof freed_); }

 private:
  Operation Op(OpKind kind, Loc w) const { return Operation{kind, id(), location(), 0, 0, w}; }
  bool freed_ = false;
  const std::string* property_;  // kept by the runtime
};

}  // namespace lockstep
