// fx.cc - implementation of the C API in fx.h over libxapian 1.4.
// Every extern "C" entry point is wrapped in FX_TRY / FX_CATCH so that no C++
// exception crosses into C code.

#include "fx.h"

#include <xapian.h>

#include <algorithm>
#include <vector>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <new>
#include <sstream>
#include <string>
#include <vector>

#include "fx_internal.h"

namespace {

void set_err(fx_error *err, const char *fmt, const std::string &a, const std::string &b = "") {
    if (!err) return;
    snprintf(err->msg, sizeof err->msg, fmt, a.c_str(), b.c_str());
}

fx_status io_or_db_status(const Xapian::Error &e) {
    const char *es = e.get_error_string();
    if (es && *es) {
        if (strcmp(es, strerror(ENOSPC)) == 0 || strcmp(es, strerror(EDQUOT)) == 0 ||
            strcmp(es, strerror(EIO)) == 0 || strcmp(es, strerror(EROFS)) == 0 ||
            strcmp(es, strerror(EFBIG)) == 0)
            return FX_ERR_IO;
    }
    return FX_ERR_OTHER;
}

fx_status map_xapian(const Xapian::Error &e, fx_error *err) {
    std::string what = e.get_type();
    std::string msg = e.get_msg();
    const char *es = e.get_error_string();
    if (es && *es) msg += std::string(" (") + es + ")";
    set_err(err, "%s: %s", what, msg);
    // Xapian::Error has no virtual functions, so classify by get_type().
    static const struct { const char *type; fx_status st; } map[] = {
        {"DatabaseNotFoundError", FX_ERR_NOT_FOUND}, {"DatabaseLockError", FX_ERR_LOCKED},
        {"DatabaseVersionError", FX_ERR_VERSION},    {"DatabaseCorruptError", FX_ERR_CORRUPT},
        {"DatabaseModifiedError", FX_ERR_MODIFIED},  {"DatabaseOpeningError", FX_ERR_OPENING},
        {"DocNotFoundError", FX_ERR_NOT_FOUND_DOC},  {"InvalidArgumentError", FX_ERR_INVALID_ARG},
    };
    for (const auto &m : map) {
        if (what != m.type) continue;
        // Xapian also raises DatabaseLockError when it cannot even try the
        // lock (no permission to create the lock file, read-only
        // filesystem): only "already locked" means another writer.
        if (m.st == FX_ERR_LOCKED && e.get_msg().find("already locked") == std::string::npos)
            return FX_ERR_OPENING;
        return m.st;
    }
    if (what == "DatabaseCreateError") return FX_ERR_OPENING;
    if (what.compare(0, 8, "Database") == 0) {
        fx_status st = io_or_db_status(e);
        return st == FX_ERR_OTHER ? FX_ERR_IO : st;
    }
    return io_or_db_status(e);
}

char *dup_bytes(const std::string &s) {
    char *p = static_cast<char *>(malloc(s.size() + 1));
    if (!p) throw std::bad_alloc();
    memcpy(p, s.data(), s.size());
    p[s.size()] = '\0';
    return p;
}

fx_status check_term(size_t len, fx_error *err) {
    if (len == 0) {
        if (err) snprintf(err->msg, sizeof err->msg, "empty term");
        return FX_ERR_INVALID_ARG;
    }
    if (len > FX_MAX_TERM_BYTES) {
        if (err)
            snprintf(err->msg, sizeof err->msg, "term of %zu bytes is longer than the %d-byte limit",
                     len, FX_MAX_TERM_BYTES);
        return FX_ERR_TERM_TOO_LONG;
    }
    return FX_OK;
}



}  // namespace

fx_status fx_map_xapian(const Xapian::Error &e, fx_error *err) { return map_xapian(e, err); }

void fx_commit_now(fx_db *db) {
    if (db->batches) {
        db->batches = false;  // if commit_transaction throws, no transaction is open
        db->rw->commit_transaction();
        db->rw->begin_transaction(true);
        db->batches = true;
    } else {
        db->rw->commit();
    }
}

