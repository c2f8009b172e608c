/*
 * xapian_defaults.cc - the peer "Xapian with its defaults" of scripts/bench
 * (omindex-style use): TermGenerator with Stem("arabic") (Snowball),
 * positions, Xapian's default flush threshold; QueryParser with the same
 * stemmer (STEM_SOME, default operator OR), BM25, top 10.  Not part of
 * fahras; a benchmark baseline only.
 *
 *   xapian_defaults index DUMP DBDIR
 *       DUMP: records "id 0x1F title 0x1F text 0x1E" (ingest_bench --dump).
 *       Prints "articles N seconds S".
 *   xapian_defaults query DBDIR QUERIES
 *       One query per line, run warm in this process: each gets the top 10
 *       and the stored data of each hit (what a result page shows).  Prints
 *       "queries N p50 X p95 Y p99 Z" in milliseconds.
 */
#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

static double now_ms() {
    using namespace std::chrono;
    return duration<double, std::milli>(steady_clock::now().time_since_epoch()).count();
}

static int do_index(const char *dump, const char *dbdir) {
    std::ifstream in(dump, std::ios::binary);
    if (!in) {
        std::cerr << "xapian_defaults: cannot read " << dump << "\n";
        return 1;
    }
    double t0 = now_ms();
    Xapian::WritableDatabase db(dbdir, Xapian::DB_CREATE_OR_OVERWRITE);
    Xapian::TermGenerator tg;
    tg.set_stemmer(Xapian::Stem("arabic"));
    std::string rec;
    size_t n = 0;
    while (std::getline(in, rec, '\x1e')) {
        size_t a = rec.find('\x1f');
        size_t b = a == std::string::npos ? a : rec.find('\x1f', a + 1);
        if (b == std::string::npos) continue;
        std::string id = rec.substr(0, a), title = rec.substr(a + 1, b - a - 1), text = rec.substr(b + 1);
        Xapian::Document doc;
        tg.set_document(doc);
        tg.index_text(title);
        tg.increase_termpos();
        tg.index_text(text);
        doc.set_data(title + "\n" + text);
        std::string idterm = "Q" + id;
        if (idterm.size() > 240) idterm.resize(240);
        doc.add_boolean_term(idterm);
        db.replace_document(idterm, doc);
        n++;
    }
    db.commit();
    db.close();
    printf("articles %zu seconds %.2f\n", n, (now_ms() - t0) / 1000.0);
    return 0;
}

static double pct(std::vector<double> v, double p) {
    std::sort(v.begin(), v.end());
    size_t i = (size_t)(p * (double)(v.size() - 1) + 0.5);
    return v[i];
}

static int do_query(const char *dbdir, const char *queries) {
    std::ifstream in(queries);
    if (!in) {
        std::cerr << "xapian_defaults: cannot read " << queries << "\n";
        return 1;
    }
    Xapian::Database db(dbdir);
    Xapian::Enquire enq(db);
    Xapian::QueryParser qp;
    qp.set_database(db);
    qp.set_stemmer(Xapian::Stem("arabic"));
    qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    std::vector<std::string> qs;
    for (std::string line; std::getline(in, line);)
        if (!line.empty() && line[0] != '#') qs.push_back(line);
    std::vector<double> ms;
    size_t bytes = 0;
    for (const std::string &q : qs) {
        double t0 = now_ms();
        try {
            enq.set_query(qp.parse_query(q, Xapian::QueryParser::FLAG_DEFAULT));
            Xapian::MSet m = enq.get_mset(0, 10);
            for (Xapian::MSetIterator i = m.begin(); i != m.end(); ++i) bytes += i.get_document().get_data().size();
        } catch (const Xapian::Error &e) {
            std::cerr << "xapian_defaults: " << q << ": " << e.get_description() << "\n";
        }
        ms.push_back(now_ms() - t0);
    }
    if (ms.empty()) return 1;
    printf("queries %zu p50 %.3f p95 %.3f p99 %.3f (%zu bytes of results)\n", ms.size(), pct(ms, 0.5),
           pct(ms, 0.95), pct(ms, 0.99), bytes);
    return 0;
}

int main(int argc, char **argv) {
    try {
        if (argc == 4 && std::string(argv[1]) == "index") return do_index(argv[2], argv[3]);
        if (argc == 4 && std::string(argv[1]) == "query") return do_query(argv[2], argv[3]);
    } catch (const Xapian::Error &e) {
        std::cerr << "xapian_defaults: " << e.get_description() << "\n";
        return 1;
    }
    std::cerr << "usage: xapian_defaults index DUMP DBDIR | query DBDIR QUERIES\n";
    return 2;
}
