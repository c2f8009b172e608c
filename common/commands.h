/*
 * commands.h - the subcommands of the fahras binary (git-style table in
 * cli/main.c).  Each takes the arguments after its name (argv[0] is the
 * command name) and returns an exit code from exitcodes.h.
 */
#ifndef FAHRAS_COMMANDS_H
#define FAHRAS_COMMANDS_H

#define FAHRAS_VERSION "0.1.0"

int fah_cmd_index(int argc, char **argv);
int fah_cmd_search(int argc, char **argv);
int fah_cmd_facets(int argc, char **argv);
int fah_cmd_similar(int argc, char **argv);
int fah_cmd_analyze(int argc, char **argv);
int fah_cmd_show(int argc, char **argv);
int fah_cmd_stats(int argc, char **argv);
int fah_cmd_check(int argc, char **argv);
int fah_cmd_compact(int argc, char **argv);

/* Options shared by stats and check: --db PATH, --json, --help, --version,
 * no arguments.  Returns 0 to go on, a negative number after --help or
 * --version (exit 0), or FAH_EXIT_USAGE (message printed). */
int fah_parse_db_opts(int argc, char **argv, const char *usage, const char **dbopt, int *json);

/* Print "fahras VERSION (analyzer N, Xapian V, ICU V)" to stdout. */
void fah_print_version(void);

#endif
