/* What `rapport seed` writes with: a deterministic random stream, business-day arithmetic,
 * and small lists of names and sentences a sales rep at an office-IT firm would recognise.
 * Everything here is fiction; competitors and companies are made up. */
#include <assert.h>

#include "seed/seed_internal.h"

#include "base/date.h"
#include "base/banned.h"

uint64_t rp_seed_rand(struct seed_rng *r)
{
    uint64_t z = (r->s += UINT64_C(0x9e3779b97f4a7c15));
    z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
    return z ^ (z >> 31);
}

int64_t rp_seed_range(struct seed_rng *r, int64_t lo, int64_t hi)
{
    if (hi <= lo)
        return lo;
    return lo + (int64_t)(rp_seed_rand(r) % (uint64_t)(hi - lo + 1));
}

int rp_seed_chance(struct seed_rng *r, int permille)
{
    return rp_seed_rand(r) % 1000 < (uint64_t)permille;
}

const char *rp_seed_pick(struct seed_rng *r, const char *const *list)
{
    size_t n = 0;
    while (list[n])
        n++;
    assert(n);
    return list[rp_seed_rand(r) % n];
}

int rp_seed_weighted(struct seed_rng *r, const int *weights, int n)
{
    int64_t total = 0;
    for (int i = 0; i < n; i++)
        total += weights[i];
    int64_t x = rp_seed_range(r, 0, total - 1);
    for (int i = 0; i < n; i++) {
        if (x < weights[i])
            return i;
        x -= weights[i];
    }
    return n - 1;
}

