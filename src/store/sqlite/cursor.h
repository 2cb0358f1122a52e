// The keyset cursors moved to store/cursor.h, shared by both backends; their
// names resolve unqualified inside tallinn::store::sqlite.
#pragma once

#include "store/cursor.h"
