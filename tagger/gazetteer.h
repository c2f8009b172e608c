/*
 * gazetteer.h - the leaders, countries and topics fahras tags articles
 * with (docs/gazetteers.md: file format and meaning of each key).
 *
 * A gazetteer is built from the project's data files compiled into the
 * binary (the .tsv files of gazetteers/), ICU's Arabic country names
 * (uloc_getDisplayCountry(code, "ar") over uloc_getISOCountries()), and any
 * user files; every name form is analyzed with the same analyzer as
 * articles (display clean-up, word break, normalization, stemming), so the
 * tagger compares like with like.
 *
 * Entity keys (what terms, value blobs, JSON and --leader/--country/--topic
 * use): "L:<leader id>", "C:<ISO code>", "T:<topic id>".
 */
#ifndef FAHRAS_GAZETTEER_H
#define FAHRAS_GAZETTEER_H

#include <stddef.h>
#include <stdint.h>

#include "../common/buf.h"
#include "../stemmer/analyzer.h"

/* Raise with any change to the tagging rules (tagger.c) that changes tags. */
#define FAH_TAGGER_VERSION "1"

typedef enum fah_ent_kind { FAH_ENT_LEADER = 0, FAH_ENT_COUNTRY, FAH_ENT_TOPIC } fah_ent_kind;

typedef struct fah_entity {
    fah_ent_kind kind;
    char *id;        /* "emmanuel-macron", "FR", "water-crisis" */
    char *ar;        /* Arabic display name */
    char *en;        /* English name, or NULL */
    char *country;   /* leaders: ISO code or body, or NULL */
    char *roles;     /* leaders: role items as written, or NULL */
    int from, to;    /* leaders: first and last year in any role (to 9999: in
                        office); 0 and 9999 when no role is given */
} fah_entity;

/* How a phrase names its entity. */
typedef enum fah_form_kind {
    FAH_FORM_NAME = 0,   /* a name, alias, nisba form: a mention */
    FAH_FORM_TITLED,     /* counts only right after a title word */
    FAH_FORM_METONYM,    /* a capital / seat of power standing for a country */
    FAH_FORM_NOT,        /* a phrase that contains a name but is not a mention */
    FAH_FORM_TITLE,      /* a title word (الرئيس, وزير الخارجية): entity -1 */
    FAH_FORM_TRIGGER,    /* topic trigger (matched on stems) */
    FAH_FORM_STRONG      /* topic trigger that alone makes the topic */
} fah_form_kind;

typedef struct fah_gazetteer fah_gazetteer;

/* Build the gazetteer: ICU country names, the embedded files, then each of
 * the `nfiles` user files, then `stored` (stored_len bytes, may be NULL: the
 * user gazetteers a database keeps, fah_gazetteer_user_text).  Phrases are
 * analyzed with `an` (borrowed during the call only).  Returns 0, or -1 with
 * a message naming the file and line in errbuf. */
int fah_gazetteer_new(fah_analyzer *an, const char *const *files, size_t nfiles, const char *stored,
                      size_t stored_len, fah_gazetteer **out, char *errbuf, size_t errlen);

/* The user files as one text to keep in a database (each file's lines after
 * a "# from PATH" comment), so later runs and searches need not find the
 * files again.  0, or -1 with a message. */
int fah_gazetteer_user_text(const char *const *files, size_t nfiles, fah_buf *out, char *errbuf,
                            size_t errlen);
void fah_gazetteer_delete(fah_gazetteer *g);

/* Version of everything that decides tags: FAH_TAGGER_VERSION, the ICU
 * version, and a hash of the data of every file; stored in the database
 * (a change needs `index --full`).  Static storage inside g. */
const char *fah_gazetteer_version(const fah_gazetteer *g);

size_t fah_gazetteer_count(const fah_gazetteer *g);
const fah_entity *fah_gazetteer_entity(const fah_gazetteer *g, size_t i);

/* Entity index by key ("L:...", "C:...", "T:..."), or -1. */
long fah_gazetteer_find_key(const fah_gazetteer *g, const char *key);

/* Resolve what a user typed for --leader/--country/--topic: an id, an
 * English name (any case), or any Arabic name form or strong trigger
 * (analyzed like text).  Returns the entity index or -1; -2 when the name
 * fits several entities (then *other gets a second one). */
long fah_gazetteer_resolve(const fah_gazetteer *g, fah_analyzer *an, fah_ent_kind kind,
                           const char *name, long *other);

/* The key of entity i into buf ("L:emmanuel-macron"). */
void fah_gazetteer_key(const fah_gazetteer *g, size_t i, char *buf, size_t len);

/* ---- for the tagger ---- */

typedef struct fah_form {
    long entity;          /* entity index, -1 for a title word */
    fah_form_kind kind;
} fah_form;

/* Forms whose words (normalized, space-separated; first word without its
 * clitics) are exactly `key`; *n gets their number; NULL when none. */
const fah_form *fah_gazetteer_names(const fah_gazetteer *g, const char *key, size_t len, size_t *n);
/* Same over topic triggers, keyed by stems. */
const fah_form *fah_gazetteer_triggers(const fah_gazetteer *g, const char *key, size_t len, size_t *n);
/* Whether some name / trigger starts with this word (a cheap pre-check),
 * and the longest phrase in words. */
int fah_gazetteer_name_start(const fah_gazetteer *g, const char *word, size_t len);
int fah_gazetteer_trigger_start(const fah_gazetteer *g, const char *stem, size_t len);
unsigned fah_gazetteer_max_words(const fah_gazetteer *g);

#endif
