#!/usr/bin/env bash
# The agenda's two promises over simulated months (tests/sim/agenda_sim.py): nothing
# slips, no items for dead deals, one situation one item, nothing nags. SIM_SEEDS and
# SIM_DAYS widen the search (make torture runs more seeds). On PostgreSQL each seed lives in
# a database of its own, and one seed by default: a command there costs what it costs on
# SQLite, and the engine's own paths (the parts made together, a server's connection reading
# a week of days ahead) are taken every other day of every seed.
source "${TESTLIB:-${BASH_SOURCE[0]%/*}/lib.sh}"

SIM=$(dirname "$TESTLIB")/../sim/agenda_sim.py
if [[ -n $T_PG_URL ]]; then
    seeds=${SIM_SEEDS:-7}
else
    seeds=${SIM_SEEDS:-3 7}
fi
for seed in $seeds; do
    db=$T_DIR/sim-$seed.db
    [[ -n $T_PG_URL ]] && db=$("$RAPPORT_PGTMP" createdb "$RAPPORT_TEST_PG_STATE")
    OUT=$($PY "$SIM" "$RAPPORT_BIN" "$seed" "${SIM_DAYS:-100}" "$db" 2>&1) ERR=
    [[ $OUT == ok:* ]]
    t_check "the agenda keeps its promises over ${SIM_DAYS:-100} days (seed $seed)"
done
finish
