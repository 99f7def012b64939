/* Who the seeded accounts are: company names and profiles (why they talk to us, how
 * urgent, how to persist), the people who decide and the rest, and what they buy, all
 * drawn from the random stream. seed_plan.c then plays out their history. */
#include <stdio.h>
#include <string.h>

#include "seed/seed_internal.h"
#include "rapport/rapport.h"
#include "base/banned.h"

/* Appends the lowercase ASCII letters of S to OUT (of SIZE bytes). */
static void slug(char *out, size_t size, const char *s)
{
    size_t n = strlen(out);
    for (; *s && n + 1 < size; s++)
        if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z'))
            out[n++] = (char)(*s | 0x20);
    out[n] = '\0';
}

static void make_name(struct seed_book *b, struct seed_account *a)
{
    struct seed_rng *r = &b->rng;
    const struct seed_industry *ind =
        &rp_seed_industries[rp_seed_range(r, 0, (int64_t)rp_seed_nindustries - 1)];
    const char *head = rp_seed_pick(r, rp_seed_name_heads);
    const char *tail = rp_seed_pick(r, rp_seed_name_tails), *word = rp_seed_pick(r, ind->words);
    const char *legal = rp_seed_pick(r, rp_seed_legal);
    char first_word[32];
    snprintf(a->name, sizeof(a->name), "%s%s %s%s%s", head, tail, word, *legal ? " " : "", legal);
    snprintf(first_word, sizeof(first_word), "%.*s", (int)strcspn(word, " "), word);
    a->domain[0] = '\0';
    slug(a->domain, sizeof(a->domain), head);
    slug(a->domain, sizeof(a->domain), tail);
    slug(a->domain, sizeof(a->domain), first_word);
    size_t n = strlen(a->domain);
    snprintf(a->domain + n, sizeof(a->domain) - n, ".%s", rp_seed_pick(r, rp_seed_tlds));
    a->industry = ind->name;
}

/* Why they talk to us, how urgent it is, how to persist, what they have now. */
static void make_profile(struct seed_book *b, struct seed_account *a)
{
    static const int triggers[] = {80, 70, 100, 70, 120, 120, 150, 250, 40, 10}; /* last: unknown */
    static const int urgency[] = {10, 30, 35, 25}, style[] = {25, 55, 20}, risk[] = {30, 45, 25};
    static const int binding[] = {30, 30, 40};
    static const char *const binding_words[] = {"yes", "no", "unknown"};
    struct seed_rng *r = &b->rng;
    int t = rp_seed_weighted(r, triggers, 10);
    a->trigger = t < 9 ? rp_vocab_trigger[t] : NULL;
    a->need = rp_seed_chance(r, 900) ? rp_seed_pick(r, rp_seed_needs) : NULL;
    a->urgency = rp_vocab_urgency[rp_seed_weighted(r, urgency, 4)];
    a->style = rp_vocab_style[rp_seed_weighted(r, style, 3)];
    a->risk = rp_vocab_risk[rp_seed_weighted(r, risk, 3)];
    a->provider = rp_seed_chance(r, 650) ? rp_seed_pick(r, rp_seed_competitors) : NULL;
    a->contract_ends = -1;
    if (t == 4)
        a->contract_ends = b->btoday + rp_seed_range(r, 15, 110);
    else if (a->provider && rp_seed_chance(r, 300))
        a->contract_ends = b->btoday + rp_seed_range(r, -60, 250);
    a->binding = a->provider ? binding_words[rp_seed_weighted(r, binding, 3)] : NULL;
}

/* Titles by role, in rp_vocab_role order. */
static const char *const *const role_titles[] = {
    (const char *const[]){"Owner", "Managing Director", "CEO", "Managing Partner",
                          "General Manager", NULL},
    (const char *const[]){"CFO", "COO", "Partner", "Finance Director", "Co-owner", NULL},
    (const char *const[]){"Senior Partner", "Chairman", "Board Member", "Founder", NULL},
    (const char *const[]){"IT Manager", "Office Manager", "Operations Manager", NULL},
    (const char *const[]){"Team Lead", "Administrator", "Senior Associate", NULL},
    (const char *const[]){"Executive Assistant", "Receptionist", "Practice Manager", NULL},
    (const char *const[]){"Consultant", NULL},
};

static void make_contact(struct seed_book *b, struct seed_account *a, int i, int role)
{
    static const char *const areas[] = {"212", "312", "415", "617", "206",
                                        "303", "512", "404", NULL};
    struct seed_rng *r = &b->rng;
    struct seed_contact *c = &a->contact[i];
    const char *first = rp_seed_pick(r, rp_seed_first_names);
    const char *last = rp_seed_pick(r, rp_seed_last_names);
    char local[64] = "";
    snprintf(c->name, sizeof(c->name), "%s %s", first, last);
    c->role = role;
    c->title = role < 6 || rp_seed_chance(r, 300) ? rp_seed_pick(r, role_titles[role]) : NULL;
    c->primary = 0;
    c->email[0] = c->phone[0] = '\0';
    char initial[2] = {first[0], '\0'};
    int form = (int)rp_seed_range(r, 0, 9); /* flast, first.last or first */
    slug(local, sizeof(local), form < 2 ? initial : first);
    if (form >= 2 && form < 8)
        snprintf(local + strlen(local), sizeof(local) - strlen(local), ".");
    if (form < 8)
        slug(local, sizeof(local), last);
    if (rp_seed_chance(r, 920))
        snprintf(c->email, sizeof(c->email), "%s@%s", local, a->domain);
    if (rp_seed_chance(r, 850))
        snprintf(c->phone, sizeof(c->phone), "+1 %s 555 01%02d", rp_seed_pick(r, areas),
                 (int)rp_seed_range(r, 0, 99));
}

