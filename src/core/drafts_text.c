/* The default drafts, in the words of a seasoned salesperson: direct is short and plain,
 * standard is warm and businesslike, gentle leaves the customer more room. Each names
 * only what happened: "I haven't been able to reach you" only after a touch that went
 * unanswered ({#tried}), and never the agreement's private note. docs/drafts.md lists
 * the placeholders. */
#include "core/drafts.h"
#include "core/template.h"

#define V(x) (1u << RP_V_##x)
#define COMMON (V(FIRST_NAME) | V(CONTACT_NAME) | V(ACCOUNT) | V(DEAL) | V(SENDER) | V(SIGNATURE))

/* Greetings by first name, and the closing lines, by style. */
#define HI_DIRECT "{#first_name}Hi {first_name},{/first_name}{^first_name}Hi,{/first_name}\n\n"
#define HI_STANDARD                                                                                \
    "{#first_name}Hello {first_name},{/first_name}{^first_name}Hello,{/first_name}\n\n"
#define HI_GENTLE "{#first_name}Dear {first_name},{/first_name}{^first_name}Hello,{/first_name}\n\n"
#define SIGNED "{#signature}\n{signature}{/signature}\n"
#define BYE_DIRECT "\n\nThanks" SIGNED
#define BYE_STANDARD "\n\nBest regards" SIGNED
#define BYE_GENTLE "\n\nWarm regards" SIGNED

#define ABOUT "{#topic} about {topic}{/topic}"

