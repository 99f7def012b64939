/* Drafts the core composes for the agenda; rp_push_draft is public (rapport.h). */
#ifndef RP_DRAFTS_H
#define RP_DRAFTS_H

#include "rapport/rapport.h"

/* Practice 3: reminds them of the agreement made on MADE_ON for DUE_ON, addressed to
 * CONTACT (else the primary contact or a decision maker). */
enum rp_status rp_followup_draft(struct rp_db *db, int64_t account, int64_t contact,
                                 int64_t made_on, int64_t due_on, const char *note,
                                 struct rp_draft *out);

#endif
