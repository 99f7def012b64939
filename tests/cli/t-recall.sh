# rapport recall and rapport search: an account's history in time order, ranked full-text
# matches whatever the accents, case and script (Latin with diacritics, Cyrillic,
# Japanese), queries that could never break the index, and an index that follows every
# write.
source "$TESTLIB"

# ---- three accounts in three scripts ---------------------------------------------------
on 2026-11-02 account add "Müller Bau GmbH" --trigger moving --need "Neue Büroräume in Köln"
on 2026-11-02 contact add "Jürgen Müller" --account 1 --role decision-maker
on 2026-11-02 contact add "Eva Roth" --account 1 --role influencer
on 2026-11-02 deal add "Umzug Köln" --account 1 --value 24000 --currency EUR --stage proposal
on 2026-11-02 account add "Петров и сыновья" --trigger referral
on 2026-11-02 contact add "Иван Петров" --account 2 --role decision-maker
on 2026-11-02 deal add "Склад в Москве" --account 2 --value 9000 --stage meeting
on 2026-11-02 account add "東京商事" --trigger growth
on 2026-11-02 contact add "山田太郎" --account 3
on 2026-11-02 deal add "東京オフィス移転" --account 3 --value 5000 --stage lead

# Account 1's history, one event a day (activities carry their own --at).
on 2026-11-03 said --deal 1 --contact 1 "Wir liefern innerhalb von 48 Stunden"
on 2026-11-04 claim add --deal 1 --contact 1 "Bindender Vertrag mit dem jetzigen Anbieter"
on 2026-11-05 log --deal 1 --contact 2 --kind call --dir out --outcome connected \
    --at 2026-11-05T09:00 "Frau Roth fragt nach dem Preis für die Möbel"
on 2026-11-06 log --deal 1 --kind note --dir none --at 2026-11-06T09:00 \
    "Herr Müller mag keine Überraschungen"
on 2026-11-07 agree --deal 1 --contact 1 --on 2026-11-20 --note "Angebot überarbeiten"
on 2026-11-08 claim clarify 1 --note "Vertrag endet im März, Kündigung schriftlich"
# Accounts 2 and 3.
on 2026-11-03 said --deal 2 --contact 3 "Доставка в Москву за два дня"
on 2026-11-04 claim add --deal 2 --contact 3 "У нас уже есть поставщик"
on 2026-11-03 said --deal 3 --contact 4 "東京 で 会議 を 開きます"
on 2026-11-04 log --deal 3 --kind email --dir in --at 2026-11-04T10:00 "見積もり を お願いします"

# ---- recall: everything, in time order -------------------------------------------------
ok recall --account 1 --json
is 'list(e["type"] for e in d)' '["said","claim","activity","note","agreement"]'
is '[0]' '{"type":"said","id":1,"at":"2026-11-03T12:00:00Z","date":"2026-11-03","account_id":1,"account":"Müller Bau GmbH","deal_id":1,"deal":"Umzug Köln","contact_id":1,"contact":"Jürgen Müller","text":"Wir liefern innerhalb von 48 Stunden"}'
# A claim comes with how it stands now.
is '[1].status' clarified
is '[1].note' "Vertrag endet im März, Kündigung schriftlich"
is '(d[2]["kind"], d[2]["direction"], d[2]["outcome"], d[2]["contact"])' '["call","out","connected","Eva Roth"]'
is '(d[4]["due_on"], d[4]["status"], d[4]["text"])' '["2026-11-20","open","Angebot überarbeiten"]'
is 'all("rank" not in e for e in d)' true
ok recall --account 1
has "2026-11-03  said                 Jürgen Müller  Wir liefern innerhalb von 48 Stunden"
has "2026-11-04  claim [clarified]    Jürgen Müller  Bindender Vertrag mit dem jetzigen Anbieter (Vertrag endet im März, Kündigung schriftlich)"
has "2026-11-05  call out, connected  Eva Roth       Frau Roth fragt nach dem Preis für die Möbel"
has "2026-11-06  note                                Herr Müller mag keine Überraschungen"
has "2026-11-07  agreement [open]     Jürgen Müller  due 2026-11-20: Angebot überarbeiten"
ok recall --account 3 --json
is 'list(e["type"] for e in d)' '["said","activity"]'
ok recall --account 2
has "Иван Петров"

# ---- recall with a query: accents and case do not matter ---------------------------------
for q in muller Müller MÜLLER MULLER müll; do
    ok recall --account 1 "$q" --json
    is 'sorted((e["type"], e["id"]) for e in d)' '[["account",1],["contact",1],["note",2]]'
