// A SQLite VFS for tests that wraps the default one and, on demand, fails
// every xSync with SQLITE_IOERR_FSYNC: a real fsync failure as SQLite sees it,
// without root or a full disk. Open a Journal with OpenOptions::vfs = kFailingSyncVfs.
#pragma once

namespace wall::test {

constexpr const char* kFailingSyncVfs = "wall-failing-sync";

/// @brief Registers the VFS (not as the default); idempotent, thread-safe.
void registerFailingSyncVfs();
/// @brief While true, every xSync through the VFS fails with SQLITE_IOERR_FSYNC.
void setSyncFails(bool fail);
/// @brief xSync calls refused so far.
int refusedSyncs();

} // namespace wall::test
