#!/usr/bin/env bash
# Drafts (docs/drafts.md): a draft for every agenda kind that calls for a message, in each
# persistence style, addressed by first name to the person the agreement or meeting was
# with; the agreement's note never in a message, its topic quoted; "I haven't been able to
# reach you" only after an unanswered touch; dates in the locale; the signature; and the
# templates the drafts come from (rapport template list|show|edit|reset).
source "${TESTLIB:-${BASH_SOURCE[0]%/*}/lib.sh}"
source "${BASH_SOURCE[0]%/*}/today_lib.sh"

# An account of style $2 named $1 with Pia (primary), Carl and Nora (phone only): $A, $PIA,
# $CARL, $NORA.
people()
{
    mk account add "$1" --style "$2"; A=$ID
    mk contact add "Pia Primus" --account $A --email "pia@$2.test" --primary; PIA=$ID
    mk contact add "Dr. Carl Weber" --account $A --email "carl@$2.test"; CARL=$ID
    mk contact add "Nora Ohnemail" --account $A --phone "+41 1 234"; NORA=$ID
}

# Agreed on Monday the 16th to speak again on Wednesday the 18th, with Carl, about the
# partner meeting; missed in every style by Monday the 23rd (counting every day as a
# working day: working weeks are t-today-followup's).
on 2026-11-16
ok config set workdays mon-sun
people "Direkt GmbH" direct; AD=$A
mk deal add "Direct deal" --account $AD; DD=$ID
mk agree --deal $DD --on 2026-11-18 --contact $CARL --topic "the partner meeting" \
    --note "PRIVATE: he hates our pricing"
is .topic "the partner meeting"
is .note "PRIVATE: he hates our pricing"
mk meet add --deal $DD --at 2026-11-26T10:00:00Z --minutes 30 --kind intro --contact $PIA
people "Standard Ltd" standard; AS=$A; NS=$NORA
mk deal add "Standard deal" --account $AS; DS=$ID
mk agree --deal $DS --on 2026-11-18 --contact $CARL --topic "the partner meeting" \
    --note "PRIVATE: budget is 40k"
mk deal add "Tried deal" --account $AS; DT=$ID
mk agree --deal $DT --on 2026-11-18 --contact $NS --note "PRIVATE: call after 5"
mk deal add "No-show deal" --account $AS; DN=$ID
mk meet add --deal $DN --at 2026-11-20T10:00:00Z --minutes 60 --kind demo --contact $CARL; MN=$ID
mk invoice add --account $AS --amount 300 --due 2026-11-20
people "Gentle & Sons" gentle; AG=$A
mk deal add "Gentle deal" --account $AG; DG=$ID
mk agree --deal $DG --on 2026-11-18 --contact $CARL --topic "the partner meeting" \
    --note "PRIVATE: wife is ill"
mk invoice add --account $AG --amount 1200 --due 2026-11-20 --number 2026-17
people "Customer AG" standard; AC=$A
mk deal add "Lab suite" --account $AC; DC=$ID
ok checkin --account $AC --every 30

on 2026-11-17
ok log --deal $DT --kind call --dir out --outcome no-answer --contact $NS
on 2026-11-20
ok meet no-show $MN
ok won --deal $DC

on 2026-11-23
agenda
items d$DD "meeting-too-short followup-missed"
items d$DS "followup-missed"
items d$DT "followup-missed"
items d$DN "no-show"
items a$AS "payment-late"
items a$AG "payment-late"
items d$DC "thank-you"
items a$AC "checkin-due"

# ---- every draft: the note never, capitals at sentence starts, from someone --------------
check 'all("draft" in it for it in items if it["kind"] != "no-next-step")'
check 'all("PRIVATE" not in json.dumps(it.get("draft")) for it in items)'
check 'not [it["draft"]["body"] for it in items if "draft" in it and
            __import__("re").search(r"(^|\n|[.!?] )[a-z]", it["draft"]["body"])]'
check 'all(it["draft"]["subject"] and "{" not in it["draft"]["subject"] + it["draft"]["body"]
           for it in items if "draft" in it)'
# Nobody was tried but on the tried deal: nobody else is told "couldn'"'"'t reach you".
check '[it["deal_id"] for it in items if "reach you" in it.get("draft", {}).get("body", "")]
       == ['$DT']'

