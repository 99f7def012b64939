/* Dates and instants from outside: whatever parses must be within the years a date can be
 * written in, and read back the same once formatted. */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = fuzz_text(data, size);
    char text[RP_INSTANT_LEN], day[RP_DATE_LEN];
    int64_t v, again;
    if (!rp_date_parse(s, &v)) {
        assert(v >= rp_days_from_civil(1900, 1, 1) && v <= RP_DAY_MAX);
        rp_date_format(v, day);
        assert(!strcmp(day, s));
    }
    if (!rp_instant_parse(s, &v)) {
        rp_instant_format(v, text);
        assert(!rp_instant_parse(text, &again) && again == v);
        assert(rp_local_date(v) <= RP_DAY_MAX + 1);
    }
    free(s);
    return 0;
}
