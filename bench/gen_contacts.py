#!/usr/bin/env python3
"""Writes a contacts CSV as a CRM export would: N people at N/3 companies, plain headers,
a few quoted cells (a comma or a quote in a name or title), every e-mail distinct.

Usage: bench/gen_contacts.py N FILE [SEED]"""
import random
import sys

FIRST = ["Anna", "Ben", "Clara", "David", "Eva", "Felix", "Greta", "Hans", "Ines", "Jan",
         "Karla", "Lukas", "Maria", "Nils", "Olga", "Paul", "Rosa", "Sven", "Tina", "Uwe",
         "Zoë", "Jürgen", "Ana María", "Seán"]
LAST = ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker",
        "Schulz", "Hoffmann", "Koch", "Richter", "Klein", "Wolf", "Neumann", "O'Brien",
        "García", "Rossi", "Dubois", "Nowak"]
KINDS = ["GmbH", "AG", "Ltd", "Inc.", "SARL", "& Co", "Partners", "Group"]
WORDS = ["Alpen", "Nord", "Blue", "Rhein", "Lab", "Data", "Bau", "Medi", "Solar", "Logi",
         "Agri", "Fin", "Tech", "Print", "Food", "Auto"]
TITLES = ["CEO", "CTO", "Head of Sales", "Office Manager", "Buyer", "Engineer",
          "Director, Operations", "Partner", 'The "fixer"', ""]


def quote(s):
    if any(c in s for c in ',"\r\n'):
        return '"' + s.replace('"', '""') + '"'
    return s


def main():
    n = int(sys.argv[1])
    rnd = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 1)
    companies = max(1, n // 3)
    with open(sys.argv[2], "w", encoding="utf-8", newline="") as out:
        out.write("First Name,Last Name,Email,Phone,Company,Job Title\r\n")
        for i in range(n):
            c = rnd.randrange(companies)
            company = f"{WORDS[c % 16]}{WORDS[c // 16 % 16]} {c} {KINDS[c % 8]}"
            first, last = rnd.choice(FIRST), rnd.choice(LAST)
            email = f"p{i}@example{c % 1000}.com"
            phone = f"+49 30 {rnd.randrange(1000000, 9999999)}"
            row = [first, last, email, phone, company, rnd.choice(TITLES)]
            out.write(",".join(quote(x) for x in row) + "\r\n")


if __name__ == "__main__":
    main()