extern "C" {

const char *fx_status_name(fx_status st) {
    switch (st) {
        case FX_OK: return "ok";
        case FX_ERR_NOT_FOUND: return "not found";
        case FX_ERR_OPENING: return "cannot open";
        case FX_ERR_LOCKED: return "locked";
        case FX_ERR_CORRUPT: return "corrupt";
        case FX_ERR_VERSION: return "unsupported format version";
        case FX_ERR_MODIFIED: return "modified while reading";
        case FX_ERR_TERM_TOO_LONG: return "term too long";
        case FX_ERR_INVALID_ARG: return "invalid argument";
        case FX_ERR_IO: return "I/O error";
        case FX_ERR_NOMEM: return "out of memory";
        case FX_ERR_NOT_FOUND_DOC: return "no such document";
        case FX_ERR_OTHER: return "error";
    }
    return "error";
}

const char *fx_xapian_version(void) { return Xapian::version_string(); }

fx_status fx_db_open(const char *path, fx_db **out, fx_error *err) {
    *out = nullptr;
    FX_TRY
    fx_db *db = new fx_db;
    try {
        db->ro = new Xapian::Database(path);
    } catch (...) {
        delete db;
        throw;
    }
    *out = db;
    return FX_OK;
    FX_CATCH
}

fx_status fx_db_open_writable(const char *path, int create, fx_db **out, fx_error *err) {
    *out = nullptr;
    FX_TRY
    fx_db *db = new fx_db;
    try {
        db->rw = new Xapian::WritableDatabase(
            path, (create ? Xapian::DB_CREATE_OR_OPEN : Xapian::DB_OPEN) | Xapian::DB_BACKEND_GLASS);
    } catch (...) {
        delete db;
        throw;
    }
    *out = db;
    return FX_OK;
    FX_CATCH
}

fx_status fx_db_open_scratch(const char *path, fx_db **out, fx_error *err) {
    *out = nullptr;
    FX_TRY
    fx_db *db = new fx_db;
    try {
        db->rw = new Xapian::WritableDatabase(
            path, Xapian::DB_CREATE_OR_OPEN | Xapian::DB_BACKEND_GLASS | Xapian::DB_NO_SYNC);
    } catch (...) {
        delete db;
        throw;
    }
    *out = db;
    return FX_OK;
    FX_CATCH
}

fx_status fx_db_compact(const char *const *sources, size_t n, const char *dest, fx_error *err) {
    FX_TRY
    Xapian::Database all;
    for (size_t i = 0; i < n; i++) all.add_database(Xapian::Database(sources[i]));
    all.compact(dest, Xapian::DBCOMPACT_MULTIPASS | Xapian::DB_BACKEND_GLASS);
    return FX_OK;
    FX_CATCH
}

void fx_db_close(fx_db *db) {
    if (!db) return;
    try {
        delete db;  // Xapian commits a writable handle's pending changes here
    } catch (...) {
    }
}

fx_status fx_db_reopen(fx_db *db, fx_error *err) {
    FX_TRY
    FX_SYNC(db);
    db->base().reopen();
    return FX_OK;
    FX_CATCH
}

fx_status fx_db_doccount(fx_db *db, uint32_t *out, fx_error *err) {
    FX_TRY
    FX_SYNC(db);
    *out = db->base().get_doccount();
    return FX_OK;
    FX_CATCH
}

fx_status fx_db_termfreq(fx_db *db, const char *term, size_t len, uint32_t *out, fx_error *err) {
    FX_TRY
    FX_SYNC(db);
    *out = db->base().get_termfreq(std::string(term, len));
    return FX_OK;
    FX_CATCH
}

fx_status fx_db_get_metadata(fx_db *db, const char *key, char **val, size_t *len, fx_error *err) {
    *val = nullptr;
    *len = 0;
    FX_TRY
    FX_SYNC(db);
    std::string v = db->base().get_metadata(key);
    if (!v.empty()) {
        *val = dup_bytes(v);
        *len = v.size();
    }
    return FX_OK;
    FX_CATCH
}

fx_status fx_db_set_metadata(fx_db *db, const char *key, const char *val, size_t len,
                             fx_error *err) {
    FX_TRY
    if (!db->rw) {
        if (err) snprintf(err->msg, sizeof err->msg, "database opened read-only");
        return FX_ERR_INVALID_ARG;
    }
    if (db->writer) return fx_writer_set_metadata(db, std::string(key), std::string(val, len), err);
    db->rw->set_metadata(key, std::string(val, len));
    return FX_OK;
    FX_CATCH
}

fx_status fx_db_metadata_keys(fx_db *db, const char *prefix,
                              int (*cb)(void *ctx, const char *key, size_t len), void *ctx,
                              fx_error *err) {
    FX_TRY
    FX_SYNC(db);
    Xapian::Database &d = db->base();
    for (Xapian::TermIterator t = d.metadata_keys_begin(prefix); t != d.metadata_keys_end(prefix);
         ++t) {
        std::string k = *t;
        if (cb(ctx, k.data(), k.size())) break;
    }
    return FX_OK;
    FX_CATCH
}

fx_status fx_db_replace_by_term(fx_db *db, const char *term, size_t len, fx_doc *doc,
                                fx_docid *docid, fx_error *err) {
    fx_status st = check_term(len, err);
    if (st != FX_OK) return st;
    FX_TRY
    if (!db->rw) {
        if (err) snprintf(err->msg, sizeof err->msg, "database opened read-only");
        return FX_ERR_INVALID_ARG;
    }
    if (db->writer) {
        if (docid) *docid = 0;
        Xapian::Document moved(std::move(doc->doc));
        doc->doc = Xapian::Document();
        return fx_writer_replace(db, std::string(term, len), std::move(moved), err);
    }
    Xapian::docid id = db->rw->replace_document(std::string(term, len), doc->doc);
    if (docid) *docid = id;
    return FX_OK;
    FX_CATCH
}

fx_status fx_db_delete_by_term(fx_db *db, const char *term, size_t len, fx_error *err) {
    fx_status st = check_term(len, err);
    if (st != FX_OK) return st;
    FX_TRY
    if (!db->rw) {
        if (err) snprintf(err->msg, sizeof err->msg, "database opened read-only");
        return FX_ERR_INVALID_ARG;
    }
    if (db->writer) return fx_writer_delete(db, std::string(term, len), err);
    db->rw->delete_document(std::string(term, len));
    return FX_OK;
    FX_CATCH
}

fx_status fx_db_commit(fx_db *db, fx_error *err) {
    FX_TRY
    if (!db->rw) {
        if (err) snprintf(err->msg, sizeof err->msg, "database opened read-only");
        return FX_ERR_INVALID_ARG;
    }
    if (db->writer) return fx_writer_commit(db, err);
    fx_commit_now(db);
    return FX_OK;
    FX_CATCH
}

fx_status fx_db_begin_batches(fx_db *db, fx_error *err) {
    FX_TRY
    FX_SYNC(db);
    if (!db->rw) {
        if (err) snprintf(err->msg, sizeof err->msg, "database opened read-only");
        return FX_ERR_INVALID_ARG;
    }
    if (!db->batches) {
        db->rw->begin_transaction(true);
        db->batches = true;
    }
    return FX_OK;
    FX_CATCH
}

fx_status fx_db_find_by_term(fx_db *db, const char *term, size_t len, fx_docid *out,
                             fx_error *err) {
    FX_TRY
    FX_SYNC(db);
    Xapian::Database &d = db->base();
    std::string t(term, len);
    Xapian::PostingIterator it = d.postlist_begin(t);
    if (it == d.postlist_end(t)) {
        if (err) snprintf(err->msg, sizeof err->msg, "no document has the term");
        return FX_ERR_NOT_FOUND_DOC;
    }
    *out = *it;
    return FX_OK;
    FX_CATCH
}

fx_status fx_db_get_data(fx_db *db, fx_docid id, char **data, size_t *len, fx_error *err) {
    *data = nullptr;
    *len = 0;
    FX_TRY
    FX_SYNC(db);
    std::string d = db->base().get_document(id).get_data();
    *data = dup_bytes(d);
    *len = d.size();
    return FX_OK;
    FX_CATCH
}

fx_status fx_db_get_value(fx_db *db, fx_docid id, unsigned slot, char **val, size_t *len,
                          fx_error *err) {
    *val = nullptr;
    *len = 0;
    FX_TRY
    FX_SYNC(db);
    /* DOC_ASSUME_VALID: without it Xapian first reads the document's
     * length to check that it exists, a second B-tree lookup per value */
    std::string v = db->base().get_document(id, Xapian::DOC_ASSUME_VALID).get_value(slot);
    *val = dup_bytes(v);
    *len = v.size();
    return FX_OK;
    FX_CATCH
}

fx_status fx_db_get_values(fx_db *db, unsigned slot, const fx_docid *ids, size_t n, char **vals,
                           size_t *lens, fx_error *err) {
    for (size_t i = 0; i < n; i++) {
        vals[i] = nullptr;
        lens[i] = 0;
    }
    FX_TRY
    FX_SYNC(db);
    /* in docid order through one value stream: skip_to keeps the cursor's
     * path through the B-tree, so nearby documents share block reads */
    std::vector<size_t> order(n);
    for (size_t i = 0; i < n; i++) order[i] = i;
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return ids[a] < ids[b]; });
    Xapian::Database &d = db->base();
    Xapian::ValueIterator it = d.valuestream_begin(slot), end = d.valuestream_end(slot);
    for (size_t k = 0; k < n && it != end; k++) {
        size_t i = order[k];
        if (it.get_docid() < ids[i]) it.skip_to(ids[i]);
        if (it == end) break;
        if (it.get_docid() != ids[i]) continue;
        std::string v = *it;
        vals[i] = dup_bytes(v); /* bad_alloc: the caller frees what was copied */
        lens[i] = v.size();
    }
    return FX_OK;
    FX_CATCH
}

