/* libFuzzer target for the CSV reader (base/csv.h): any bytes, read to the end or to the
 * first error, must neither crash nor leak, and every row it answers must be whole text. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "base/csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct rp_csv *csv = NULL;
    struct rp_csv_row row;
    FILE *in = size ? fmemopen((void *)data, size, "rb") : fopen("/dev/null", "rb");
    if (!in)
        return 0;
    if (!rp_csv_open(in, &csv)) {
        while (rp_csv_next(csv, &row) > 0)
            for (size_t i = 0; i < row.n; i++)
                (void)strlen(row.fields[i]);
        (void)rp_csv_errmsg(csv);
        (void)rp_csv_encoding(csv);
    }
    rp_csv_free(csv);
    fclose(in);
    return 0;
}
