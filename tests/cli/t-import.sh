# import csv: other CRMs' exports become accounts, contacts and deals; merges, refusals with
# line numbers, --dry-run, --strict, --rejects, encodings, separators and bad files.
source "$TESTLIB"
D=$T_DIR

# ---- contacts: merged by e-mail, companies reused whatever their case and blanks -----------
printf '%s\n' 'First Name,Last Name,Email,Company,Job Title,Phone' \
    'Hans,Müller,hans@mueller.example,Müller & Söhne GmbH,Partner,+49 30 1234' \
    'Eva,Roth,EVA@mueller.example,MÜLLER  & söhne gmbh,,' \
    '"Jan ""JJ""",Klein,,,,' \
    'Bad,Mail,not-an-email,X,,' \
    ',,,,,' \
    'Eva,Roth,eva@mueller.example,Müller,CEO,555' \
    '"Multi' \
    'line",Person,multi@example.com,"Acme, Inc.",=1+1,' >"$D/c.csv"
ok import csv "$D/c.csv" --kind contacts --json
is .rows 7
is .added '{"accounts":3,"contacts":4,"deals":0}'
is .merged 1
is .rejected 2
is .rejects '[{"line":5,"reason":"invalid e-mail address '"'"'not-an-email'"'"' (expected name@example.com)"},{"line":6,"reason":"empty row"}]'
is .encoding UTF-8
is .unknown_columns '[]'
eq "$ERR" "" "no progress bar when stderr is not a terminal"
eq "$(sql "SELECT name, title, phone, account_id FROM contacts WHERE email = 'EVA@mueller.example'")" \
    "Eva Roth|CEO|555|1" "the merged contact: empty fields filled from the later row"
eq "$(sql "SELECT name FROM accounts ORDER BY id")" $'Müller & Söhne GmbH\nJan "JJ" Klein\nAcme, Inc.' \
    "accounts: reused case- and blank-insensitively; a person alone gets their own"
eq "$(sql "SELECT name, title FROM contacts WHERE email = 'multi@example.com'")" \
    $'Multi\nline Person|=1+1' "a quoted line break, and a formula kept as text"
eq "$(sql "SELECT COUNT(*) FROM contacts WHERE owner_id IS NOT NULL")" 0 "no users: nobody's"

# Importing the same file again changes nothing.
same_db ok import csv "$D/c.csv" --kind contacts --json
is .added '{"accounts":0,"contacts":0,"deals":0}'
is .unchanged 5
has_err ""

# ---- --dry-run, --strict, --rejects ----------------------------------------------------------
printf '%s\n' 'Name,Email' 'New Person,new@example.com' 'Broken,@' >"$D/more.csv"
same_db ok import csv "$D/more.csv" --kind contacts --dry-run
has "dry run, nothing changed"
has "1 contacts, 0 deals added"
same_db fails 4 import csv "$D/more.csv" --kind contacts --strict
has_err "line 3: invalid e-mail address '@'"
has_err "nothing was imported"
ok import csv "$D/more.csv" --kind contacts --rejects "$D/rejects.csv"
has "line 3: invalid e-mail address"
eq "$(cat "$D/rejects.csv")" $'Name,Email,Rejected because\r\nBroken,"\'@",invalid e-mail address \'@\' (expected name@example.com)\r' \
    "the rejects file: the file's columns and the reason"
# The fixed rejects file imports; its reason column is ignored and said so.
sed -i "s/\"'@\"/broken@example.com/" "$D/rejects.csv"
ok import csv "$D/rejects.csv" --kind contacts --json
is .added.contacts 1
is .unknown_columns '["Rejected because"]'

# ---- the big CRMs' headers ---------------------------------------------------------------------
# HubSpot contacts, Pipedrive people, Salesforce Data Loader, Google Contacts, Outlook.
printf '%s\n' 'Record ID,First Name,Last Name,Email,Phone Number,Job Title,Company Name,Lifecycle Stage' \
    '101,Ada,Hub,ada@hub.example,+1 555,CTO,HubCo,lead' >"$D/hubspot.csv"
printf '%s\n' 'Person - Name,Person - Organization,Person - Email - Work,Person - Phone - Work' \
    'Pia Pipe,PipeCo,pia@pipe.example,+46 8 123' >"$D/pipedrive.csv"
printf '%s\n' 'Id,FirstName,LastName,Email,Phone,Title,Account.Name,IsDeleted' \
    '003A,Sam,Force,sam@force.example,+1 415,VP Sales,ForceCo,false' \
    '003B,Del,Eted,del@force.example,,,ForceCo,true' >"$D/salesforce.csv"
