#include "entjson.h"

#include <string.h>

json_t *fah_entities_json(const char *blob) {
    json_t *ent = json_object(), *L = json_array(), *C = json_array(), *T = json_array(), *K = json_array();
    for (const char *p = blob ? blob : ""; *p;) {
        const char *nl = strchr(p, '\n');
        size_t l = nl ? (size_t)(nl - p) : strlen(p);
        const char *eq = memchr(p, '=', l);
        if (l > 2 && p[1] == ':' && eq) {
            json_t *id = json_stringn(p + 2, (size_t)(eq - p - 2));
            json_t *dst = p[0] == 'L' ? L : p[0] == 'C' ? C : p[0] == 'T' ? T : p[0] == 'K' ? K : NULL;
            if (dst && id) json_array_append_new(dst, id);
            else json_decref(id);
        }
        p += l + (nl ? 1 : 0);
    }
    json_object_set_new(ent, "leaders", L);
    json_object_set_new(ent, "countries", C);
    json_object_set_new(ent, "topics", T);
    json_object_set_new(ent, "leader_candidates", K);
    return ent;
}