fx_status fx_db_term_stats(fx_db *db, uint64_t *distinct_terms, uint64_t *total_length,
                           fx_error *err) {
    FX_TRY
    FX_SYNC(db);
    Xapian::Database &d = db->base();
    uint64_t n = 0;
    for (Xapian::TermIterator t = d.allterms_begin(); t != d.allterms_end(); ++t) n++;
    *distinct_terms = n;
    *total_length = d.get_total_length();
    return FX_OK;
    FX_CATCH
}

fx_status fx_db_allterms(fx_db *db, const char *prefix, size_t plen, fx_term_cb cb, void *ctx,
                         fx_error *err) {
    FX_TRY
    FX_SYNC(db);
    Xapian::Database &d = db->base();
    std::string p(prefix ? prefix : "", prefix ? plen : 0);
    for (Xapian::TermIterator t = d.allterms_begin(p); t != d.allterms_end(p); ++t) {
        std::string term = *t;
        if (cb(ctx, term.data(), term.size(), t.get_termfreq())) break;
    }
    return FX_OK;
    FX_CATCH
}

fx_status fx_db_doc_termlist(fx_db *db, fx_docid id, fx_doc_term_cb cb, void *ctx, fx_error *err) {
    FX_TRY
    FX_SYNC(db);
    Xapian::Database &d = db->base();
    std::vector<uint32_t> pos;
    for (Xapian::TermIterator t = d.termlist_begin(id); t != d.termlist_end(id); ++t) {
        pos.clear();
        if (t.positionlist_count())
            for (Xapian::PositionIterator p = t.positionlist_begin(); p != t.positionlist_end(); ++p)
                pos.push_back(*p);
        std::string term = *t;
        if (cb(ctx, term.data(), term.size(), t.get_wdf(), pos.data(), pos.size())) break;
    }
    return FX_OK;
    FX_CATCH
}