/* The role of the first two people by the shape of the decision: an owner who decides,
 * two equal partners, or an owner with a senior partner's veto. -1: anyone. */
static int decider_role(int shape, int i)
{
    static const int roles[3][2] = {{0, -1}, {1, 1}, {0, 2}};
    return shape < 3 && i < 2 ? roles[shape][i] : -1;
}

/* 2 to 6 people: who decides and who else; a few accounts where nobody known decides. */
static void make_contacts(struct seed_book *b, struct seed_account *a)
{
    static const int count[] = {25, 30, 25, 12, 8}, shape[] = {700, 150, 140, 10};
    static const int others[] = {0, 5, 0, 30, 30, 20, 15};
    struct seed_rng *r = &b->rng;
    int n = 2 + rp_seed_weighted(r, count, 5), s = rp_seed_weighted(r, shape, 4);
    a->ncontacts = n;
    for (int i = 0; i < n; i++) {
        int role = decider_role(s, i);
        if (role < 0)
            role = rp_seed_weighted(r, others, 7);
        if (s == 3 && role < 3)
            role = 6; /* the qualify rule will ask who decides */
        make_contact(b, a, i, role);
    }
    /* Now and then the office manager is the one we deal with. */
    a->primary = 0;
    for (int i = 1; i < n && !a->primary; i++)
        if (a->contact[i].role == 3 && rp_seed_chance(r, 250))
            a->primary = i;
    a->contact[a->primary].primary = 1;
}

struct product {
    const char *head, *tail; /* the title around the number of seats */
    int lo, hi;              /* price per seat, dollars */
    int monthly;             /* billed per month, sold by the year */
};

static const struct product products[] = {
    {"Managed IT for ", " seats", 35, 95, 1},
    {"Phone system (VoIP), ", " lines", 20, 45, 1},
    {"Help desk support, ", " users", 25, 60, 1},
    {"Backup and disaster recovery, ", " users", 10, 30, 1},
    {"Network and Wi-Fi for the new office, ", " desks", 150, 400, 0},
    {"Cabling and phones for the move, ", " desks", 120, 350, 0},
    {"Laptop refresh, ", " units", 900, 1600, 0},
    {"Security audit and firewall, ", " users", 40, 120, 0},
    {"Copier and print fleet, ", " staff", 8, 20, 1},
    {"Cloud migration, ", " mailboxes", 60, 150, 0},
};
static const struct product upsells[] = {
    {"Expansion: ", " more seats", 35, 95, 1},
    {"Training package for ", " staff", 80, 200, 0},
    {"Support upgrade to 24/7, ", " users", 15, 40, 1},
    {"Renewal: ", " seats, three years", 35, 90, 1},
};

static const struct product *pick_product(struct seed_rng *r, const char *trigger, int upsell)
{
    if (upsell)
        return &upsells[rp_seed_range(r, 0, 3)];
    if (trigger && (!strcmp(trigger, "moving") || !strcmp(trigger, "new-office")) &&
        rp_seed_chance(r, 600))
        return &products[rp_seed_range(r, 4, 5)];
    if (trigger && !strcmp(trigger, "contract-ending") && rp_seed_chance(r, 600))
        return &products[rp_seed_range(r, 0, 2)];
    return &products[rp_seed_range(r, 0, 9)];
}

static void make_deal(struct seed_book *b, struct seed_account *a, int k)
{
    static const int bins[] = {35, 35, 20, 8, 2};
    static const int lo[] = {3, 10, 25, 60, 151}, hi[] = {9, 24, 59, 150, 400};
    struct seed_rng *r = &b->rng;
    struct seed_deal *d = &a->deal[k];
    const struct product *pr = pick_product(r, a->trigger, d->upsell);
    int bin = rp_seed_weighted(r, bins, 5);
    int seats = (int)rp_seed_range(r, lo[bin], hi[bin]);
    int64_t dollars = (int64_t)seats * rp_seed_range(r, pr->lo, pr->hi) * (pr->monthly ? 12 : 1);
    snprintf(d->title, sizeof(d->title), "%s%d%s", pr->head, seats, pr->tail);
    d->value_cents = (dollars + 50) / 100 * 100 * 100;
    if (d->value_cents < 50000)
        d->value_cents = 50000;
    d->competitor = rp_seed_chance(r, 400) ? rp_seed_pick(r, rp_seed_competitors) : NULL;
}

/* One to three deals, one after the other; only the newest may still be open. */
static void make_deals(struct seed_book *b, struct seed_account *a)
{
    static const int count[] = {80, 16, 4};
    static const int fresh[] = {42, 36, 22}, again[] = {60, 25, 15}; /* won, lost, none */
    struct seed_rng *r = &b->rng;
    int won = 0;
    a->ndeals = 1 + rp_seed_weighted(r, count, 3);
    for (int k = 0; k < a->ndeals; k++) {
        struct seed_deal *d = &a->deal[k];
        *d = (struct seed_deal){0};
        d->upsell = won;
        if (k == a->ndeals - 1 && rp_seed_chance(r, 150))
            d->stage = S_LEAD; /* open: open_deal() decides how far it got */
        else
            d->stage = S_WON + rp_seed_weighted(r, won ? again : fresh, 3);
        won |= d->stage == S_WON;
        make_deal(b, a, k);
    }
}

void rp_seed_make_account(struct seed_book *b, struct seed_account *a)
{
    make_name(b, a);
    make_profile(b, a);
    make_contacts(b, a);
    make_deals(b, a);
}
