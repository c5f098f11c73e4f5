# cmake -DBUILD_DIR=... -DSOURCE_DIR=... -DWORK_DIR=... -DGENERATOR=... -DSANITIZE=ON|OFF -P install_test.cmake
# 1. cmake --install into WORK_DIR/prefix;
# 2. the package carries no Lockstep warning flags;
# 3. examples/ configured with find_package(lockstep) and built out of tree;
# 4. its tests (check, compare, GoogleTest) pass.
function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE code)
  if(NOT code EQUAL 0)
    message(FATAL_ERROR "failed (${code}): ${ARGN}")
  endif()
endfunction()

file(REMOVE_RECURSE ${WORK_DIR})
set(prefix ${WORK_DIR}/prefix)
run(${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${prefix})

foreach(file include/lockstep/lockstep.h include/lockstep/gtest.h bin/lockstep
             lib/cmake/lockstep/lockstepConfig.cmake lib/cmake/lockstep/lockstepConfigVersion.cmake)
  if(NOT EXISTS ${prefix}/${file})
    message(FATAL_ERROR "not installed: ${file}")
  endif()
endforeach()
file(GLOB targets_files ${prefix}/lib/cmake/lockstep/lockstepTargets*.cmake)
foreach(file ${targets_files})
  file(READ ${file} text)
  if(text MATCHES "-Werror|-Wall|-Wextra")
    message(FATAL_ERROR "${file} passes Lockstep's warning flags on to users")
  endif()
endforeach()

set(flags "")
find_program(ccache ccache)
if(ccache)
  list(APPEND flags -DCMAKE_CXX_COMPILER_LAUNCHER=${ccache})
endif()
if(SANITIZE)  # a sanitized Lockstep links only into sanitized programs
  list(APPEND flags "-DCMAKE_CXX_FLAGS=-fsanitize=address,undefined -fno-sanitize-recover=all"
       "-DCMAKE_EXE_LINKER_FLAGS=-fsanitize=address,undefined")
endif()
run(${CMAKE_COMMAND} -S ${SOURCE_DIR}/examples -B ${WORK_DIR}/build -G ${GENERATOR}
    -DCMAKE_PREFIX_PATH=${prefix} ${flags})
run(${CMAKE_COMMAND} --build ${WORK_DIR}/build)
run(${CMAKE_CTEST_COMMAND} --test-dir ${WORK_DIR}/build --output-on-failure)

# The tests that show the workflow ran (not just "no tests found").
execute_process(COMMAND ${CMAKE_CTEST_COMMAND} --test-dir ${WORK_DIR}/build -N OUTPUT_VARIABLE listing)
foreach(test example_my_oom_fix_check example_my_oom_fix_compare MyOomFix.V414UsesFreedVmas
             MyOomFix.HoldsWhereV414LosesTheRace example_my_oom_fix_failing_check_prints_trace example_hello_racy
             example_kref_get example_hello_with_builtins)
  if(NOT listing MATCHES "${test}")
    message(FATAL_ERROR "the out-of-tree build has no test ${test}")
  endif()
endforeach()
message(STATUS "out-of-tree build against ${prefix}: all tests passed")
