#include "filetype.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>


static int ends_with(const char *s, const char *suf) {
    size_t a = strlen(s), b = strlen(suf);
    return a >= b && strcasecmp(s + a - b, suf) == 0;
}

const char *fah_skip_by_name(const char *name) {
    static const struct { const char *ext; const char *why; } t[] = {
        {".md", "documentation (.md), not an article"},
        {".markdown", "documentation, not an article"},
        {".pdf", "PDF document: not read"},
        {".png", "image"}, {".jpg", "image"}, {".jpeg", "image"}, {".gif", "image"},
        {".webp", "image"}, {".bmp", "image"}, {".svg", "image"}, {".ico", "image"},
        {".doc", "office document: not read"}, {".docx", "office document: not read"},
        {".odt", "office document: not read"}, {".xls", "spreadsheet: not read"},
        {".xlsx", "spreadsheet: not read"}, {".ppt", "presentation: not read"},
        {".pptx", "presentation: not read"},
        {".tar.gz", "tar archive: not supported, unpack it first"},
        {".tgz", "tar archive: not supported, unpack it first"},
        {".tar", "tar archive: not supported, unpack it first"},
        {".zip", "zip archive: not supported, unpack it first"},
        {".7z", "7-Zip archive: not supported, unpack it first"},
        {".rar", "RAR archive: not supported, unpack it first"},
        {".bz2", "bzip2 file: not supported, decompress it first"},
        {".xz", "xz file: not supported, decompress it first"},
        {".mp3", "audio"}, {".mp4", "video"}, {".exe", "program"}, {".so", "program"},
        {".py", "program source, not an article"}, {".sh", "program source, not an article"},
    };
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
        if (ends_with(name, t[i].ext)) return t[i].why;
    return NULL;
}

