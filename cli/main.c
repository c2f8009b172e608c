/*
 * main.c - the fahras binary: a git-style table of subcommands.
 */
#include <stdio.h>
#include <string.h>
#include <unicode/uversion.h>

#include "../common/commands.h"
#include "../common/exitcodes.h"
#include "../stemmer/analyzer.h"
#include "../xap/fx.h"

typedef struct command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} command;

static const command commands[] = {
    {"index", fah_cmd_index, "index the articles under one or more directories"},
    {"search", fah_cmd_search, "rank articles for a query and print snippets"},
    {"similar", fah_cmd_similar, "articles like a given one (query expansion from its terms)"},
    {"facets", fah_cmd_facets, "the leaders, countries, topics, sources and months of the matches"},
    {"show", fah_cmd_show, "print stored articles whole, by id"},
    {"stats", fah_cmd_stats, "what a database holds, and its last index run"},
    {"check", fah_cmd_check, "check a database's consistency"},
    {"compact", fah_cmd_compact, "rewrite the database compactly (smaller on disk)"},
    {"analyze", fah_cmd_analyze, "show how text is split, normalized and stemmed"},
};

void fah_print_version(void) {
    char icu[U_MAX_VERSION_STRING_LENGTH];
    UVersionInfo v;
    u_getVersion(v);
    u_versionToString(v, icu);
    printf("fahras %s (analyzer %s, Xapian %s, ICU %s)\n", FAHRAS_VERSION, FAH_ANALYZER_VERSION,
           fx_xapian_version(), icu);
}

static void usage(FILE *to) {
    fprintf(to, "usage: fahras COMMAND [--db PATH] [options] [args]\n\ncommands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(to, "  %-8s %s\n", commands[i].name, commands[i].summary);
    fprintf(to, "\n'fahras COMMAND --help' describes a command; 'fahras --version'.\n");
}

int main(int argc, char **argv) {
    if (argc < 2) {
        usage(stderr);
        return FAH_EXIT_USAGE;
    }
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
        usage(stdout);
        return FAH_EXIT_OK;
    }
    if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "version")) {
        fah_print_version();
        return FAH_EXIT_OK;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (!strcmp(argv[1], commands[i].name)) {
            /* getopt prefixes its messages with argv[0]: "fahras index: ..." */
            char name[64];
            snprintf(name, sizeof name, "fahras %s", commands[i].name);
            argv[1] = name;
            return commands[i].run(argc - 1, argv + 1);
        }
    fprintf(stderr, "fahras: unknown command '%s'\n", argv[1]);
    usage(stderr);
    return FAH_EXIT_USAGE;
}