# ---- followup-missed, by style -----------------------------------------------------------
check 'one("followup-missed", '$DD')["draft"]["to"] == ["carl@direct.test"]'
check 'one("followup-missed", '$DD')["draft"]["subject"] == "Our call about the partner meeting"'
check 'one("followup-missed", '$DD')["draft"]["body"] == "Hi Carl,\n\nOn Monday, November 16 we "
       "agreed to talk again on Wednesday, November 18 about the partner meeting. Does a short "
       "call this week work? Just send me a time.\n\nThanks\n"'
check 'one("followup-missed", '$DS')["draft"]["subject"] == "Our call, as agreed on Monday, November 16"'
check 'one("followup-missed", '$DS')["draft"]["body"] == "Hello Carl,\n\nWhen we spoke on Monday, "
       "November 16, we agreed to talk again on Wednesday, November 18 about the partner "
       "meeting. I'"'"'m following up as promised.\n\nWhen would suit you for a short call this "
       "week?\n\nBest regards\n"'
check 'one("followup-missed", '$DG')["draft"]["body"].startswith("Dear Carl,\n\nI hope all is well. ")'
check '"about the partner meeting. I know how full the weeks can get, so there is no rush."
       in one("followup-missed", '$DG')["draft"]["body"]'
# Agreed with Nora, who has no address: to the primary, Pia, and no topic to quote.
check 'one("followup-missed", '$DT')["draft"]["to"] == ["pia@standard.test"]'
check 'one("followup-missed", '$DT')["draft"]["body"].startswith("Hello Pia,\n\n")'
check '"November 18. I haven'"'"'t been able to reach you since, so I'"'"'m following up as promised."
       in one("followup-missed", '$DT')["draft"]["body"]'

# ---- the other kinds ---------------------------------------------------------------------
check 'one("no-show", '$DN')["draft"]["to"] == ["carl@standard.test"]'
check 'one("no-show", '$DN')["draft"]["subject"] == "Our demo meeting of Friday, November 20"'
check '"I could do Wednesday, November 25 or Thursday, November 26." in
       one("no-show", '$DN')["draft"]["body"]'
check 'one("meeting-too-short", '$DD')["draft"]["to"] == ["pia@direct.test"]'
check 'one("meeting-too-short", '$DD')["draft"]["body"] == "Hi Pia,\n\nWe have 30 minutes booked "
       "on Thursday, November 26, and our introductory meeting needs about 60. Can we move it "
       "to a day with the full 60 minutes? If it'"'"'s urgent, a quick call works too.\n\nThanks\n"'
check 'one("payment-late", account='$AG')["draft"]["to"] == ["pia@gentle.test"]'
check 'one("payment-late", account='$AG')["draft"]["subject"] ==
       "A small question about our invoice 2026-17"'
check '"Our invoice 2026-17 for 1,200.00 USD, due on Friday, November 20, still shows as open"
       in one("payment-late", account='$AG')["draft"]["body"]'
check 'one("payment-late", account='$AS')["draft"]["subject"] == "Our invoice"'
check '"our invoice for 300.00 USD, which was due on Friday, November 20" in
       one("payment-late", account='$AS')["draft"]["body"]'
check 'one("checkin-due", account='$AC')["draft"]["subject"] == "How are things at Customer AG?"'
check 'one("checkin-due", account='$AC')["draft"]["to"] == ["pia@standard.test"]'
check 'one("thank-you", '$DC')["draft"]["subject"] == "Thank you for your trust"'
check '"Thank you for choosing us for Lab suite" in one("thank-you", '$DC')["draft"]["body"]'
check 'one("thank-you", '$DC')["draft"]["cc"] == []'

