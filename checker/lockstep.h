// The public header's old name, for models that still include it: new code
// includes <lockstep/lockstep.h> (include/lockstep/lockstep.h).
#pragma once

#include "lockstep/lockstep.h"