fx_status fx_db_relocate(fx_db *db, const char *old_term, size_t oldlen, const char *new_term,
                         size_t newlen, const char *data, size_t datalen, fx_error *err) {
    fx_status st;
    if ((st = check_term(oldlen, err)) != FX_OK || (st = check_term(newlen, err)) != FX_OK) return st;
    FX_TRY
    FX_SYNC(db);
    if (!db->rw) {
        if (err) snprintf(err->msg, sizeof err->msg, "database opened read-only");
        return FX_ERR_INVALID_ARG;
    }
    std::string ot(old_term, oldlen), nt(new_term, newlen);
    Xapian::PostingIterator it = db->rw->postlist_begin(ot);
    if (it == db->rw->postlist_end(ot)) {
        if (err) snprintf(err->msg, sizeof err->msg, "no document has the term");
        return FX_ERR_NOT_FOUND_DOC;
    }
    Xapian::docid id = *it;
    Xapian::Document doc = db->rw->get_document(id);
    if (ot != nt) {
        doc.remove_term(ot);
        doc.add_boolean_term(nt);
    }
    doc.set_data(std::string(data, datalen));
    db->rw->replace_document(id, doc);
    return FX_OK;
    FX_CATCH
}

namespace {
// Expansion decider: only terms with the given prefix (stems), never the id.
struct PrefixDecider : public Xapian::ExpandDecider {
    std::string prefix;
    explicit PrefixDecider(const std::string &p) : prefix(p) {}
    bool operator()(const std::string &t) const override {
        return t.size() > prefix.size() && t.compare(0, prefix.size(), prefix) == 0;
    }
};
}  // namespace

