/* Tests for the growable, capped string buffer in base/buf.c. */
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "base/buf.h"
#include "base/error.h"

Test(buf, empty_buffer_reads_as_empty_string)
{
    struct rp_buf b = RP_BUF_INIT;
    cr_assert_str_eq(rp_buf_str(&b), "");
    cr_assert_eq(b.len, 0);
    cr_assert_eq(b.max, RP_BUF_DEFAULT_MAX);
    rp_buf_release(&b);
    rp_buf_release(&b); /* releasing twice is harmless */
    cr_assert_str_eq(rp_buf_str(&b), "");
}

Test(buf, appends)
{
    struct rp_buf b;
    rp_buf_init(&b, 1024);
    cr_assert_eq(rp_buf_adds(&b, "hello"), RP_OK);
    cr_assert_eq(rp_buf_addc(&b, ','), RP_OK);
    cr_assert_eq(rp_buf_add(&b, " world!!!", 6), RP_OK);
    cr_assert_eq(rp_buf_add(&b, NULL, 0), RP_OK);
    cr_assert_str_eq(rp_buf_str(&b), "hello, world");
    cr_assert_eq(b.len, 12);
    cr_assert_eq(b.data[b.len], '\0');
    rp_buf_release(&b);
}

Test(buf, empty_append_terminates)
{
    struct rp_buf b = RP_BUF_INIT;
    cr_assert_eq(rp_buf_adds(&b, ""), RP_OK);
    cr_assert_not_null(b.data);
    cr_assert_str_eq(b.data, "");
    rp_buf_release(&b);
}

Test(buf, binary_bytes)
{
    struct rp_buf b = RP_BUF_INIT;
    cr_assert_eq(rp_buf_add(&b, "a\0b", 3), RP_OK);
    cr_assert_eq(b.len, 3);
    cr_assert_eq(memcmp(b.data, "a\0b", 4), 0);
    rp_buf_release(&b);
}

Test(buf, grows_past_many_reallocations)
{
    struct rp_buf b = RP_BUF_INIT;
    for (int i = 0; i < 10000; i++)
        cr_assert_eq(rp_buf_addc(&b, (char)('a' + i % 26)), RP_OK);
    cr_assert_eq(b.len, 10000);
    cr_assert_eq(strlen(b.data), 10000);
    cr_assert_geq(b.cap, b.len + 1);
    for (int i = 0; i < 10000; i++)
        cr_assert_eq(b.data[i], (char)('a' + i % 26), "byte %d", i);
    rp_buf_release(&b);
}

Test(buf, addf)
{
    struct rp_buf b = RP_BUF_INIT;
    cr_assert_eq(rp_buf_addf(&b, "%s=%d", "n", 42), RP_OK);
    cr_assert_eq(rp_buf_addf(&b, "%s", ""), RP_OK);
    cr_assert_eq(rp_buf_addf(&b, ";%05.1f;%c", 3.14159, 'x'), RP_OK);
    cr_assert_str_eq(rp_buf_str(&b), "n=42;003.1;x");
    cr_assert_eq(b.len, strlen("n=42;003.1;x"));

    /* Longer than any initial allocation, so vaddf has to grow before it prints. */
    char big[5000];
    memset(big, 'z', sizeof(big) - 1);
    big[sizeof(big) - 1] = '\0';
    cr_assert_eq(rp_buf_addf(&b, "[%s]", big), RP_OK);
    cr_assert_eq(b.len, 12 + 2 + 4999);
    cr_assert_eq(b.data[12], '[');
    cr_assert_eq(b.data[b.len - 1], ']');
    cr_assert_eq(b.data[b.len], '\0');
    rp_buf_release(&b);
}

Test(buf, addf_past_max_leaves_the_text_as_it_was)
{
    struct rp_buf b;
    rp_buf_init(&b, 10);
    cr_assert_eq(rp_buf_adds(&b, "abc"), RP_OK);
    cr_assert_gt(b.cap, 10, "room to print into beyond max");
    cr_assert_eq(rp_buf_addf(&b, "%s", "12345678"), RP_ERR_INVALID);
    cr_assert_str_eq(rp_buf_str(&b), "abc");
    cr_assert_eq(b.len, 3);
    cr_assert_eq(rp_buf_addf(&b, "%d", 1234567), RP_OK);
    cr_assert_str_eq(rp_buf_str(&b), "abc1234567");
    rp_buf_release(&b);
}

Test(buf, addf_on_empty_buffer_with_empty_result)
{
    struct rp_buf b = RP_BUF_INIT;
    cr_assert_eq(rp_buf_addf(&b, "%s", ""), RP_OK);
    cr_assert_eq(b.len, 0);
    cr_assert_str_eq(rp_buf_str(&b), "");
    rp_buf_release(&b);
}

Test(buf, cap_allows_exactly_max)
{
    struct rp_buf b;
    rp_buf_init(&b, 8);
    cr_assert_eq(rp_buf_adds(&b, "1234"), RP_OK);
    cr_assert_eq(rp_buf_adds(&b, "5678"), RP_OK);
    cr_assert_eq(b.len, 8);
    cr_assert_str_eq(b.data, "12345678");
    cr_assert_eq(rp_buf_add(&b, "", 0), RP_OK); /* nothing more is still allowed */
    cr_assert_neq(rp_buf_addc(&b, '9'), RP_OK);
    rp_buf_release(&b);
}