done
ok recall --account 1 moebel --json                  # a different spelling is no match
is 'len(d)' 0
ok recall --account 1 mobel --json                   # ö is o with its accent removed
is '(d[0]["type"], d[0]["id"], d[0]["rank"])' '["activity",1,1]'
# Every word must match; the claim's note is searched too.
ok recall --account 1 vertrag kundigung --json
is 'list((e["type"], e["id"]) for e in d)' '[["claim",1]]'
ok recall --account 1 vertrag roth --json
is 'len(d)' 0
ok recall --account 1 koln --json                     # the need and the deal's title
is 'sorted(e["type"] for e in d)' '["account","deal"]'
# Only that account's records: account 2 has Москву too, account 1 nothing of it.
ok recall --account 1 москву --json
is 'len(d)' 0
ok recall --account 1 muller
has "2026-11-06  note"

# ---- search across all accounts ---------------------------------------------------------
ok search петров --json                               # Cyrillic folds case too
is 'sorted((e["type"], e["account_id"]) for e in d)' '[["account",2],["contact",2]]'
ok search ПЕТРОВ --json
is 'len(d)' 2
ok search москв --json                                # a word matches words it starts
is 'sorted((e["type"], e["id"]) for e in d)' '[["deal",2],["said",2]]'
ok search 東京 --json
is 'sorted((e["type"], e["account_id"]) for e in d)' '[["account",3],["deal",3],["said",3]]'
ok search 見積もり --json
is '(d[0]["type"], d[0]["direction"], d[0]["contact"])' '["activity","in",null]'
ok search 東京
has "東京商事"
# Ranked: the record that says it twice comes first.
ok said --deal 1 "Müller, Müller und nochmals Müller"
ok search muller --json
is '(d[0]["type"], d[0]["rank"], d[1]["rank"])' '["said",1,2]'
ok search muller --limit 2 --json
is 'len(d)' 2

# ---- no query can break it ----------------------------------------------------------------
for q in '"' '""' 'a"b' '*' 'müller*' 'NOT' 'AND OR' '(müller' 'müller)' 'col:müller' \
    '^müller' 'NEAR(a b)' '+' '{x}' "it's" 'müller -bau' '%' '\'; do
    ok search --json -- "$q"
done
ok search --json -- "müller AND"                      # AND is only a word here
is 'len(d)' 0
ok search --json -- '"müller"'                        # quotes are only characters
is 'len(d) > 0' true
ok search --json -- 'bau-gmbh'                        # a phrase of the two words
is 'list(e["type"] for e in d)' '["account"]'

# ---- bad requests change nothing ----------------------------------------------------------
same_db fails 2 search
has_err "missing QUERY"
same_db fails 2 search "   "
has_err "empty search query"
same_db fails 2 recall --account 1 ""
same_db fails 2 recall
has_err "missing --account"
same_db fails 4 recall --account x
same_db fails 3 recall --account 99
has_err "account 99 not found"
same_db fails 3 recall --account 99 muller
same_db fails 4 search muller --limit 0

# ---- the index follows every write --------------------------------------------------------
# (On PostgreSQL: the index holds exactly what its triggers would write for every record.)
PG_INDEX="SELECT id * 16 + 1, rp_fulltext_doc(text, NULL) FROM statements
    UNION ALL SELECT id * 16 + 2, rp_fulltext_doc(text, note) FROM claims
    UNION ALL SELECT id * 16 + 3, rp_fulltext_doc(text, NULL) FROM activities
    UNION ALL SELECT id * 16 + 4, rp_fulltext_doc(note, NULL) FROM agreements
    UNION ALL SELECT id * 16 + 5, rp_fulltext_doc(name, need) FROM accounts
    UNION ALL SELECT id * 16 + 6, rp_fulltext_doc(name, NULL) FROM contacts
    UNION ALL SELECT id * 16 + 7, rp_fulltext_doc(title, NULL) FROM deals"
integrity()
{
    local check="INSERT INTO fulltext (fulltext, rank) VALUES ('integrity-check', 1); SELECT 'ok';"
    [[ -n $T_PG_URL ]] && check="SELECT COALESCE(string_agg(rid || ': ' || doc, '; '), 'ok')
        FROM ((SELECT rid, doc FROM fulltext EXCEPT ($PG_INDEX))
        UNION ALL (($PG_INDEX) EXCEPT SELECT rid, doc FROM fulltext)) AS differing (rid, doc)"
    eq "$(sql "$check" 2>&1)" ok "full-text index check"
}
integrity
ok claim clarify 1 --note "Kündigung erst im Juni"
ok search marz --json
is 'len(d)' 0
ok search juni --json
is '(len(d), d[0]["type"])' '[1,"claim"]'
ok account edit 1 --need "Lager in Bonn"
ok search bonn --json
is 'list(e["type"] for e in d)' '["account"]'
ok search koln --json                                  # the deal still says Köln
is 'list(e["type"] for e in d)' '["deal"]'
ok contact edit 2 --name "Eva Schwarz"
ok search roth --json
is 'list(e["type"] for e in d)' '["activity"]'       # "Frau Roth" in the call's text
ok search schwarz --json
is 'list(e["type"] for e in d)' '["contact"]'
integrity
ok account delete 1 --force
ok search muller --json
is 'len(d)' 0
ok search москв --json
is 'len(d)' 2
integrity
finish