fx_status fx_query_similar(fx_db *db, fx_docid id, const char *prefix, size_t plen, unsigned nterms,
                           const char *idterm, size_t idlen, fx_query **out, fx_error *err) {
    *out = nullptr;
    FX_TRY
    FX_SYNC(db);
    Xapian::Database &d = db->base();
    d.get_document(id);  // DocNotFoundError when absent
    Xapian::Enquire enq(d);
    Xapian::RSet rset;
    rset.add_document(id);
    PrefixDecider dec(std::string(prefix, plen));
    Xapian::ESet eset = enq.get_eset(nterms, rset, &dec);
    std::vector<Xapian::Query> terms;
    for (Xapian::ESetIterator t = eset.begin(); t != eset.end(); ++t) terms.emplace_back(*t);
    Xapian::Query q(Xapian::Query::OP_OR, terms.begin(), terms.end());
    q = Xapian::Query(Xapian::Query::OP_AND_NOT, q, Xapian::Query(std::string(idterm, idlen)));
    *out = new fx_query{q};
    return FX_OK;
    FX_CATCH
}

fx_status fx_db_check(const char *path, size_t *errors, char **report, fx_error *err) {
    *errors = 0;
    *report = nullptr;
    FX_TRY
    std::ostringstream out;
    *errors = Xapian::Database::check(path, 0, &out);
    *report = dup_bytes(out.str());
    return FX_OK;
    FX_CATCH
}

fx_status fx_doc_new(fx_doc **out, fx_error *err) {
    *out = nullptr;
    FX_TRY
    *out = new fx_doc;
    return FX_OK;
    FX_CATCH
}

void fx_doc_free(fx_doc *doc) {
    try { delete doc; } catch (...) {}
}

void fx_doc_clear(fx_doc *doc) {
    try { doc->doc = Xapian::Document(); } catch (...) {}
}

fx_status fx_doc_add_posting(fx_doc *doc, const char *term, size_t len, uint32_t pos,
                             uint32_t wdfinc, fx_error *err) {
    fx_status st = check_term(len, err);
    if (st != FX_OK) return st;
    FX_TRY
    doc->doc.add_posting(std::string(term, len), pos, wdfinc);
    return FX_OK;
    FX_CATCH
}

fx_status fx_doc_add_positions(fx_doc *doc, const char *term, size_t len, const uint32_t *pos,
                               size_t npos, uint32_t wdf, fx_error *err) {
    fx_status st = check_term(len, err);
    if (st != FX_OK) return st;
    if (npos == 0) return fx_doc_add_term(doc, term, len, wdf, err);
    FX_TRY
    const std::string t(term, len); /* built once for all the positions */
    doc->doc.add_posting(t, pos[0], wdf);
    for (size_t k = 1; k < npos; k++) doc->doc.add_posting(t, pos[k], 0);
    return FX_OK;
    FX_CATCH
}

fx_status fx_doc_add_term(fx_doc *doc, const char *term, size_t len, uint32_t wdfinc,
                          fx_error *err) {
    fx_status st = check_term(len, err);
    if (st != FX_OK) return st;
    FX_TRY
    doc->doc.add_term(std::string(term, len), wdfinc);
    return FX_OK;
    FX_CATCH
}

