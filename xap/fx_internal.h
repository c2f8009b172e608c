// fx_internal.h - the handle structures behind fx.h and the error mapping
// shared by the wrapper's C++ files (fx.cc, fx_entities.cc).  C++ only.
#ifndef FAHRAS_FX_INTERNAL_H
#define FAHRAS_FX_INTERNAL_H

#include <xapian.h>

#include <cstdio>
#include <string>

#include "fx.h"

struct fx_writer;  // fx_writer.cc
struct fx_db;
void fx_writer_stop(fx_db *db);

struct fx_db {
    Xapian::Database *ro = nullptr;          // set for read-only handles
    Xapian::WritableDatabase *rw = nullptr;  // set for writable handles
    bool batches = false;                    // a flushed transaction is open
    fx_writer *writer = nullptr;             // fx_db_start_writer's thread, if any
    Xapian::Database &base() { return rw ? *rw : *ro; }
    ~fx_db() {
        fx_writer_stop(this);  // what is queued is carried out first
        if (rw && batches) {
            try {
                rw->cancel_transaction();  // uncommitted changes are dropped
            } catch (...) {
            }
        }
        delete ro;
        delete rw;
    }
};

struct fx_doc {
    Xapian::Document doc;
};

struct fx_query {
    Xapian::Query q;
};

struct fx_mset {
    Xapian::MSet mset;
};

struct fx_stem {
    Xapian::Stem stem;
};


// Map a Xapian::Error to an fx_status and err->msg (fx.cc).
fx_status fx_map_xapian(const Xapian::Error &e, fx_error *err);

// Commit (in batch mode: end the flushed transaction and open the next);
// throws Xapian errors (fx.cc).
void fx_commit_now(fx_db *db);

// The writer thread (fx_writer.cc).  sync: wait until the queued work is
// done, then its first error if any.  The others queue one operation
// (moving their arguments) and return at once, or the first error so far.
fx_status fx_writer_sync(fx_db *db, fx_error *err);
fx_status fx_writer_replace(fx_db *db, std::string &&term, Xapian::Document &&doc, fx_error *err);
fx_status fx_writer_delete(fx_db *db, std::string &&term, fx_error *err);
fx_status fx_writer_set_metadata(fx_db *db, std::string &&key, std::string &&val, fx_error *err);
fx_status fx_writer_commit(fx_db *db, fx_error *err);

// First thing in a function that uses a handle: wait for its writer thread.
#define FX_SYNC(db)                                    \
    do {                                               \
        if ((db)->writer) {                            \
            fx_status sync_st_ = fx_writer_sync(db, err); \
            if (sync_st_ != FX_OK) return sync_st_;    \
        }                                              \
    } while (0)

#define FX_TRY try {
#define FX_CATCH                                                          \
    }                                                                     \
    catch (const Xapian::Error &e) {                                      \
        return fx_map_xapian(e, err);                                     \
    }                                                                     \
    catch (const std::bad_alloc &) {                                      \
        if (err) snprintf(err->msg, sizeof err->msg, "out of memory");    \
        return FX_ERR_NOMEM;                                              \
    }                                                                     \
    catch (const std::exception &e) {                                     \
        if (err) snprintf(err->msg, sizeof err->msg, "%s", e.what());     \
        return FX_ERR_OTHER;                                              \
    }                                                                     \
    catch (...) {                                                         \
        if (err) snprintf(err->msg, sizeof err->msg, "unknown C++ error"); \
        return FX_ERR_OTHER;                                              \
    }

#endif
