// sqlite3_config is variadic, which Swift cannot call: this file calls it.
#include "CSQLiteSetup.h"

#include <sqlite3.h>

int sift_sqlite_configure_for_one_process(void) {
    int result = sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
    if (result != SQLITE_OK) return result;
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}
