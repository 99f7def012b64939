/* The template language of drafts (docs/drafts.md): text with {placeholder}s, sections
 * {#name}...{/name} shown only when the placeholder has a value and {^name}...{/name}
 * only when it has none, and {{ for a literal brace. Pure text work: no database. */
#ifndef RP_TEMPLATE_H
#define RP_TEMPLATE_H

#include <stddef.h>
#include <stdint.h>

struct rp_buf;

/* The placeholders, in the order of rp_tpl_names. */
enum rp_tpl_var {
    RP_V_FIRST_NAME,
    RP_V_CONTACT_NAME,
    RP_V_ACCOUNT,
    RP_V_DEAL,
    RP_V_SENDER,
    RP_V_SIGNATURE,
    RP_V_MADE_ON,
    RP_V_DUE_ON,
    RP_V_TOPIC,
    RP_V_TRIED,
    RP_V_MEETING_DAY,
    RP_V_MEETING_KIND,
    RP_V_MINUTES,
    RP_V_NEW_DAY_1,
    RP_V_NEW_DAY_2,
    RP_V_NEEDED_MINUTES,
    RP_V_INVOICE,
    RP_V_AMOUNT,
    RP_V_DAYS_LATE,
    RP_V_WON_ON,
    RP_V_COUNT
};

/* "first_name", ...; static. */
extern const char *const rp_tpl_names[RP_V_COUNT];

/* Values of the placeholders; NULL or "" is no value. Borrowed. */
struct rp_tpl_vars {
    const char *v[RP_V_COUNT];
};

/* Checks TEXT: every placeholder and section is known and has its bit (1u << var) in
 * ALLOWED, and sections close in order. 0 when it is well formed; else -1 with a message
 * in ERR (cut to SIZE), naming the offending placeholder and, for one not in ALLOWED,
 * WHAT ("followup-missed drafts") and the ones that are. */
int rp_tpl_check(const char *text, uint32_t allowed, const char *what, char *err, size_t size);

/* Appends TEXT with its placeholders filled from VARS (a checked TEXT: what is not
 * understood is copied as it stands). A day, a topic or a meeting kind that starts a
 * sentence (at the start, or after a line break or ". ", "! ", "? ") starts with a capital
 * letter; names are left as they are. 0, or -1 when out of memory. */
int rp_tpl_render(const char *text, const struct rp_tpl_vars *vars, struct rp_buf *out);

#endif
