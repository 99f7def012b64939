#!/usr/bin/env bash
# The agenda's two promises over simulated months (tests/sim/agenda_sim.py): nothing
# slips, no items for dead deals, one situation one item, nothing nags. SIM_SEEDS and
# SIM_DAYS widen the search (make torture runs more seeds).
source "${TESTLIB:-${BASH_SOURCE[0]%/*}/lib.sh}"

SIM=$(dirname "$TESTLIB")/../sim/agenda_sim.py
for seed in ${SIM_SEEDS:-3 7}; do
    OUT=$($PY "$SIM" "$RAPPORT_BIN" "$seed" "${SIM_DAYS:-100}" 2>&1) ERR=
    [[ $OUT == ok:* ]]
    t_check "the agenda keeps its promises over ${SIM_DAYS:-100} days (seed $seed)"
done
finish
