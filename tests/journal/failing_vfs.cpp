#include "failing_vfs.hpp"

#include <sqlite3.h>

#include <atomic>
#include <cstring>
#include <mutex>
#include <stdexcept>

namespace wall::test {
namespace {

std::atomic<bool> g_fail{false};
std::atomic<int> g_refused{0};
sqlite3_vfs* g_real = nullptr;   // the default VFS we forward to
sqlite3_vfs g_vfs;               // ours: a copy of the real one with xOpen replaced
sqlite3_io_methods g_methods;    // the real file methods with xSync replaced
std::once_flag g_methods_once;

/// Our file: the real one's bytes follow the header (szOsFile covers both).
struct WrappedFile {
    sqlite3_file base;
    sqlite3_file* real() { return reinterpret_cast<sqlite3_file*>(this + 1); }
};
sqlite3_file* realOf(sqlite3_file* f) { return reinterpret_cast<WrappedFile*>(f)->real(); }

int xClose(sqlite3_file* f) { return realOf(f)->pMethods->xClose(realOf(f)); }
int xRead(sqlite3_file* f, void* b, int n, sqlite3_int64 o) { return realOf(f)->pMethods->xRead(realOf(f), b, n, o); }
int xWrite(sqlite3_file* f, const void* b, int n, sqlite3_int64 o) {
    return realOf(f)->pMethods->xWrite(realOf(f), b, n, o);
}
int xTruncate(sqlite3_file* f, sqlite3_int64 s) { return realOf(f)->pMethods->xTruncate(realOf(f), s); }
int xSync(sqlite3_file* f, int flags) {
    if (g_fail) {
        ++g_refused;
        return SQLITE_IOERR_FSYNC;
    }
    return realOf(f)->pMethods->xSync(realOf(f), flags);
}
int xFileSize(sqlite3_file* f, sqlite3_int64* s) { return realOf(f)->pMethods->xFileSize(realOf(f), s); }
int xLock(sqlite3_file* f, int l) { return realOf(f)->pMethods->xLock(realOf(f), l); }
int xUnlock(sqlite3_file* f, int l) { return realOf(f)->pMethods->xUnlock(realOf(f), l); }
int xCheckReservedLock(sqlite3_file* f, int* r) { return realOf(f)->pMethods->xCheckReservedLock(realOf(f), r); }
int xFileControl(sqlite3_file* f, int op, void* a) { return realOf(f)->pMethods->xFileControl(realOf(f), op, a); }
int xSectorSize(sqlite3_file* f) { return realOf(f)->pMethods->xSectorSize(realOf(f)); }
int xDeviceCharacteristics(sqlite3_file* f) { return realOf(f)->pMethods->xDeviceCharacteristics(realOf(f)); }
int xShmMap(sqlite3_file* f, int i, int s, int e, void volatile** p) {
    return realOf(f)->pMethods->xShmMap(realOf(f), i, s, e, p);
}
int xShmLock(sqlite3_file* f, int o, int n, int fl) { return realOf(f)->pMethods->xShmLock(realOf(f), o, n, fl); }
void xShmBarrier(sqlite3_file* f) { realOf(f)->pMethods->xShmBarrier(realOf(f)); }
int xShmUnmap(sqlite3_file* f, int d) { return realOf(f)->pMethods->xShmUnmap(realOf(f), d); }
int xFetch(sqlite3_file* f, sqlite3_int64 o, int n, void** p) { return realOf(f)->pMethods->xFetch(realOf(f), o, n, p); }
int xUnfetch(sqlite3_file* f, sqlite3_int64 o, void* p) { return realOf(f)->pMethods->xUnfetch(realOf(f), o, p); }

int xOpen(sqlite3_vfs*, sqlite3_filename name, sqlite3_file* file, int flags, int* out_flags) {
    auto* wrapped = reinterpret_cast<WrappedFile*>(file);
    wrapped->base.pMethods = nullptr;
    const int rc = g_real->xOpen(g_real, name, wrapped->real(), flags, out_flags);
    if (rc != SQLITE_OK || !wrapped->real()->pMethods) return rc;
    std::call_once(g_methods_once, [&] {
        // Same version as the real methods, so WAL's shared-memory calls are there.
        const sqlite3_io_methods* real = wrapped->real()->pMethods;
        g_methods = sqlite3_io_methods{real->iVersion, xClose, xRead, xWrite, xTruncate, xSync, xFileSize, xLock,
                                       xUnlock, xCheckReservedLock, xFileControl, xSectorSize,
                                       xDeviceCharacteristics, xShmMap, xShmLock, xShmBarrier, xShmUnmap, xFetch,
                                       xUnfetch};
    });
    wrapped->base.pMethods = &g_methods;
    return rc;
}

} // namespace

void registerFailingSyncVfs() {
    static std::once_flag once;
    std::call_once(once, [] {
        g_real = sqlite3_vfs_find(nullptr);
        if (!g_real) throw std::runtime_error("no default SQLite VFS");
        g_vfs = *g_real;
        g_vfs.pNext = nullptr;
        g_vfs.zName = kFailingSyncVfs;
        g_vfs.szOsFile = static_cast<int>(sizeof(WrappedFile)) + g_real->szOsFile;
        g_vfs.xOpen = xOpen;
        if (sqlite3_vfs_register(&g_vfs, 0) != SQLITE_OK) throw std::runtime_error("cannot register the test VFS");
    });
}

void setSyncFails(bool fail) { g_fail = fail; }
int refusedSyncs() { return g_refused; }

} // namespace wall::test
