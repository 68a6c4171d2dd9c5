#ifndef SIFT_CSQLITESETUP_H
#define SIFT_CSQLITESETUP_H

/// Configures SQLite for a process that owns it, before its first connection: connections and
/// statements without their own mutexes (GRDB already gives each connection to one thread at a
/// time) and no global memory statistics (a mutex taken at every allocation). Returns SQLite's
/// result code; SQLITE_MISUSE when SQLite was already initialized, and nothing changes.
///
/// For the `sift` executable only: it changes SQLite for the whole process, which a library
/// embedded in someone else's process must not do.
int sift_sqlite_configure_for_one_process(void);

#endif
