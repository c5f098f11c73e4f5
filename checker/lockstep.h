// Everything a model includes.
#pragma once

#include "checker/runtime/model_api.h"
#include "checker/runtime/runtime.h"
#include "checker/runtime/task.h"
#include "checker/sync/atomic.h"
#include "checker/sync/bits.h"
#include "checker/sync/freeable.h"
#include "checker/sync/mutex.h"
#include "checker/sync/refcount.h"
#include "checker/sync/rwsem.h"
#include "checker/sync/task_state.h"
