// main() of the lockstep binary and of every lockstep_add_model() binary.
#include "cli/cli.h"

int main(int argc, char** argv) { return lockstep::RunCli(argc, argv); }
