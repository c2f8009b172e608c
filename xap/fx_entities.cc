// fx_entities.cc - the Xapian pieces that entity tags need (fx.h, "entity
// counts"): a PostingSource that weights articles by how often they mention
// an entity, and a MatchSpy that counts every entity, source and month over
// the matching articles (facets).  Both read the per-article blob of
// "K:id=count" lines in one value slot (schema.h FAH_SLOT_ENTITIES).

#include <xapian.h>

#include <cstdlib>
#include <cstring>
#include <map>
#include <new>
#include <string>
#include <unordered_map>

#include "fx_internal.h"

namespace {

// The count of `key` ("L:emmanuel-macron") in a blob, 0 when absent.
unsigned blob_count(const std::string &blob, const std::string &key) {
    size_t p = 0;
    while (p < blob.size()) {
        size_t nl = blob.find('\n', p);
        if (nl == std::string::npos) nl = blob.size();
        if (nl - p > key.size() + 1 && blob.compare(p, key.size(), key) == 0 && blob[p + key.size()] == '=')
            return (unsigned)strtoul(blob.c_str() + p + key.size() + 1, nullptr, 10);
        p = nl + 1;
    }
    return 0;
}

// Documents indexed by `term`, weighted like BM25's term-frequency part
// with the mention count c of `key` as the frequency:
//   scale * c (k1 + 1) / (c + k1 (1 - b + b dl / avgdl)),  k1 = 1.2, b = 0.75
// (Robertson & Zaragoza, "The Probabilistic Relevance Framework: BM25 and
// Beyond", 2009): more mentions weigh more, with diminishing returns, and a
// long article needs more mentions than a short one to be as centred on
// the entity.
class MentionSource : public Xapian::PostingSource {
    std::string term, key;
    unsigned slot;
    double scale;
    Xapian::Database db;
    Xapian::PostingIterator it, end;
    Xapian::ValueIterator vit, vend;
    bool started = false;

  public:
    double avgdl = 1;
    static constexpr double k1 = 1.2, b = 0.75;

    MentionSource(const std::string &t, unsigned s, const std::string &k, double sc)
        : term(t), key(k), slot(s), scale(sc) {
        set_maxweight(scale * (k1 + 1));
    }
    PostingSource *clone() const override { return new MentionSource(term, slot, key, scale); }
    void init(const Xapian::Database &d) override {
        db = d;
        it = db.postlist_begin(term);
        end = db.postlist_end(term);
        vit = db.valuestream_begin(slot);
        vend = db.valuestream_end(slot);
        started = false;
        avgdl = db.get_avlength();
        if (avgdl <= 0) avgdl = 1;
        set_maxweight(scale * (k1 + 1));
    }
    Xapian::doccount get_termfreq_min() const override { return db.get_termfreq(term); }
    Xapian::doccount get_termfreq_est() const override { return db.get_termfreq(term); }
    Xapian::doccount get_termfreq_max() const override { return db.get_termfreq(term); }
    void next(double) override {
        if (!started) started = true;
        else ++it;
    }
    void skip_to(Xapian::docid did, double) override {
        started = true;
        it.skip_to(did);
    }
    bool at_end() const override { return started && it == end; }
    Xapian::docid get_docid() const override { return *it; }
    double get_weight() const override {
        Xapian::docid did = *it;
        Xapian::ValueIterator &v = const_cast<Xapian::ValueIterator &>(vit);
        if (v == vend) return 0;
        if (!v.check(did)) return 0;
        double c = blob_count(*v, key);
        if (c <= 0) return 0;
        double dl = db.get_doclength(did);
        return scale * c * (k1 + 1) / (c + k1 * (1 - b + b * dl / avgdl));
    }
    std::string get_description() const override { return "MentionSource(" + term + ")"; }
};

// Counts, over the documents the matcher examines, every entity key of the
// blob, the source value ("S:" + value) and the month of the date value
// ("D:" + YYYY-MM).
class FacetSpy : public Xapian::MatchSpy {
  public:
    unsigned blob_slot, source_slot, date_slot;
    std::unordered_map<std::string, uint32_t> counts;
    uint32_t seen = 0;
    FacetSpy(unsigned b, unsigned s, unsigned d) : blob_slot(b), source_slot(s), date_slot(d) {}
    void operator()(const Xapian::Document &doc, double) override {
        seen++;
        std::string blob = doc.get_value(blob_slot);
        size_t p = 0;
        while (p < blob.size()) {
            size_t nl = blob.find('\n', p);
            if (nl == std::string::npos) nl = blob.size();
            size_t eq = blob.rfind('=', nl);
            if (eq != std::string::npos && eq > p) counts[blob.substr(p, eq - p)]++;
            p = nl + 1;
        }
        std::string src = doc.get_value(source_slot);
        if (!src.empty()) counts["S:" + src]++;
        std::string date = doc.get_value(date_slot);
        if (date.size() >= 6) counts["D:" + date.substr(0, 4) + "-" + date.substr(4, 2)]++;
    }
};

}  // namespace

extern "C" {

fx_status fx_query_mentions(const char *term, size_t tlen, unsigned slot, const char *key,
                            double scale, fx_query **out, fx_error *err) {
    *out = nullptr;
    FX_TRY
    MentionSource *src = new MentionSource(std::string(term, tlen), slot, key, scale);
    Xapian::Query q(src->release());
    *out = new fx_query{q};
    return FX_OK;
    FX_CATCH
}

fx_status fx_facets(fx_db *db, const fx_query *q, unsigned blob_slot, unsigned source_slot,
                    unsigned date_slot, uint32_t *matches, fx_facet_cb cb, void *ctx,
                    fx_error *err) {
    *matches = 0;
    FX_TRY
    FX_SYNC(db);
    for (int attempt = 0;; attempt++) {
        try {
            Xapian::Database &d = db->base();
            Xapian::Enquire enq(d);
            enq.set_query(q->q);
            enq.set_weighting_scheme(Xapian::BoolWeight());
            FacetSpy spy(blob_slot, source_slot, date_slot);
            enq.add_matchspy(&spy);
            Xapian::doccount all = d.get_doccount();
            // check_at_least = every document: the spy sees every match, so
            // the counts are exact
            Xapian::MSet m = enq.get_mset(0, 0, all ? all : 1);
            *matches = spy.seen;
            for (const auto &kv : spy.counts)
                if (cb(ctx, kv.first.data(), kv.first.size(), kv.second)) break;
            return FX_OK;
        } catch (const Xapian::DatabaseModifiedError &) {
            if (attempt >= 3) throw;
            db->base().reopen();
        }
    }
    FX_CATCH
}

}  // extern "C"
