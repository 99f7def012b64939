# import vcard and export vcard: the quirks of 2.1, 3.0 and 4.0, and a round trip.
source "$TESTLIB"
D=$T_DIR

# 3.0 from a phone: folded lines, escapes, typed e-mails and phones (PREF wins), ORG with a
# department, Apple groups, a photo.
printf '%s\r\n' 'BEGIN:VCARD' 'VERSION:3.0' 'N:Müller;Hans;Peter;Dr.;' 'FN:Dr. Hans Peter Müller' \
    'ORG:Müller & Söhne GmbH;Labor' 'TITLE:Partner\, Lab' \
    'EMAIL;TYPE=HOME:hans@home.example' 'EMAIL;TYPE=WORK,PREF:hans@mueller.example' \
    'TEL;TYPE=CELL:+49 170 1' 'item1.TEL:+49 30 1234' 'item1.X-ABLabel:Office' \
    'PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQAAAQABAAD' ' /2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDB' \
    'NOTE:Met at the fair\nlong' ' er note' 'END:VCARD' >"$D/phone.vcf"
# 2.1: quoted-printable in Latin-1 with a soft line break, bare types; N without FN; 4.0 with
# a folded multi-byte name.
printf 'BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:R=F6th;Eva=\r\n;;;\r\nTEL;WORK;PREF:+49 40 55\r\nEMAIL;INTERNET:eva@roth.example\r\nORG;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:Stra=DFen=\r\nbau K=F6ln\r\nEND:VCARD\r\n' >>"$D/phone.vcf"
printf '%s\r\n' 'BEGIN:VCARD' 'VERSION:4.0' 'FN:Jan Kl' ' ein' 'EMAIL;PREF=1:jan@klein.example' \
    'END:VCARD' 'BEGIN:VCARD' 'VERSION:4.0' 'FN:Broken' 'EMAIL:not-an-email' 'END:VCARD' >>"$D/phone.vcf"
ok import vcard "$D/phone.vcf" --json
is .rows 4
is .added '{"accounts":3,"contacts":3,"deals":0}'
is .rejects '[{"line":32,"reason":"invalid e-mail address '"'"'not-an-email'"'"' (expected name@example.com)"}]'
eq "$(sql "SELECT c.name, c.email, c.phone, COALESCE(c.title, ''), a.name FROM contacts c JOIN accounts a ON a.id = c.account_id ORDER BY c.id")" \
    "Dr. Hans Peter Müller|hans@mueller.example|+49 170 1|Partner, Lab|Müller & Söhne GmbH
Eva Röth|eva@roth.example|+49 40 55||Straßenbau Köln
Jan Klein|jan@klein.example|||Jan Klein" "every quirk read"
same_db ok import vcard "$D/phone.vcf" --json
is .unchanged 3

# Round trip: exported cards import into a new book as the same contacts, and export the same.
ok export vcard
has $'BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Dr. Hans Peter Müller\r\nEMAIL:hans@mueller.example\r\nTEL:+49 170 1\r\nTITLE:Partner\\, Lab\r\nORG:Müller & Söhne GmbH\r\nEND:VCARD\r\n'
"$RAPPORT_BIN" export vcard >"$D/out.vcf"
ok --db "$D/copy.db" import vcard "$D/out.vcf" --json
is .added.contacts 3
ok --db "$D/copy.db" export vcard
eq "$OUT" "$(<"$D/out.vcf")" "the cards of the imported copy"
ok export vcard --output "$D/o.vcf" --json
is .rows 3

# Long values fold at 75 bytes without splitting a character; they read back whole.
long=$(printf 'Ü%.0s' {1..60})
ok --db "$D/long.db" account add Acme
ok --db "$D/long.db" contact add "$long" --account 1
ok --db "$D/long.db" export vcard
eq "$(awk '{ if (length($0) > 76) print "long" }' <<<"$OUT" | LC_ALL=C head -1)" "" "lines folded"
"$RAPPORT_BIN" --db "$D/long.db" export vcard >"$D/long.vcf"
ok --db "$D/long2.db" import vcard "$D/long.vcf"
eq "$(sqlite3 "$D/long2.db" 'SELECT name FROM contacts')" "$long" "a folded name"

# Bad files: a clear error, nothing changed.
printf 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Cut\r\n' >"$D/cut.vcf"
same_db fails 4 import vcard "$D/cut.vcf"
has_err "ends inside the vCard that begins on line 1"
head -c 2000 /dev/urandom >"$D/bin.vcf"
same_db fails 4 import vcard "$D/bin.vcf"
has_err "cannot import the file"
printf 'Name,Email\nA,a@x.example\n' >"$D/notvcf.vcf"
same_db fails 4 import vcard "$D/notvcf.vcf"
has_err "line 1 is not in a vCard"
printf 'BEGIN:VCARD\r\nFN:Bad \xc3\x28\r\nEND:VCARD\r\n' >"$D/badutf8.vcf"
same_db ok import vcard "$D/badutf8.vcf" --dry-run
ok import vcard --help

finish
