// The proposal as unit tests: it must hold where the kernels it replaces fail.
#include <lockstep/gtest.h>

TEST(MyOomFix, HoldsWhereV414LosesTheRace) {
  EXPECT_HOLDS("my-oom-fix", "my-fix");
  EXPECT_HOLDS("my-oom-fix", "my-fix", {"final-mmput=victim"});
}

TEST(MyOomFix, HoldsWithAnMlockedVmaWhereV415Fails) {
  EXPECT_HOLDS("my-oom-fix", "my-fix", {"mlocked-vma=1"});
  EXPECT_VIOLATES("my-oom-fix", "v4.15", "munlock-safe", {"mlocked-vma=1"});
}

TEST(MyOomFix, V414UsesFreedVmas) { EXPECT_VIOLATES("my-oom-fix", "v4.14", "no-uaf"); }

// What a failing check prints (its trace and replay command); the example's
// tests run it on purpose and expect it to fail.
TEST(MyOomFix, DISABLED_V414Holds) { EXPECT_HOLDS("my-oom-fix", "v4.14"); }
