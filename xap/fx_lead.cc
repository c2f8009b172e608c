// fx_lead.cc - the headline-and-lead weight (fx.h, "headline and lead"): a
// PostingSource over the value slot that common/lead.h lays out, weighting
// each article by whether and how early the query's words occur among its
// first words.

#include <xapian.h>

#include <new>
#include <string>
#include <vector>

#include "fx_internal.h"

namespace {

class LeadSource : public Xapian::ValuePostingSource {
    std::vector<uint16_t> hash;
    std::vector<double> share;
    double cover, early;

  public:
    LeadSource(unsigned slot, std::vector<uint16_t> h, std::vector<double> s, double c, double e)
        : Xapian::ValuePostingSource(slot), hash(std::move(h)), share(std::move(s)), cover(c),
          early(e) {
        set_maxweight(cover + early);
    }
    PostingSource *clone() const override { return new LeadSource(get_slot(), hash, share, cover, early); }
    void init(const Xapian::Database &d) override {
        Xapian::ValuePostingSource::init(d);
        set_maxweight(cover + early);  // init() may reset it
    }
    double get_weight() const override {
        const std::string v = get_value();
        double w = 0;
        for (size_t i = 0; i < hash.size(); i++) {
            unsigned char lo = (unsigned char)(hash[i] & 0xff), hi = (unsigned char)(hash[i] >> 8);
            for (size_t k = 0; k + 3 <= v.size(); k += 3) {
                if ((unsigned char)v[k] == lo && (unsigned char)v[k + 1] == hi) {
                    unsigned word = (unsigned char)v[k + 2];
                    w += share[i] * (cover + early / (1.0 + word));
                    break;  // entries hold first occurrences only
                }
            }
        }
        return w;
    }
    std::string get_description() const override { return "LeadSource()"; }
};

}  // namespace

fx_status fx_query_lead(unsigned slot, const uint16_t *hash, const double *share, size_t n,
                        double cover, double early, fx_query **out, fx_error *err) {
    *out = nullptr;
    FX_TRY
    std::vector<uint16_t> h(hash, hash + n);
    std::vector<double> s(share, share + n);
    LeadSource *src = new LeadSource(slot, std::move(h), std::move(s), cover, early);
    Xapian::Query q(src->release());
    *out = new fx_query{q};
    return FX_OK;
    FX_CATCH
}
