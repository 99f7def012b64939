# export ics: planned meetings and the agreed days of open agreements as iCalendar (RFC 5545),
# what the acting user sees, the same calendar as the server's feed, written by
# rapport-server so that the command line itself does not load libical.
source "$TESTLIB"
D=$T_DIR

ok account add "Acme GmbH"
ok deal add "Fleet 2027" --account 1
ok meet add --deal 1 --at 2026-11-25T10:00 --minutes 45 --kind discovery
ok meet add --deal 1 --at 2026-11-26T10:00 --minutes 30 --kind demo
ok meet cancel 2
# The first next step is superseded by the second: only the open one is a day to keep.
ok agree --deal 1 --on 2026-11-24
ok agree --deal 1 --on 2026-11-27 --note "call, after the board; bring numbers"

ok export ics
ics=$OUT
eq "$(head -1 <<<"$ics")" $'BEGIN:VCALENDAR\r' "an iCalendar with CRLF line ends"
eq "$(grep -c $'^BEGIN:VEVENT\r$' <<<"$ics")" 2 "the planned meeting and the open agreement"
has "VERSION:2.0"
has "UID:meeting-1@rapport"
has "DTSTART:20261125T100000Z"
has "DTEND:20261125T104500Z"
has "SUMMARY:discovery meeting: Fleet 2027 (Acme GmbH)"
has "UID:agreement-2@rapport"
has "DTSTART;VALUE=DATE:20261127"
has "DTEND;VALUE=DATE:20261128"
has 'DESCRIPTION:call\, after the board\; bring numbers'
eq "$(grep -c 'meeting-2@\|agreement-1@' <<<"$ics")" 0 "nothing cancelled or superseded"

ok export ics --output "$D/cal.ics"
eq "$OUT" "" "with --output, nothing on standard output"
eq "$(cat "$D/cal.ics")" "$ics" "the same calendar in the file"
fails 1 export ics --output "$D/no/such/dir/cal.ics"
has_err "cannot write '$D/no/such/dir/cal.ics'"
ok export ics --help
has "usage: rapport export ics"

# A rep's calendar holds their own accounts' meetings only.
printf 'secret-password-1\n' | "$RAPPORT_BIN" user add Ann --email ann@x.example --role admin >/dev/null 2>&1
printf 'secret-password-1\n' | "$RAPPORT_BIN" user add Rita --email rita@x.example --role rep >/dev/null 2>&1
ok --user rita@x.example account add "Rita's Co"
ok --user rita@x.example deal add "Small deal" --account 2
ok --user rita@x.example meet add --deal 2 --at 2026-11-24T09:00 --minutes 60 --kind intro
ok --user rita@x.example export ics
eq "$(grep -c $'^BEGIN:VEVENT\r$' <<<"$OUT")" 1 "a rep sees their own meeting only"
has "Small deal (Rita's Co)"
ok --user ann@x.example export ics
eq "$(grep -c $'^BEGIN:VEVENT\r$' <<<"$OUT")" 3 "an admin sees every one"

# The command line does not link libical; rapport-server does.
if command -v ldd >/dev/null; then
    eq "$(ldd "$RAPPORT_BIN" | grep -c libical)" 0 "rapport does not load libical"
    eq "$(ldd "$(dirname "$RAPPORT_BIN")/rapport-server" | grep -c 'libical\.')" 1 "rapport-server does"
fi
finish
