/*
 * entjson.h - the Contract's `entities` object of an article, from its
 * FAH_SLOT_ENTITIES blob (schema.h): {"leaders": [ids], "countries": [ISO
 * codes], "topics": [ids], "leader_candidates": [names]} (the last key an
 * extension of the Contract).
 */
#ifndef FAHRAS_ENTJSON_H
#define FAHRAS_ENTJSON_H

#include <jansson.h>

/* New reference; blob may be NULL (all lists empty). */
json_t *fah_entities_json(const char *blob);

#endif
