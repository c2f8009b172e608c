// termgen_bench.cc - the peer of analyzer_bench.c: Xapian's own
// TermGenerator with Stem("arabic") (its defaults: STEM_SOME, positions)
// producing terms for the same articles into an in-memory Xapian::Document,
// no database.  Usage: termgen_bench FILE [REPEAT]
#include <xapian.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>

int main(int argc, char **argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: termgen_bench FILE [REPEAT]\n");
        return 2;
    }
    int repeat = argc > 2 ? std::atoi(argv[2]) : 1;
    std::ifstream f(argv[1], std::ios::binary);
    if (!f) {
        std::perror(argv[1]);
        return 1;
    }
    std::stringstream ss;
    ss << f.rdbuf();
    const std::string in = ss.str();
    try {
        Xapian::TermGenerator tg;
        tg.set_stemmer(Xapian::Stem("arabic"));
        size_t articles = 0;
        auto t0 = std::chrono::steady_clock::now();
        for (int r = 0; r < repeat; r++) {
            size_t p = 0;
            while (p < in.size()) {
                size_t e = in.find('\x1e', p);
                if (e == std::string::npos) e = in.size();
                Xapian::Document doc;
                tg.set_document(doc);
                tg.index_text(Xapian::Utf8Iterator(in.data() + p, e - p));
                articles++;
                p = e + 1;
            }
        }
        double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        double mb = double(in.size()) * repeat / 1e6;
        std::printf("xapian-termgenerator\tbytes %zu\tarticles %zu\tseconds %.3f\tMB/s %.2f\n",
                    in.size() * size_t(repeat), articles, secs, mb / secs);
    } catch (const Xapian::Error &e) {
        std::fprintf(stderr, "%s\n", e.get_description().c_str());
        return 1;
    }
    return 0;
}
