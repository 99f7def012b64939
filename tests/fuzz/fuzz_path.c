/* Request paths against the route table, with every method: a path matches at most one
 * route, its {id} segments are positive, and nothing is read past the path. */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "http/http.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const methods[] = {"GET", "POST", "PATCH", "DELETE", "PUT"};
    char *url = fuzz_text(data, size);
    for (size_t m = 0; m < sizeof(methods) / sizeof(methods[0]); m++) {
        struct http_req req = {.url = url, .method = methods[m]};
        const struct http_route *route = NULL;
        unsigned status = http_route_find(&req, &route);
        assert(status == 0 || status == 404 || status == 405);
        if (!status) {
            assert(route && !strcmp(route->method, methods[m]));
            for (int i = 0; i < HTTP_MAX_PARAMS; i++)
                assert(req.ids[i] >= 0);
        }
    }
    free(url);
    return 0;
}