/* Every way of appending past max fails and leaves the contents as they were. */
Test(buf, cap_enforced_and_buffer_unchanged)
{
    struct rp_buf b;
    rp_buf_init(&b, 10);
    cr_assert_eq(rp_buf_adds(&b, "abcdef"), RP_OK);

    cr_assert_eq(rp_buf_adds(&b, "ghijk"), RP_ERR_INVALID);
    cr_assert_eq(rp_buf_add(&b, "ghijklmnop", 10), RP_ERR_INVALID);
    cr_assert_eq(rp_buf_add(&b, "x", (size_t)-1), RP_ERR_INVALID); /* no size_t wrap */
    cr_assert_eq(rp_buf_addf(&b, "%s", "ghijk"), RP_ERR_INVALID);
    cr_assert_eq(rp_buf_addf(&b, "%d", 12345), RP_ERR_INVALID);
    cr_assert_eq(b.len, 6);
    cr_assert_str_eq(rp_buf_str(&b), "abcdef");

    cr_assert_eq(rp_buf_addf(&b, "%d", 1234), RP_OK);
    cr_assert_str_eq(rp_buf_str(&b), "abcdef1234");
    cr_assert_neq(rp_buf_addc(&b, 'x'), RP_OK);
    cr_assert_str_eq(rp_buf_str(&b), "abcdef1234");
    rp_buf_release(&b);
}

Test(buf, zero_max_accepts_nothing)
{
    struct rp_buf b;
    rp_buf_init(&b, 0);
    cr_assert_neq(rp_buf_addc(&b, 'a'), RP_OK);
    cr_assert_eq(b.len, 0);
    cr_assert_str_eq(rp_buf_str(&b), "");
    rp_buf_release(&b);
}

Test(buf, release_keeps_max)
{
    struct rp_buf b;
    rp_buf_init(&b, 4);
    cr_assert_eq(rp_buf_adds(&b, "abcd"), RP_OK);
    rp_buf_release(&b);
    cr_assert_eq(b.max, 4);
    cr_assert_null(b.data);
    cr_assert_eq(b.len, 0);
    cr_assert_neq(rp_buf_adds(&b, "abcde"), RP_OK);
    cr_assert_eq(rp_buf_adds(&b, "abcd"), RP_OK);
    rp_buf_release(&b);
}

Test(buf, reset)
{
    struct rp_buf b;
    rp_buf_init(&b, 6);
    rp_buf_reset(&b); /* on a buffer that never allocated */
    cr_assert_str_eq(rp_buf_str(&b), "");
    cr_assert_eq(rp_buf_adds(&b, "abcdef"), RP_OK);
    rp_buf_reset(&b);
    cr_assert_eq(b.len, 0);
    cr_assert_str_eq(rp_buf_str(&b), "");
    /* The cap counts what is in the buffer now, not what was ever appended. */
    cr_assert_eq(rp_buf_adds(&b, "uvwxyz"), RP_OK);
    cr_assert_str_eq(rp_buf_str(&b), "uvwxyz");
    rp_buf_release(&b);
}

Test(buf, detach)
{
    struct rp_buf b;
    rp_buf_init(&b, 100);
    cr_assert_eq(rp_buf_adds(&b, "owned text"), RP_OK);
    char *s = rp_buf_detach(&b);
    cr_assert_str_eq(s, "owned text");
    cr_assert_null(b.data);
    cr_assert_eq(b.len, 0);
    cr_assert_eq(b.cap, 0);
    cr_assert_eq(b.max, 100);
    cr_assert_str_eq(rp_buf_str(&b), "");

    /* The buffer is reusable and independent of the detached string. */
    cr_assert_eq(rp_buf_adds(&b, "again"), RP_OK);
    cr_assert_str_eq(s, "owned text");
    cr_assert_str_eq(rp_buf_str(&b), "again");
    free(s);
    rp_buf_release(&b);
}

Test(buf, detach_empty_is_never_null)
{
    struct rp_buf b = RP_BUF_INIT;
    char *s = rp_buf_detach(&b);
    cr_assert_not_null(s);
    cr_assert_str_eq(s, "");
    free(s);
    rp_buf_release(&b);
}

/* A message may quote the one it replaces (rp_db_errmsg as an argument), as the restore
 * of a backup does: it was garbled, and could be read after its buffer grew. */
Test(error, a_message_may_quote_the_one_it_replaces)
{
    struct rp_error e;
    rp_error_init(&e);
    rp_error_set(&e, RP_ERR_INVALID, "name", "name must not be empty");
    rp_error_set(&e, RP_ERR_INVALID, NULL, "cannot restore accounts[%d] (%s)", 0, e.msg.data);
    cr_assert_str_eq(rp_buf_str(&e.msg), "cannot restore accounts[0] (name must not be empty)");
    rp_error_release(&e);
}
