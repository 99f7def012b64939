/* What some words of the vocabularies (rapport/model.h) mean to the rules of the practice. */
#include "rapport/rapport.h"
#include "base/banned.h"

int rp_meeting_minutes_needed(const char *kind)
{
    static const int minutes[] = {60, 45, 60, 45, 30, 30, 60, 30};
    int i = rp_vocab_index(rp_vocab_meeting_kind, kind);
    return i < 0 ? 0 : minutes[i];
}

int rp_stage_is_open(const char *stage)
{
    int i = rp_vocab_index(rp_vocab_stage, stage);
    return i >= 0 && i <= 4;
}