fx_status fx_doc_add_boolean_term(fx_doc *doc, const char *term, size_t len, fx_error *err) {
    fx_status st = check_term(len, err);
    if (st != FX_OK) return st;
    FX_TRY
    doc->doc.add_boolean_term(std::string(term, len));
    return FX_OK;
    FX_CATCH
}

fx_status fx_doc_set_value(fx_doc *doc, unsigned slot, const char *val, size_t len,
                           fx_error *err) {
    FX_TRY
    doc->doc.add_value(slot, std::string(val, len));
    return FX_OK;
    FX_CATCH
}

fx_status fx_doc_set_data(fx_doc *doc, const char *data, size_t len, fx_error *err) {
    FX_TRY
    doc->doc.set_data(std::string(data, len));
    return FX_OK;
    FX_CATCH
}

fx_status fx_query_term(const char *term, size_t len, uint32_t wqf, uint32_t pos, fx_query **out,
                        fx_error *err) {
    *out = nullptr;
    fx_status st = check_term(len, err);
    if (st != FX_OK) return st;
    FX_TRY
    *out = new fx_query{Xapian::Query(std::string(term, len), wqf ? wqf : 1, pos)};
    return FX_OK;
    FX_CATCH
}

fx_status fx_query_combine(fx_query_op op, fx_query *const *subs, size_t n, uint32_t window,
                           fx_query **out, fx_error *err) {
    *out = nullptr;
    FX_TRY
    std::vector<Xapian::Query> v;
    v.reserve(n);
    for (size_t i = 0; i < n; i++) v.push_back(subs[i]->q);
    Xapian::Query::op xop;
    switch (op) {
        case FX_OP_AND: xop = Xapian::Query::OP_AND; break;
        case FX_OP_OR: xop = Xapian::Query::OP_OR; break;
        case FX_OP_AND_NOT: xop = Xapian::Query::OP_AND_NOT; break;
        case FX_OP_AND_MAYBE: xop = Xapian::Query::OP_AND_MAYBE; break;
        case FX_OP_FILTER: xop = Xapian::Query::OP_FILTER; break;
        case FX_OP_SYNONYM: xop = Xapian::Query::OP_SYNONYM; break;
        case FX_OP_PHRASE: xop = Xapian::Query::OP_PHRASE; break;
        case FX_OP_NEAR: xop = Xapian::Query::OP_NEAR; break;
        default:
            if (err) snprintf(err->msg, sizeof err->msg, "unknown query operator %d", (int)op);
            return FX_ERR_INVALID_ARG;
    }
    if ((op == FX_OP_AND_NOT || op == FX_OP_AND_MAYBE || op == FX_OP_FILTER) && v.size() > 2) {
        // Xapian's binary operators: left op (OR of the rest).
        Xapian::Query rest(Xapian::Query::OP_OR, v.begin() + 1, v.end());
        *out = new fx_query{Xapian::Query(xop, v[0], rest)};
    } else {
        *out = new fx_query{Xapian::Query(xop, v.begin(), v.end(), window)};
    }
    return FX_OK;
    FX_CATCH
}

fx_status fx_query_scale(const fx_query *q, double factor, fx_query **out, fx_error *err) {
    *out = nullptr;
    FX_TRY
    *out = new fx_query{Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, q->q, factor)};
    return FX_OK;
    FX_CATCH
}

fx_status fx_query_wildcard(const char *prefix, size_t len, unsigned max_expansion, fx_query **out,
                            fx_error *err) {
    *out = nullptr;
    fx_status st = check_term(len, err);
    if (st != FX_OK) return st;
    FX_TRY
    *out = new fx_query{Xapian::Query(Xapian::Query::OP_WILDCARD, std::string(prefix, len), max_expansion,
                                      Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT, Xapian::Query::OP_SYNONYM)};
    return FX_OK;
    FX_CATCH
}

