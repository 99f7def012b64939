# Global flags, help and usage errors (DESIGN.md section 5).
source "$TESTLIB"

# --help on every command the overview lists: exit 0, that command's usage on stdout.
ok --help
has "commands:"
cmds=$(awk '/^commands:/ { on = 1; next } on && /^$/ { exit } on { print substr($0, 3, 20) }' \
    <<<"$OUT" | sed 's/ *$//')
# Every command of issue 2 is listed (later issues add more).
foundation=("account add" "account list" "account show" "account edit" "account delete"
    "contact add" "contact list" "contact show" "contact edit" "contact delete" "deal add"
    "deal list" "deal show" "deal edit" "deal stage" "deal hold" "deal delete" log
    "activity list" agree "agreement list" hold "meet add" "meet list" "meet held"
    "meet no-show" "meet cancel" "meet reschedule" said "statement list" "claim add"
    "claim list" "claim verify" "claim clarify" "claim contradict" "invoice add"
    "invoice list" "invoice paid" checkin "config get" "config set")
eq "$(grep -cxF -f <(printf '%s\n' "${foundation[@]}") <<<"$cmds")" 41 \
    "commands of issue 2 in 'rapport --help'"
while read -r cmd; do
    # shellcheck disable=SC2086 # the command is one or two words
    ok $cmd --help
    [[ $OUT == "usage: rapport $cmd "* ]]
    t_check "'rapport $cmd --help' prints its usage"
done <<<"$cmds"
ok account add --help
has "--trigger T"
has "moving|new-office|growth"
ok -h
has "usage: rapport"
ok help
has "commands:"
ok --version
has "rapport "
ok account --help
has "account delete"
[[ $OUT != *"contact add"* ]]
t_check "'rapport account --help' lists only the account commands"
# --help never touches the database.
[[ ! -e $RAPPORT_DB ]]
t_check "--help created the database"

# Usage errors: exit 2.
fails 2 bogus
has_err "unknown command 'bogus'"
fails 2 account bogus
fails 2 account list --bogus
has_err "unknown option '--bogus'"
fails 2 --bogus account list
fails 2 account add
has_err "missing NAME"
fails 2 account show
fails 2 account show 1 2
has_err "unexpected argument '2'"
fails 2 account add X --industry
has_err "option '--industry' needs a value"
fails 2 --db
has_err "option '--db' needs a value"
fails 2 --now
fails 2 account list --tz
fails 2 contact add Bob
fails 2 log --kind call --dir out
fails 2 deal stage 1
run
eq "$RC" 2 "exit code of a bare 'rapport'"

# The database: created on first use; --db and RAPPORT_DB choose it; --db wins.
ok account add "In the env db"
[[ -s $RAPPORT_DB ]]
t_check "RAPPORT_DB was created"
other=$T_DIR/other.db
ok --db "$other" account add "In the other db" --json
is .id 1
is .name "In the other db"
ok account list --db "$other" --json
is 'len(d)' 1
is '[0].name' "In the other db"
ok account list --db="$other" --json
is '[0].name' "In the other db"
ok account list --json
is 'len(d)' 1
is '[0].name' "In the env db"
# No --db and no RAPPORT_DB: $XDG_DATA_HOME/rapport/rapport.db, then ~/.local/share.
RAPPORT_DB= ok account add "XDG" --json
is .id 1
[[ -s $XDG_DATA_HOME/rapport/rapport.db ]]
t_check "the default database under XDG_DATA_HOME"
RAPPORT_DB= XDG_DATA_HOME= ok account list --json
is 'len(d)' 0
[[ -s $HOME/.local/share/rapport/rapport.db ]]
t_check "the default database under ~/.local/share (made with its parents)"
fails 1 --db "$T_DIR/no/such/dir/x.db" account list
has_err "cannot open database"

# Several processes opening a new database at once: each must succeed (the schema is made
# exactly once, and turning on WAL waits for the others).
for round in 1 2 3; do
    db=$T_DIR/race$round.db pids=()
    for i in 1 2 3 4 5; do
        "$RAPPORT_BIN" --db "$db" account list >/dev/null 2>"$T_DIR/race.$i" & pids+=($!)
    done
    for i in 1 2 3 4 5; do
        wait "${pids[i - 1]}"
        t_check "process $i of round $round opening a new database: $(<"$T_DIR/race.$i")"
    done
done

# --now and RAPPORT_NOW, before and after the command; a date means noon in the zone.
ok --now 2026-12-01 account add N1 --json
is .created_at 2026-12-01T12:00:00Z
ok account add N2 --json --now 2026-12-01T08:30:00Z
is .created_at 2026-12-01T08:30:00Z
ok account add N3 --json --now 2026-12-01T08:30:00+02:00
is .created_at 2026-12-01T06:30:00Z
RAPPORT_NOW=2027-01-02 ok account add N4 --json
is .created_at 2027-01-02T12:00:00Z
RAPPORT_NOW=2027-01-02 ok account add N5 --json --now 2026-12-01
is .created_at 2026-12-01T12:00:00Z
same_db fails 4 --now 2026-02-30 account add X
has_err "cannot parse --now '2026-02-30'"
same_db fails 4 account add X --now tomorrow

# --tz: the user's day. 20:00Z on the 24th is already the 25th in Tokyo.
ok account add Z --json
acc=$(json_get .id)
ok deal add "Zone deal" --account "$acc" --json
deal=$(json_get .id)
ok --tz Asia/Tokyo --now 2026-11-24T20:00:00Z agree --deal "$deal" --on 2026-12-10 --json
is .made_on 2026-11-25
is .created_at 2026-11-24T20:00:00Z
ok agree --deal "$deal" --on 2026-12-11 --json --now 2026-11-24T20:00:00Z --tz America/New_York
is .made_on 2026-11-24
# A local time without offset is read in the zone and stored in UTC.
ok log --deal "$deal" --kind note --dir none --at 2026-11-24T09:00 --tz Europe/Berlin --json
is .at 2026-11-24T08:00:00Z
same_db fails 4 --tz Mars/Olympus account list
has_err "unknown time zone 'Mars/Olympus'"

# --json before, after and as --json=yes; without it, text.
ok --json account show "$acc"
is .name Z
ok account show "$acc" --json=yes
is .name Z
ok account show "$acc"
[[ $OUT == "id "* && $OUT == *"name"*"Z"* ]]
t_check "account show prints text without --json"

# "--" ends the options: a text may start with dashes.
ok said --deal "$deal" --json -- "--not an option"
is .text "--not an option"
ok said --deal "$deal" "-5% if signed this week" --json
is .text "-5% if signed this week"

finish