printf '%s\n' 'First Name,Middle Name,Last Name,Organization Name,Organization Title,E-mail 1 - Label,E-mail 1 - Value,Phone 1 - Value' \
    'Gil,B.,Google,GoogCo,Engineer,* Work,gil@goog.example ::: gil@home.example,+1 650' >"$D/google.csv"
printf '%s\n' 'Title,First Name,Last Name,Company,Job Title,Business Phone,Mobile Phone,E-mail Address' \
    'Mr.,Otto,Look,OutCo,Buyer,,+49 170 1,otto@out.example' >"$D/outlook.csv"
for f in hubspot pipedrive salesforce google outlook; do
    ok import csv "$D/$f.csv" --kind contacts --json
    is .added.contacts 1
done
is '.columns["Job Title"]' title
is .unknown_columns '["Title"]'
eq "$(sql "SELECT name, title, phone, (SELECT name FROM accounts a WHERE a.id = account_id) FROM contacts WHERE email IN ('ada@hub.example', 'pia@pipe.example', 'sam@force.example', 'gil@goog.example', 'otto@out.example') ORDER BY id")" \
    "Ada Hub|CTO|+1 555|HubCo
Pia Pipe||+46 8 123|PipeCo
Sam Force|VP Sales|+1 415|ForceCo
Gil B. Google|Engineer|+1 650|GoogCo
Otto Look|Buyer|+49 170 1|OutCo" "each CRM's columns read right"
ok import csv "$D/salesforce.csv" --kind contacts --json
is '.rejects[0]' '{"line":3,"reason":"deleted in the source system"}'

# --map names a column; a map to nowhere is a usage error.
printf '%s\n' 'Kunde,Mail,Notiz' 'Kai Map,kai@map.example,hi' >"$D/map.csv"
ok import csv "$D/map.csv" --kind contacts --map Kunde=name --map mail=email --map Notiz=ignore --json
is .added.contacts 1
is .unknown_columns '[]'
same_db fails 2 import csv "$D/map.csv" --kind contacts --map Nope=name
has_err "no column 'Nope'"
same_db fails 2 import csv "$D/map.csv" --kind contacts --map Kunde=shoe_size
has_err "unknown field 'shoe_size'"
same_db fails 4 import csv "$D/map.csv" --kind contacts --map Kunde=ignore --map Mail=ignore
has_err "no a name or e-mail column"

# ---- encodings and separators: a German Excel file, tabs, a BOM and CRLF --------------------
printf 'Name;Branche;Website\r\nStra\xdfenbau K\xf6ln;Bau;x.de\r\n"Acme; Ltd";Tools;\r\n' >"$D/excel.csv"
ok import csv "$D/excel.csv" --kind accounts --json --map Branche=industry
is .encoding Windows-1252
is .separator ";"
is .added.accounts 2
eq "$(sql "SELECT industry FROM accounts WHERE name = 'Straßenbau Köln'")" Bau "umlauts kept"
printf '\xef\xbb\xbfName\tIndustry\r\nTabCo\tTabs\r\n' >"$D/tab.csv"
ok import csv "$D/tab.csv" --kind accounts --json
is .separator $'\t'
eq "$(sql "SELECT industry FROM accounts WHERE name = 'TabCo'")" Tabs "a BOM and tabs"
printf '\xff\xfeN\x00a\x00m\x00e\x00\n\x00\xdc\x00T\x00F\x00\n\x00' >"$D/utf16.csv"
ok import csv "$D/utf16.csv" --kind accounts --json
is .encoding UTF-16LE
eq "$(sql "SELECT COUNT(*) FROM accounts WHERE name = 'ÜTF'")" 1 "UTF-16 from Excel's Unicode text"
ok import csv - --kind accounts --json <<<$'Name\nStdinCo'
is .added.accounts 1

# ---- deals: stages of other CRMs, closed ones, amounts as spreadsheets write them ------------
printf '%s\n' 'Deal - Title;Deal - Organization;Deal - Value;Deal - Currency;Deal - Stage;Deal - Status;Deal - Expected close date;Deal - Lost reason' \
    'Lab suite;Müller & Söhne GmbH;24.000,50;EUR;Proposal Made;open;2027-01-15 10:00;' \
    'Old deal;NewCo;1200;EUR;Qualified;lost;;too expensive' \
    'Won deal;newco;$1,500.25;USD;Negotiation;won;;' \
    'Weird;NewCo;1;EUR;Frobnicate;open;;' \
    ';NewCo;1;EUR;;open;;' >"$D/deals.csv"
