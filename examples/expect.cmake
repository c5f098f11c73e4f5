# cmake -DEXPECT_CODE=N -DEXPECT_REGEX=R -DCOMMAND="cmd|arg|..." -P expect.cmake
# Runs COMMAND; fails unless it exits with N and its stdout+stderr match R.
string(REPLACE "|" ";" COMMAND "${COMMAND}")
execute_process(COMMAND ${COMMAND} RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
message("${out}${err}")
if(NOT code STREQUAL EXPECT_CODE)
  message(FATAL_ERROR "exit code ${code}, expected ${EXPECT_CODE}: ${COMMAND}")
endif()
if(NOT "${out}${err}" MATCHES "${EXPECT_REGEX}")
  message(FATAL_ERROR "the output does not match '${EXPECT_REGEX}': ${COMMAND}")
endif()
