// fx_internal.h - the handle structures behind fx.h and the error mapping
// shared by the wrapper's C++ files (fx.cc, fx_entities.cc).  C++ only.
#ifndef FAHRAS_FX_INTERNAL_H
#define FAHRAS_FX_INTERNAL_H

#include <xapian.h>

#include <cstdio>
#include <string>

#include "fx.h"

struct fx_db {
    Xapian::Database *ro = nullptr;          // set for read-only handles
    Xapian::WritableDatabase *rw = nullptr;  // set for writable handles
    bool batches = false;                    // a flushed transaction is open
    Xapian::Database &base() { return rw ? *rw : *ro; }
    ~fx_db() {
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
