# config get | set: the thresholds of DESIGN.md section 4, currency, zone and mail.
source "$TESTLIB"

ok config get --json
is . '{"currency":"USD","tz":"","user":"","grace.direct":"0","grace.standard":"1","grace.gentle":"3","push.touches":"3","push.silence-days":"14","push.ignored-days":"14","retry.direct":"2","retry.standard":"3","retry.gentle":"5","stale.lead":"30","stale.qualified":"20","stale.meeting":"15","stale.proposal":"10","stale.negotiation":"10","checkin.retry-days":"5","payment.retry-days":"5","contract.notice-days":"60","workdays":"mon-fri","holidays":"","noshow.days":"7","thankyou.days":"14","decision.window-days":"90","smtp.url":"","smtp.from":"","smtp.user":"","smtp.password-file":"","draft.locale":"en-US","draft.sender":"","draft.signature":"","forecast.lead":"10","forecast.qualified":"20","forecast.meeting":"40","forecast.proposal":"60","forecast.negotiation":"80","server.public-url":"","database.url":"","audit.keep-days":"365"}'
ok config get
has "grace.gentle"
[[ $OUT == *"push.silence-days"*"14"* ]]
t_check "config get lists the settings with their values"
ok config get grace.standard
eq "$OUT" 1 "config get grace.standard"
ok config get noshow.days --json
is . '{"noshow.days":"7"}'

ok config set grace.standard 2 --json
is . '{"grace.standard":"2"}'
ok config get grace.standard
eq "$OUT" 2 "grace.standard after set"
ok config set push.touches 5
eq "$OUT" "push.touches = 5" "text output"
ok config set smtp.url smtp://mail.example.com:587
ok config set smtp.from "sales@example.com"
ok config set smtp.user "sales user"
ok config set smtp.password-file /run/secrets/smtp
ok config get --json
is '[d[k] for k in ("grace.standard", "push.touches", "smtp.url", "smtp.from", "smtp.password-file")]' \
    '["2","5","smtp://mail.example.com:587","sales@example.com","/run/secrets/smtp"]'
# No value: back to the default.
ok config set push.touches --json
is . '{"push.touches":"3"}'
ok config set smtp.url
eq "$OUT" "smtp.url = (unset)" "text output of a reset"

same_db fails 4 config set nonsense 1
has_err "unknown setting 'nonsense'"
same_db fails 4 config get nonsense
same_db fails 2 config set
same_db fails 4 config set grace.direct -1
same_db fails 4 config set grace.direct soon
same_db fails 4 config set noshow.days 3651
same_db fails 4 config set currency EURO
same_db fails 4 config set currency 123
same_db fails 4 config set smtp.url http://mail.example.com
same_db fails 4 config set smtp.from not-an-address
same_db fails 4 config set tz Mars/Olympus
same_db fails 4 config set tz ../../etc/passwd
same_db fails 2 config set a b c

# currency: the default of new deals and invoices (kept upper case).
ok config set currency eur
eq "$OUT" "currency = EUR" "currency is kept upper case"
ok account add "Café Müller" --json
ok deal add "Espresso machines" --account 1 --value 4,500 --json
is .currency EUR
ok invoice add --account 1 --amount 10 --due 2026-12-01 --json
is .currency EUR
ok deal add "In francs" --account 1 --currency chf --json
is .currency CHF
# An empty value is the default again, like no value.
ok config set currency "" --json
is . '{"currency":"USD"}'
ok deal add "In dollars" --account 1 --json
is .currency USD

# tz: the user's zone when --tz is not given; --tz still wins.
ok config set tz Pacific/Auckland
ok agree --deal 1 --on 2026-12-10 --json --now 2026-11-23T13:00:00Z
is .made_on 2026-11-24
ok agree --deal 1 --on 2026-12-10 --json --now 2026-11-23T13:00:00Z --tz UTC
is .made_on 2026-11-23
ok config set tz
ok agree --deal 1 --on 2026-12-10 --json --now 2026-11-23T13:00:00Z
is .made_on 2026-11-23

finish