/* Day 0 (1970-01-01) was a Thursday; shifted by 3, day 0 of a week is a Monday. */
static int64_t floor_div(int64_t a, int64_t b)
{
    return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

int64_t rp_seed_bday(int64_t day)
{
    int64_t s = day + 3, week = floor_div(s, 7), wd = s - week * 7;
    return week * 5 + (wd < 5 ? wd : 5);
}

int64_t rp_seed_bday_to_date(int64_t bday)
{
    int64_t week = floor_div(bday, 5), wd = bday - week * 5;
    return week * 7 + wd - 3;
}

int64_t rp_seed_instant(struct seed_clock *c, int64_t day, int minute)
{
    /* Daylight saving changes the offset at night; from 4:00 on, a day has noon's. */
    size_t i = (size_t)(day & 3);
    if (!c->known[i] || c->day[i] != day) {
        c->known[i] = 1;
        c->day[i] = day;
        c->noon[i] = rp_local_instant(day, 12, 0);
    }
    return c->noon[i] + (int64_t)(minute - 12 * 60) * 60;
}

/* ---- people and companies ------------------------------------------------------------ */

const char *const rp_seed_first_names[] = {
    "James",   "Mary",      "Robert",  "Patricia", "John",    "Jennifer", "Michael", "Linda",
    "David",   "Elizabeth", "William", "Barbara",  "Richard", "Susan",    "Joseph",  "Jessica",
    "Thomas",  "Sarah",     "Carlos",  "Karen",    "Daniel",  "Lisa",     "Matthew", "Nancy",
    "Anthony", "Sandra",    "Mark",    "Ashley",   "Steven",  "Emily",    "Paul",    "Donna",
    "Andrew",  "Michelle",  "Kevin",   "Carol",    "Brian",   "Amanda",   "George",  "Melissa",
    "Priya",   "Deborah",   "Wei",     "Laura",    "Ahmed",   "Rebecca",  "Omar",    "Sharon",
    "Raj",     "Cynthia",   "Luis",    "Kathleen", "Hiroshi", "Amy",      "Ivan",    "Angela",
    "Tomasz",  "Maria",     "Kwame",   "Fatima",   "Sean",    "Ingrid",   "Diego",   "Aisha",
    "Erik",    "Yuki",      "Connor",  "Nadia",    "Mateo",   "Grace",    NULL};

const char *const rp_seed_last_names[] = {
    "Smith",     "Johnson",  "Williams",  "Brown",   "Jones",    "Garcia",   "Miller",   "Davis",
    "Rodriguez", "Martinez", "Hernandez", "Lopez",   "Gonzalez", "Wilson",   "Anderson", "Thomas",
    "Taylor",    "Moore",    "Jackson",   "Martin",  "Lee",      "Perez",    "Thompson", "White",
    "Harris",    "Sanchez",  "Clark",     "Ramirez", "Lewis",    "Robinson", "Walker",   "Young",
    "Allen",     "King",     "Wright",    "Scott",   "Torres",   "Nguyen",   "Hill",     "Flores",
    "Green",     "Adams",    "Nelson",    "Baker",   "Hall",     "Rivera",   "Campbell", "Mitchell",
    "Carter",    "Roberts",  "Patel",     "Chen",    "Kim",      "Okafor",   "Novak",    "Kowalski",
    "Schmidt",   "Rossi",    "Larsen",    "Murphy",  "OBrien",   "Singh",    "Tanaka",   "Haddad",
    "Mensah",    "Petrov",   "Fischer",   "Dubois",  "Silva",    "Cohen",    "Brennan",  "Sullivan",
    "Price",     "Hughes",   "Foster",    "Reyes",   "Bailey",   "Cooper",   NULL};

const char *const rp_seed_name_heads[] = {
    "North",   "Blue",   "Silver",  "Oak",   "River",  "Summit",   "Cedar",  "Harbor",
    "Granite", "Maple",  "Pioneer", "Lake",  "Iron",   "Sun",      "Red",    "Green",
    "Stone",   "Bright", "Eagle",   "Pine",  "Golden", "Clear",    "West",   "East",
    "High",    "Fox",    "Bay",     "Elm",   "Crest",  "Frontier", "Willow", "Birch",
    "Copper",  "Meadow", "Falcon",  "Aspen", NULL};

const char *const rp_seed_name_tails[] = {
    "field", "wood",  "bridge", "gate", "view", "point", "brook", "ridge", "line",
    "way",   "side",  "haven",  "mont", "ford", "well",  "star",  "peak",  "land",
    "dale",  "water", "hill",   "park", "vale", "crest", NULL};

const char *const rp_seed_legal[] = {"", "", "", "LLC", "Inc.", "Ltd.", "& Co.", "Group", NULL};

const char *const rp_seed_tlds[] = {"com", "com", "com", "net", "co", "biz", "org", NULL};

#define WORDS(...)                                                                                 \
    (const char *const[])                                                                          \
    {                                                                                              \
        __VA_ARGS__, NULL                                                                          \
    }

const struct seed_industry rp_seed_industries[] = {
    {"dental practice", WORDS("Dental", "Dental Care", "Family Dentistry")},
    {"law firm", WORDS("Law Group", "Legal", "Law Partners")},
    {"accounting", WORDS("Accounting", "Tax & Advisory", "CPAs")},
    {"architecture", WORDS("Architects", "Design Studio", "Architecture")},
    {"logistics", WORDS("Logistics", "Freight", "Distribution")},
    {"manufacturing", WORDS("Manufacturing", "Industries", "Fabrication")},
    {"real estate", WORDS("Realty", "Properties", "Real Estate")},
    {"construction", WORDS("Builders", "Construction", "Contracting")},
    {"veterinary clinic", WORDS("Veterinary", "Animal Hospital", "Vet Clinic")},
    {"medical clinic", WORDS("Medical", "Health", "Family Clinic")},
    {"marketing agency", WORDS("Media", "Creative", "Marketing")},
    {"software", WORDS("Software", "Labs", "Systems")},
    {"insurance broker", WORDS("Insurance", "Risk Partners", "Brokers")},
    {"engineering", WORDS("Engineering", "Engineers", "Technical Services")},
    {"hospitality", WORDS("Hotels", "Hospitality", "Inn")},
    {"retail", WORDS("Outfitters", "Supply", "Stores")},
    {"nonprofit", WORDS("Foundation", "Trust", "Community Services")},
    {"education", WORDS("Academy", "Learning Center", "School")},
    {"fitness", WORDS("Fitness", "Athletic Club", "Wellness")},
    {"restaurant group", WORDS("Kitchen", "Hospitality Group", "Restaurants")},
};
const size_t rp_seed_nindustries = sizeof(rp_seed_industries) / sizeof(rp_seed_industries[0]);

const char *const rp_seed_competitors[] = {"Brightline IT",
                                           "Corvus Networks",
                                           "Metro Office Systems",
                                           "TechServe",
                                           "Pinnacle Managed Services",
                                           "Blue Harbor Telecom",
                                           "NetNorth",
                                           "Allied Business Tech",
                                           "Cobalt IT",
                                           "Summit Tech Partners",
                                           "Ridgeline Communications",
                                           "Keystone Office Solutions",
                                           NULL};

const char *const rp_seed_needs[] = {"faster help-desk answers for the whole office",
                                     "phones that follow people to their mobiles",
                                     "network, phones and cabling in the new building",
                                     "a backup that someone actually tests",
                                     "laptops and accounts ready on a new hire's first day",
                                     "one provider instead of three",
                                     "Wi-Fi that reaches the back offices",
                                     "a firewall and security audit the insurer accepts",
                                     "printing costs under control",
                                     "moving e-mail and files to the cloud",
                                     "someone on site within four hours when things break",
                                     NULL};

const char *const rp_seed_processes[] = {"monthly partners' meeting, first Tuesday",
                                         "annual budget review in March",
                                         "weekly management meeting on Mondays",
                                         "owner decides; the office manager recommends",
                                         "board approves anything over 20,000",
                                         "CFO signs off after the IT review",
                                         "two partners must agree",
                                         "quarterly budget meeting",
                                         NULL};

/* ---- what they claim, what we say ------------------------------------------------------ */

const char *const rp_seed_claims[] = {"we have a binding contract with our current provider",
                                      "we value local companies",
                                      "our current provider is much cheaper",
                                      "we need 24-hour support",
                                      "the owner makes every decision alone",
                                      "we can't switch before the end of the year",
                                      "our IT person can do all of this in-house",
                                      "we had a bad experience with a provider like you",
                                      "the board has already approved the budget",
                                      "we are getting three quotes",
                                      "we can't have any downtime during the switch",
                                      "our staff won't accept a new phone system",
                                      "our current contract renews automatically in March",
                                      NULL};

/* By claim status: unverified (unused), clarified, verified, contradicted. */
const char *const rp_seed_claim_notes[][5] = {
    {"", NULL},
    {"gave an example: last outage took two days to fix",
     "explained: 'local' means on site within the hour",
     "they meant the notice period, not the contract", "showed us their three-year plan", NULL},
    {"saw the contract: ends on the 30th of June", "checked the quote they forwarded",
     "confirmed by the office manager", "the minutes of the board meeting say so", NULL},
    {"contract ended last year; they are month-to-month",
     "their 'cheaper' quote leaves out support", "the partner decides, not the owner",
     "the budget was never approved", NULL},
};

const char *const rp_seed_statements[] = {"quoted 12% off if signed before month end",
                                          "told them installation takes two weeks",
                                          "promised a loaner phone system during the move",
                                          "said our help desk answers within 15 minutes",
                                          "told them there is no setup fee",
                                          "offered a 30-day cancellation clause in year one",
                                          "told them pricing is fixed for three years",
                                          "promised a weekend cutover at no extra cost",
                                          "said we include on-site training for ten staff",
                                          "told them we're local: twenty minutes away",
                                          "said the backup is tested every month and reported",
                                          NULL};

/* By loss reason, in rp_vocab_loss_reason order. */
const char *const rp_seed_loss_notes[] = {"came in about 15% cheaper",
                                          "could install two weeks sooner",
                                          "offered 24-hour phone support",
                                          "had the accounting integration they needed",
                                          "they went with the firm their partner trusts",
                                          "chose to wait until next budget year",
                                          "the owner's brother-in-law runs the other firm",
                                          "decided to stay with their current setup",
                                          "moved the project in-house",
                                          NULL};

/* ---- what activities say ---------------------------------------------------------------- */

static const char *const say_first_in[] = {
    "Enquiry via the website form",
    "Called after a client recommended us",
    "Asked for a quote by e-mail",
    "Met at the chamber of commerce breakfast; asked us to call",
    "Replied to our mailing about the move",
    NULL};
static const char *const say_cold[] = {"Cold call: unhappy with their provider's response times",
                                       "Cold call: interested, asked for a callback",
                                       "Cold call: reached the office manager",
                                       "Cold call: growing fast, IT is a headache", NULL};
static const char *const say_attempt[] = {
    "No answer at reception", "Left a voicemail asking for a callback",
    "Sent a short e-mail to follow up", "Out of office until Monday", NULL};
static const char *const say_reached[] = {"Caught them between meetings", "They called back",
                                          "Replied to my e-mail", "Short call: still interested",
                                          NULL};
static const char *const say_qualify[] = {"Qualifying call: budget, timeline and who decides",
                                          "Walked through their setup and pain points",
                                          "Discussed the move date and headcount",
                                          "They explained how decisions are made", NULL};
static const char *const say_meeting[] = {"Good meeting; they want to see pricing",
                                          "Met the partners; concerns about downtime",
                                          "Walked the office; cabling is worse than they think",
                                          "Demo went well",
                                          "They asked for references",
                                          NULL};
static const char *const say_note[] = {"CFO worried about switching costs",
                                       "Office manager is our champion",
                                       "Current provider's contract has a 90-day notice",
                                       "Need a quote for 5 extra seats",
                                       "They compare us with a cheaper offer",
                                       NULL};
static const char *const say_confirm[] = {"Confirmed for tomorrow", "See you at 10",
                                          "Running 5 minutes late", NULL};
static const char *const say_move[] = {"Asked to move the meeting; partner is away",
                                       "Sick today, can we reschedule?", NULL};
static const char *const say_proposal[] = {"Sent the proposal and pricing",
                                           "Sent the revised proposal",
                                           "Sent proposal with two options", NULL};
static const char *const say_chase[] = {
    "Following up on the proposal", "Checking whether they had questions",
    "Left a voicemail about the proposal", "Asked whether the decision date still holds", NULL};
static const char *const say_negotiate[] = {"They asked for a discount on the three-year term",
                                            "Negotiated the start date", "Discussed payment terms",
                                            "They want the cancellation clause", NULL};
static const char *const say_signed[] = {"Signed contract received", "Signed at the meeting",
                                         "Verbal yes; paperwork signed today", NULL};
static const char *const say_lost[] = {"Told us they chose another provider",
                                       "Decided not to go ahead with us", NULL};
static const char *const say_revived[] = {"Wait, we're not done: still deciding",
                                          "Sorry for the silence; let's talk next week", NULL};
static const char *const say_room[] = {"Asked us not to call before the budget review",
                                       "Busy with the year end; asked for a few weeks",
                                       "Owner is travelling; call after she's back", NULL};
static const char *const say_checkin[] = {"Check-in: all good",
                                          "Check-in: asked about adding two new hires",
                                          "Check-in: one printer issue, solved",
                                          "Visited; met the new office manager",
                                          "Quarterly review of tickets",
                                          NULL};
static const char *const say_update[] = {"Small update: new security patch rolled out",
                                         "Sent the quarterly service report",
                                         "Told them about the holiday support hours", NULL};
static const char *const say_card[] = {"Thank-you card after signing", "Handwritten thank-you card",
                                       NULL};
static const char *const say_noshow[] = {"They did not come and did not warn",
                                         "Sorry we missed you: shall we find a new time?", NULL};

static const char *const say_agree[] = {"Call after their partners' meeting",
                                        "Go through the revised pricing together",
                                        "Hear back on the board's decision",
                                        "Confirm the install date",
                                        "Call once they have read the proposal",
                                        "Talk about the contract terms",
                                        "Check the references they asked for",
                                        "Call after the budget review",
                                        NULL};

const char *const *const rp_seed_says[SAY_COUNT] = {
    [SAY_FIRST_IN] = say_first_in, [SAY_COLD] = say_cold,       [SAY_ATTEMPT] = say_attempt,
    [SAY_REACHED] = say_reached,   [SAY_QUALIFY] = say_qualify, [SAY_MEETING] = say_meeting,
    [SAY_NOTE] = say_note,         [SAY_CONFIRM] = say_confirm, [SAY_MOVE] = say_move,
    [SAY_PROPOSAL] = say_proposal, [SAY_CHASE] = say_chase,     [SAY_NEGOTIATE] = say_negotiate,
    [SAY_SIGNED] = say_signed,     [SAY_LOST] = say_lost,       [SAY_REVIVED] = say_revived,
    [SAY_ROOM] = say_room,         [SAY_CHECKIN] = say_checkin, [SAY_UPDATE] = say_update,
    [SAY_CARD] = say_card,         [SAY_NOSHOW] = say_noshow,   [SAY_AGREE] = say_agree,
};