fx_status fx_query_value_range(unsigned slot, const char *lo, size_t lolen, const char *hi,
                               size_t hilen, fx_query **out, fx_error *err) {
    *out = nullptr;
    FX_TRY
    if (lo && hi)
        *out = new fx_query{Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot,
                                          std::string(lo, lolen), std::string(hi, hilen))};
    else if (lo)
        *out = new fx_query{Xapian::Query(Xapian::Query::OP_VALUE_GE, slot, std::string(lo, lolen))};
    else if (hi)
        *out = new fx_query{Xapian::Query(Xapian::Query::OP_VALUE_LE, slot, std::string(hi, hilen))};
    else
        *out = new fx_query{Xapian::Query::MatchAll};
    return FX_OK;
    FX_CATCH
}

fx_status fx_query_describe(const fx_query *q, char **out, fx_error *err) {
    *out = nullptr;
    FX_TRY
    *out = dup_bytes(q->q.get_description());
    return FX_OK;
    FX_CATCH
}

fx_status fx_query_copy(const fx_query *q, fx_query **out, fx_error *err) {
    *out = nullptr;
    FX_TRY
    *out = new fx_query{q->q};
    return FX_OK;
    FX_CATCH
}

void fx_query_free(fx_query *q) {
    try { delete q; } catch (...) {}
}

fx_status fx_search(fx_db *db, const fx_query *q, const fx_search_opts *opts, fx_mset **out,
                    fx_error *err) {
    *out = nullptr;
    FX_TRY
    FX_SYNC(db);
    for (int attempt = 0;; attempt++) {
        try {
            Xapian::Enquire enq(db->base());
            enq.set_query(q->q);
            if (opts->bm25_k1 > 0 || opts->bm25_b > 0)
                enq.set_weighting_scheme(Xapian::BM25Weight(opts->bm25_k1, opts->bm25_k2,
                                                            opts->bm25_k3, opts->bm25_b,
                                                            opts->bm25_min_normlen));
            else
                enq.set_weighting_scheme(Xapian::BM25Weight());
            if (opts->sort_by_value)
                enq.set_sort_by_value_then_relevance(opts->sort_slot, opts->sort_reverse != 0);
            Xapian::MSet m = enq.get_mset(opts->offset, opts->limit, opts->check_at_least);
            *out = new fx_mset{m};
            return FX_OK;
        } catch (const Xapian::DatabaseModifiedError &) {
            if (attempt >= 3) throw;
            db->base().reopen();
        }
    }
    FX_CATCH
}

uint32_t fx_mset_size(const fx_mset *m) { return m ? m->mset.size() : 0; }

uint32_t fx_mset_estimate(const fx_mset *m) {
    return m ? m->mset.get_matches_estimated() : 0;
}

double fx_mset_max_possible(const fx_mset *m) {
    try { return m ? m->mset.get_max_possible() : 0.0; } catch (...) { return 0.0; }
}

fx_docid fx_mset_docid(const fx_mset *m, uint32_t i) {
    try { return *(m->mset[i]); } catch (...) { return 0; }
}

double fx_mset_weight(const fx_mset *m, uint32_t i) {
    try { return m->mset[i].get_weight(); } catch (...) { return 0.0; }
}

fx_status fx_mset_data(fx_mset *m, uint32_t i, char **data, size_t *len, fx_error *err) {
    *data = nullptr;
    *len = 0;
    FX_TRY
    std::string d = m->mset[i].get_document().get_data();
    *data = dup_bytes(d);
    *len = d.size();
    return FX_OK;
    FX_CATCH
}

void fx_mset_free(fx_mset *m) {
    try { delete m; } catch (...) {}
}

fx_status fx_stem_new(const char *lang, fx_stem **out, fx_error *err) {
    *out = nullptr;
    FX_TRY
    *out = new fx_stem{Xapian::Stem(lang)};
    return FX_OK;
    FX_CATCH
}

fx_status fx_stem_apply(fx_stem *s, const char *word, size_t len, char **out, size_t *outlen,
                        fx_error *err) {
    *out = nullptr;
    *outlen = 0;
    FX_TRY
    std::string r = s->stem(std::string(word, len));
    *out = dup_bytes(r);
    *outlen = r.size();
    return FX_OK;
    FX_CATCH
}

void fx_stem_free(fx_stem *s) {
    try { delete s; } catch (...) {}
}

}  // extern "C"
