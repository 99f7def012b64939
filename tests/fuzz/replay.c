/* Replays a fuzz target's corpus without libFuzzer: each file named on the command line,
 * or each file of each directory named, goes once through LLVMFuzzerTestOneInput. So the
 * corpora run in every `make test` on any compiler, and every crash once found stays
 * fixed. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

static int replay_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "replay: cannot open '%s'\n", path);
        return -1;
    }
    size_t cap = 1 << 16, n = 0;
    uint8_t *data = malloc(cap);
    size_t got;
    while (data && (got = fread(data + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            uint8_t *more = realloc(data, cap *= 2);
            if (!more) {
                free(data);
                data = NULL;
            }
            data = more;
        }
    }
    fclose(f);
    if (!data)
        return -1;
    LLVMFuzzerTestOneInput(data, n);
    free(data);
    return 0;
}

static int replay_dir(const char *dir, int *count)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char path[4096];
    if (!d)
        return replay_file(dir) ? -1 : (++*count, 0);
    while ((e = readdir(d))) {
        struct stat st;
        snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
        if (e->d_name[0] == '.' || stat(path, &st) || !S_ISREG(st.st_mode))
            continue;
        if (replay_file(path)) {
            closedir(d);
            return -1;
        }
        ++*count;
    }
    closedir(d);
    return 0;
}

int main(int argc, char **argv)
{
    int count = 0;
    for (int i = 1; i < argc; i++)
        if (replay_dir(argv[i], &count))
            return 1;
    printf("replayed %d input%s\n", count, count == 1 ? "" : "s");
    return count ? 0 : 1;
}
