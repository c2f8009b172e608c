// fx_writer.cc - a writer thread for a writable handle (fx_db_start_writer).
//
// replace, delete, set_metadata and commit calls on the handle are queued
// and carried out in call order by one thread, so the caller analyses the
// next article while Xapian files the previous one (Xapian's own work is
// about 60% of a one-process build: replace_document, zlib compression of
// term lists and stored data, commit).  Xapian's WritableDatabase is not
// thread-safe, so every other call on the handle first waits for the queue
// to empty (fx_writer_sync); the database never sees two threads at once.
// Documents are moved into the queue (Xapian::Document's reference count is
// not atomic: a shared copy would be counted from two threads).
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

#include "fx_internal.h"

namespace {

enum op_kind { OP_REPLACE, OP_DELETE, OP_META, OP_COMMIT };

struct fx_op {
    op_kind kind;
    std::string a, b;  // term or key; metadata value
    Xapian::Document doc;
};

}  // namespace

struct fx_writer {
    std::mutex mu;
    std::condition_variable work, room, idle;
    std::deque<fx_op> q;
    size_t cap = 64;
    bool busy = false, stop = false;
    fx_status st = FX_OK;  // the first failure; later operations are dropped
    fx_error err{};
    std::thread th;
};

static fx_status run_op(fx_db *db, fx_op &op, fx_error *err) {
    FX_TRY
    switch (op.kind) {
        case OP_REPLACE: db->rw->replace_document(op.a, op.doc); break;
        case OP_DELETE: db->rw->delete_document(op.a); break;
        case OP_META: db->rw->set_metadata(op.a, op.b); break;
        case OP_COMMIT: fx_commit_now(db); break;
    }
    return FX_OK;
    FX_CATCH
}

static void writer_loop(fx_db *db) {
    fx_writer *w = db->writer;
    std::unique_lock<std::mutex> lk(w->mu);
    for (;;) {
        w->work.wait(lk, [w] { return w->stop || !w->q.empty(); });
        if (w->q.empty()) return;  // stopped, nothing left
        bool skip = w->st != FX_OK;
        fx_status s = FX_OK;
        fx_error e{};
        {
            fx_op op = std::move(w->q.front());
            w->q.pop_front();
            w->busy = true;
            w->room.notify_one();
            lk.unlock();
            if (!skip) s = run_op(db, op, &e);
        }  // the document is freed here, by this thread
        lk.lock();
        if (s != FX_OK && w->st == FX_OK) {
            w->st = s;
            w->err = e;
        }
        w->busy = false;
        if (w->q.empty()) w->idle.notify_all();
        if (w->st != FX_OK) w->room.notify_all();
    }
}

fx_status fx_writer_sync(fx_db *db, fx_error *err) {
    fx_writer *w = db->writer;
    if (!w) return FX_OK;
    std::unique_lock<std::mutex> lk(w->mu);
    w->idle.wait(lk, [w] { return w->q.empty() && !w->busy; });
    if (w->st != FX_OK) {
        if (err) *err = w->err;
        return w->st;
    }
    return FX_OK;
}

static fx_status push(fx_db *db, fx_op &&op, fx_error *err) {
    fx_writer *w = db->writer;
    std::unique_lock<std::mutex> lk(w->mu);
    w->room.wait(lk, [w] { return w->q.size() < w->cap || w->st != FX_OK; });
    if (w->st != FX_OK) {
        if (err) *err = w->err;
        return w->st;
    }
    w->q.push_back(std::move(op));
    w->work.notify_one();
    return FX_OK;
}

// Queue one operation; the allocation of its strings may fail.
static fx_status queue(fx_db *db, op_kind kind, std::string &&a, std::string &&b, Xapian::Document &&doc,
                       fx_error *err) {
    try {
        return push(db, fx_op{kind, std::move(a), std::move(b), std::move(doc)}, err);
    } catch (...) {
        if (err) snprintf(err->msg, sizeof err->msg, "out of memory");
        return FX_ERR_NOMEM;
    }
}

fx_status fx_writer_replace(fx_db *db, std::string &&term, Xapian::Document &&doc, fx_error *err) {
    return queue(db, OP_REPLACE, std::move(term), std::string(), std::move(doc), err);
}

fx_status fx_writer_delete(fx_db *db, std::string &&term, fx_error *err) {
    return queue(db, OP_DELETE, std::move(term), std::string(), Xapian::Document(), err);
}

fx_status fx_writer_set_metadata(fx_db *db, std::string &&key, std::string &&val, fx_error *err) {
    return queue(db, OP_META, std::move(key), std::move(val), Xapian::Document(), err);
}

fx_status fx_writer_commit(fx_db *db, fx_error *err) {
    return queue(db, OP_COMMIT, std::string(), std::string(), Xapian::Document(), err);
}

void fx_writer_stop(fx_db *db) {
    fx_writer *w = db->writer;
    if (!w) return;
    {
        std::lock_guard<std::mutex> lk(w->mu);
        w->stop = true;
    }
    w->work.notify_one();
    if (w->th.joinable()) w->th.join();
    delete w;
    db->writer = nullptr;
}

extern "C" fx_status fx_db_start_writer(fx_db *db, unsigned queue, fx_error *err) {
    if (!db->rw) {
        if (err) snprintf(err->msg, sizeof err->msg, "database opened read-only");
        return FX_ERR_INVALID_ARG;
    }
    if (db->writer) return FX_OK;
    FX_TRY
    fx_writer *w = new fx_writer;
    if (queue) w->cap = queue;
    db->writer = w;
    try {
        w->th = std::thread(writer_loop, db);
    } catch (...) {
        db->writer = nullptr;
        delete w;
        throw;
    }
    return FX_OK;
    FX_CATCH
}

extern "C" fx_status fx_db_sync(fx_db *db, fx_error *err) { return fx_writer_sync(db, err); }