# ---- signature and locale ------------------------------------------------------------------
ok config set draft.signature "$(printf 'Maria Rossi\nRossi & Co')"
agenda
check 'one("followup-missed", '$DS')["draft"]["body"].endswith("Best regards\nMaria Rossi\nRossi & Co\n")'
check 'one("followup-missed", '$DD')["draft"]["body"].endswith("Thanks\nMaria Rossi\nRossi & Co\n")'
ok config set draft.signature
ok config set draft.sender "Maria Rossi"
agenda
check 'one("followup-missed", '$DS')["draft"]["body"].endswith("Best regards\nMaria Rossi\n")'
ok config set draft.sender
ok config set draft.locale en-GB
agenda
check 'one("followup-missed", '$DS')["draft"]["subject"] == "Our call, as agreed on Monday 16 November"'
ok config set draft.locale de-DE
agenda
check 'one("followup-missed", '$DS')["draft"]["subject"] == "Our call, as agreed on Montag, 16. November"'
check '"für" not in one("payment-late", account='$AG')["draft"]["body"]'
check '"for 1.200,00 USD" in one("payment-late", account='$AG')["draft"]["body"]'
ok config set draft.locale fr-FR
agenda
check 'one("followup-missed", '$DS')["draft"]["subject"] == "Our call, as agreed on lundi 16 novembre"'
check '"I could do mercredi 25 novembre or jeudi 26 novembre." in one("no-show", '$DN')["draft"]["body"]'
same_db fails 4 config set draft.locale fr
has_err "invalid value 'fr' for draft.locale"
ok config set draft.locale

# ---- templates ---------------------------------------------------------------------------
ok template list
has "followup-missed    direct"
ok template list --json
is 'len(d)' 21
is '[t["custom"] for t in d].count(True)' 0
ok template show followup-missed --style gentle
has "Subject: Following up on our conversation of {made_on}"
ok template show push --json
is .subject "{deal}: may I close the file?"
is .placeholders '["first_name","contact_name","account","deal","sender","signature"]'

same_db fails 4 template edit followup-missed --style direct --body "Hi {frist_name}"
has_err "unknown placeholder {frist_name}"
same_db fails 4 template edit push --subject "Invoice {invoice}"
has_err "placeholder {invoice} has no value in push drafts"
same_db fails 4 template edit push --body "{#topic}"
same_db fails 2 template edit push --body x --file /dev/null
same_db fails 2 template edit push
has_err "nothing to change"
same_db fails 2 template show
same_db fails 3 template show nope
has_err "no draft kind 'nope'"
same_db fails 4 template show push --style loud
same_db fails 1 template edit push --file "$T_DIR/missing"

ok template edit followup-missed --style direct --subject "Re: {topic} – à bientôt" --json
is .custom true
is .subject "Re: {topic} – à bientôt"
printf 'Hallo {first_name},\n\nwie vereinbart: {topic}.{#tried} Ich habe Sie nicht erreicht.{/tried}\n' \
    >"$T_DIR/body.txt"
ok template edit followup-missed --style direct --file "$T_DIR/body.txt"
ok template show followup-missed --style direct
has "Subject: Re: {topic} – à bientôt"
has "wie vereinbart: {topic}."
agenda
check 'one("followup-missed", '$DD')["draft"]["subject"] == "Re: the partner meeting – à bientôt"'
check 'one("followup-missed", '$DD')["draft"]["body"] ==
       "Hallo Carl,\n\nwie vereinbart: the partner meeting.\n"'
# Only the direct style changed.
check 'one("followup-missed", '$DS')["draft"]["subject"] == "Our call, as agreed on Monday, November 16"'
ok template list --json
is '[(t["kind"], t["style"]) for t in d if t["custom"]]' '[["followup-missed","direct"]]'
ok template reset followup-missed --style direct --json
is .custom false
agenda
check 'one("followup-missed", '$DD')["draft"]["subject"] == "Our call about the partner meeting"'

# On a terminal without options: in $EDITOR (script(1) gives the command a terminal).
cat >"$T_DIR/editor" <<'ED'
#!/bin/sh
sed -i 's/^Subject: .*/Subject: Edited {deal}/; s/^I believe/Frankly, I believe/' "$1"
ED
chmod +x "$T_DIR/editor"
EDITOR=$T_DIR/editor VISUAL= script -qec "$RAPPORT_BIN template edit push" /dev/null >/dev/null
ok template show push --json
is .subject "Edited {deal}"
is '"\n\nFrankly, I believe our proposal for {deal}" in d["body"]' true
same_db eval 'EDITOR=false VISUAL= script -qec "$RAPPORT_BIN template edit push" /dev/null >/dev/null'
ok template reset push

ok template --help
has "template edit"
ok template edit --help
has "--file F"

finish
