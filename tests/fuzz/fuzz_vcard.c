/* libFuzzer target for the vCard reader (base/vcard.h): any bytes, read card by card to the
 * end or to the first error, must neither crash nor leak. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "base/vcard.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct rp_vcard_reader *r = NULL;
    struct rp_vcard card;
    FILE *in = size ? fmemopen((void *)data, size, "rb") : fopen("/dev/null", "rb");
    if (!in)
        return 0;
    if (!rp_vcard_open(in, &r)) {
        while (rp_vcard_next(r, &card) > 0)
            for (size_t i = 0; i < RP_VC_NFIELDS; i++)
                if (card.v[i])
                    (void)strlen(card.v[i]);
        (void)rp_vcard_errmsg(r);
    }
    rp_vcard_free(r);
    fclose(in);
    return 0;
}