const struct rp_draft_kind_def rp_draft_defs[RP_DRAFT_KIND_COUNT] = {
    [RP_DRAFT_FOLLOWUP_MISSED] =
        {"followup-missed",
         COMMON | V(MADE_ON) | V(DUE_ON) | V(TOPIC) | V(TRIED),
         {{"Our call" ABOUT,
           HI_DIRECT "On {made_on} we agreed to talk again on {due_on}" ABOUT ". "
                     "{#tried}I haven't been able to reach you since. {/tried}"
                     "Does a short call this week work? Just send me a time." BYE_DIRECT},
          {"Our call, as agreed on {made_on}",
           HI_STANDARD "When we spoke on {made_on}, we agreed to talk again on {due_on}" ABOUT
                       ". {#tried}I haven't been able to reach you since, so I'm following up as "
                       "promised.{/tried}{^tried}I'm following up as promised.{/tried}\n\n"
                       "When would suit you for a short call this week?" BYE_STANDARD},
          {"Following up on our conversation of {made_on}", HI_GENTLE
           "I hope all is well. When we spoke on {made_on}, we agreed to talk again "
           "on {due_on}" ABOUT ". {#tried}I haven't been able to reach you since, and I "
           "know{/tried}{^tried}I know{/tried} how full the weeks can get, so there is no "
           "rush.\n\nWhenever it suits you, let me know a good time for a short call and I'll "
           "make it work." BYE_GENTLE}}},
    [RP_DRAFT_NO_SHOW] =
        {"no-show",
         COMMON | V(MEETING_DAY) | V(MEETING_KIND) | V(MINUTES) | V(NEW_DAY_1) | V(NEW_DAY_2),
         {{"A new time for our meeting",
           HI_DIRECT "We missed each other on {meeting_day}. Can we meet on {new_day_1} or "
                     "{new_day_2} instead? Tell me which works, or name another day." BYE_DIRECT},
          {"Our {meeting_kind} meeting of {meeting_day}", HI_STANDARD
           "I'm sorry we missed each other on {meeting_day}; I hope nothing "
           "serious came up. Shall we find a new time? I could do {new_day_1} or {new_day_2}. "
           "Let me know which suits you better, or suggest another day." BYE_STANDARD},
          {"Finding another time to meet", HI_GENTLE
           "I was sorry we couldn't meet on {meeting_day}, and I hope all is well on "
           "your side. I'd be glad to find another time whenever it suits you: {new_day_1} or "
           "{new_day_2} would work for me, but I'm happy to go with any day you "
           "prefer." BYE_GENTLE}}},
    [RP_DRAFT_TOO_SHORT] =
        {"meeting-too-short",
         COMMON | V(MEETING_DAY) | V(MEETING_KIND) | V(MINUTES) | V(NEEDED_MINUTES),
         {{"More time for our meeting on {meeting_day}?", HI_DIRECT
           "We have {minutes} minutes booked on {meeting_day}, and our "
           "{meeting_kind} meeting needs about {needed_minutes}. Can we move it to a day with "
           "the full {needed_minutes} minutes? If it's urgent, a quick call works too." BYE_DIRECT},
          {"Our {meeting_kind} meeting on {meeting_day}", HI_STANDARD
           "Thank you for making time on {meeting_day}. We have {minutes} minutes "
           "booked, and to do it justice our {meeting_kind} meeting takes about "
           "{needed_minutes} minutes. Would you be open to rescheduling to a day when we have "
           "the time it needs? If the matter is urgent, we could have a quick call before "
           "then instead." BYE_STANDARD},
          {"Our meeting on {meeting_day}", HI_GENTLE
           "Thank you again for finding time for us on {meeting_day}. I see we have "
           "{minutes} minutes, and I wouldn't want to rush you: our {meeting_kind} meeting "
           "usually takes about {needed_minutes} minutes. Would a day with a little more room "
           "suit you better? And if anything is urgent, I'm happy to have a quick call before "
           "then." BYE_GENTLE}}},
    [RP_DRAFT_PAYMENT_LATE] =
        {"payment-late",
         COMMON | V(INVOICE) | V(AMOUNT) | V(DUE_ON) | V(DAYS_LATE),
         {{"Our invoice{#invoice} {invoice}{/invoice} is overdue", HI_DIRECT
           "Our invoice{#invoice} {invoice}{/invoice} for {amount} was due on "
           "{due_on} and is still open. Could you check on it and tell me when it will be "
           "paid? If it's already on its way, thank you, and please ignore this." BYE_DIRECT},
          {"Our invoice{#invoice} {invoice}{/invoice}", HI_STANDARD
           "A quick note about our invoice{#invoice} {invoice}{/invoice} for "
           "{amount}, which was due on {due_on}. I can't see the payment yet; could you check "
           "that it reached the right person? If it's already on its way, thank you, and "
           "please disregard this message." BYE_STANDARD},
          {"A small question about our invoice{#invoice} {invoice}{/invoice}", HI_GENTLE
           "I hope all is going well. Our invoice{#invoice} {invoice}{/invoice} for "
           "{amount}, due on {due_on}, still shows as open on our side. It may simply have "
           "crossed paths with this note or landed in the wrong inbox; if it helps, I'm happy "
           "to send it again to whoever handles payments." BYE_GENTLE}}},
    [RP_DRAFT_CHECKIN] =
        {"checkin-due",
         COMMON,
         {{"Checking in",
           HI_DIRECT "A quick check-in: how is everything going? Has anything changed on your "
                     "side, new people or new plans, where I can help?" BYE_DIRECT},
          {"How are things at {account}?", HI_STANDARD
           "It has been a little while since we last spoke, so I wanted to check "
           "in. How is everything working for you? If anything has changed, new people, new "
           "plans or something we could do better, I'd like to hear about it.\n\n"
           "Would a short call in the next few weeks be useful?" BYE_STANDARD},
          {"Thinking of you at {account}", HI_GENTLE
           "I hope you and the team are doing well. There is no particular reason "
           "for my note; I simply wanted to hear how things are going and whether there is "
           "anything I can do for you. Whenever you have a moment, I'd be glad to hear from "
           "you." BYE_GENTLE}}},
    [RP_DRAFT_THANK_YOU] =
        {"thank-you",
         COMMON | V(WON_ON),
         {{"Thank you", HI_DIRECT
           "Thank you for choosing us for {deal}. We'll make sure the start goes "
           "smoothly. If it helps your team, I can run a short session to get everyone going; "
           "just say when." BYE_DIRECT},
          {"Thank you for your trust", HI_STANDARD
           "Thank you for choosing us for {deal}; we are glad to be working with "
           "you. To get everyone off to a good start, I'd be happy to arrange a short coaching "
           "session for your team. Just let me know what suits you.\n\n"
           "And if anything comes up along the way, I'm only a call away." BYE_STANDARD},
          {"With heartfelt thanks", HI_GENTLE
           "Thank you so much for the trust you have placed in us with {deal}. It "
           "means a great deal to us. Whenever your team is ready, I'd love to offer a little "
           "coaching to help everyone settle in, at whatever pace suits you. And please never "
           "hesitate to call if anything comes up." BYE_GENTLE}}},
    [RP_DRAFT_PUSH] =
        {"push",
         COMMON,
         {{"{deal}: closing the file", HI_DIRECT
           "Our proposal for {deal} covered what you asked for, and I haven't heard "
           "back, so I assume you went with another provider. That's fine.\n\n"
           "One question: whom did you choose, and where did their offer have the advantage? "
           "I won't follow up on this again." BYE_DIRECT},
          {"{deal}: may I close the file?", HI_STANDARD
           "I believe our proposal for {deal} answered everything you needed. As I "
           "haven't heard back, I assume you have chosen another provider, and that is "
           "fine.\n\nMay I ask whom you chose, and where their offer had the advantage? Your "
           "answer helps us get better, and I won't follow up on this again.\n\n"
           "Thank you for your time, and all the best" SIGNED},
          {"{deal}: shall I close the file?", HI_GENTLE
           "I hope all is well. I believe our proposal for {deal} covered everything "
           "you were looking for, and since I haven't heard back, I assume you have decided on "
           "another provider. That is completely fine.\n\n"
           "If you could spare a moment, I'd be grateful to know whom you chose and where "
           "their offer had the advantage; it helps us get better. I won't follow up on this "
           "again.\n\nWith thanks for your time, and all the best" SIGNED}}},
};