ok import csv "$D/deals.csv" --kind deals --json
is .added '{"accounts":1,"contacts":0,"deals":3}'
is '[r["line"] for r in d["rejects"]]' '[5,6]'
eq "$(sql "SELECT title, value_cents, currency, stage, decision_by, close_reason, close_note FROM deals ORDER BY id")" \
    "Lab suite|2400050|EUR|proposal|2027-01-15||
Old deal|120000|EUR|lost||other|too expensive
Won deal|150025|USD|won|||" "deals with their stages, amounts and close"
eq "$(sql "SELECT status FROM accounts WHERE name = 'NewCo'")" customer "a won deal makes a customer"
eq "$(sql "SELECT COUNT(*) FROM history WHERE entity = 'deal'")" 5 "history: opened, and closed"
same_db ok import csv "$D/deals.csv" --kind deals --json
is .unchanged 3
printf '%s\n' 'Deal Name,Amount,Deal Stage,Close Date,Associated Company' \
    'Hub deal,5000,appointmentscheduled,2027-02-01,HubCo' \
    'Hub won,100,closedwon,,HubCo' >"$D/hubdeals.csv"
ok import csv "$D/hubdeals.csv" --kind deals --json
is .added.deals 2
printf '%s\n' 'Name,StageName,Amount,CloseDate,Account.Name,CurrencyIsoCode' \
    'SF opp,Id. Decision Makers,750,2027-03-01,ForceCo,EUR' >"$D/opps.csv"
ok import csv "$D/opps.csv" --kind deals --json
eq "$(sql "SELECT stage, CASE WHEN account_id = (SELECT id FROM accounts WHERE name = 'ForceCo') THEN 1 ELSE 0 END FROM deals WHERE title = 'SF opp'")" \
    "qualified|1" "a Salesforce opportunity finds its account"

# ---- bad files: a clear error, nothing changed --------------------------------------------------
head -c 3000 /dev/urandom >"$D/binary.csv"
printf 'Name\x00,Email\nx,y\n' >>"$D/binary.csv"
same_db fails 4 import csv "$D/binary.csv" --kind contacts
has_err "cannot import the file"
printf 'Name,Email\nA,a@x.example\n"Unterminated,b@x.example\n' >"$D/truncated.csv"
same_db fails 4 import csv "$D/truncated.csv" --kind contacts
has_err "ends inside a quoted field that starts on line 3"
{ printf 'Name,Email\nA,a@x.example\n'; head -c 10485760 /dev/zero | tr '\0' 'x'; printf ',b@x.example\n'; } >"$D/long.csv"
same_db fails 4 import csv "$D/long.csv" --kind contacts
has_err "line 3 has a field longer than"
printf 'Name,Email\nG\xc3\xbcnter,g@x.example\nBad \xc3\x28 byte,b@x.example\n' >"$D/badutf8.csv"
same_db fails 4 import csv "$D/badutf8.csv" --kind contacts
has_err "line 3 is not valid UTF-8 text"
: >"$D/empty.csv"
same_db fails 4 import csv "$D/empty.csv" --kind contacts
has_err "it is empty"
same_db fails 3 import csv "$D/nope.csv" --kind contacts
same_db fails 2 import csv "$D/c.csv"
same_db fails 2 import csv "$D/c.csv" --kind meetings
same_db fails 2 import csv --kind contacts
ok import csv --help
has "--rejects FILE"

# ---- owners: what a rep imports is theirs (the first user, an admin, took the rest) --------------------------------------------------
printf 'secret-password-1\n' | "$RAPPORT_BIN" user add Ann --email ann@x.example --role admin >/dev/null 2>&1
printf 'secret-password-1\n' | "$RAPPORT_BIN" user add Rita --email rita@x.example --role rep >/dev/null 2>&1
printf '%s\n' 'Name,Email,Company' 'Rita Lead,ada@hub.example,RitaCo' >"$D/rita.csv"
ok import csv "$D/rita.csv" --kind contacts --user rita@x.example --json
is .added '{"accounts":1,"contacts":1,"deals":0}'
eq "$(sql "SELECT CASE WHEN a.owner_id = u.id THEN 1 ELSE 0 END, CASE WHEN c.owner_id = u.id THEN 1 ELSE 0 END FROM contacts c JOIN accounts a ON a.id = c.account_id JOIN users u ON u.email = 'rita@x.example' WHERE c.name = 'Rita Lead'")" \
    "1|1" "a rep's import is theirs; another's contact with that e-mail is not merged into"

finish
