/* Numbers and money as typed by users and sent by clients: the checked parsers must accept
 * only what they document and stay within their bounds. */
#include <assert.h>
#include <stdlib.h>

#include "base/parse.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = fuzz_text(data, size);
    int64_t v = 12345;
    int t;
    if (!rp_parse_int64(s, 1, 100, &v))
        assert(v >= 1 && v <= 100);
    if (!rp_parse_int64(s, INT64_MIN, INT64_MAX, &v))
        assert(s[0] == '-' || (s[0] >= '0' && s[0] <= '9'));
    v = -1;
    if (!rp_parse_money(s, &v))
        assert(v >= 0 && v <= RP_MONEY_MAX);
    if (!rp_parse_tristate(s, &t))
        assert(t >= -1 && t <= 1);
    (void)rp_valid_email(s);
    (void)rp_valid_currency(s);
    (void)rp_valid_text(s);
    free(s);
    return 0;
}
