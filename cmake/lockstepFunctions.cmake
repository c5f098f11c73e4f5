# lockstep_add_model(<binary> <model sources>... [BUILTIN_MODELS])
#
# A binary with the whole lockstep command line (list, check, replay, compare)
# for the models in <model sources> (each registers itself with
# LOCKSTEP_REGISTER_MODEL), and with BUILTIN_MODELS also for Lockstep's own
# (oom-reaper, robust-futex, the demos). Give the model sources here, not in a
# static library: a registration in an archive member nobody references is
# never linked.
function(lockstep_add_model binary)
  cmake_parse_arguments(PARSE_ARGV 1 arg "BUILTIN_MODELS" "" "")
  add_executable(${binary} ${arg_UNPARSED_ARGUMENTS})
  target_link_libraries(${binary} PRIVATE lockstep::main lockstep::cli)
  if(arg_BUILTIN_MODELS)
    target_link_libraries(${binary} PRIVATE lockstep::builtin_models)
  endif()
endfunction()
