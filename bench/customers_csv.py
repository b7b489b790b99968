"""A CSV of new customers for the import benchmark: phones the generator never used, 1% known."""
import csv, random, sys

path, existing, rows = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
# Names and places of customers sampled from the network (customers_lua.py), when given.
people = [l.rstrip("\n").split("\t") for l in open(sys.argv[5], encoding="utf-8") if l.strip()] if len(sys.argv) > 5 else []
# Each run imports people no earlier run created (the dataset is reused between runs).
offset = (int(sys.argv[4]) % 100_000) * 1_000 if len(sys.argv) > 4 else 0
random.seed(7)
first = ["Marco", "Giulia", "Luca", "Francesca", "Andrea", "Sara", "Matteo", "Elena", "Paolo", "Anna"]
last = ["Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Marino", "Greco"]
cities = [("Milano", "20121"), ("Monza", "20900"), ("Bergamo", "24121"), ("Torino", "10121"), ("Roma", "00184")]


def phone(i):  # the generator's formula (SyntheticCustomers.phone)
    return "+393%09d" % ((i * 7919 + 12345) % 1_000_000_000)


with open(path, "w", encoding="utf-8", newline="") as f:
    out = csv.writer(f, lineterminator="\n")
    out.writerow(["first_name", "last_name", "phone", "email", "postcode", "city"])
    for r in range(rows):
        i = random.randrange(existing) if r % 100 == 0 else existing + 10_000_000 + offset * 10 + r
        if people:
            # first name, last name and place drawn apart, as the generator does: drawing whole
            # people would make 200,000 new customers out of a few hundred name pairs
            fn, ln, (cap, city) = random.choice(people)[0], random.choice(people)[1], random.choice(people)[2:4]
        else:
            fn, ln = random.choice(first), random.choice(last)
            city, cap = random.choice(cities)
        local = ".".join("".join(ch for ch in part.lower() if ch.isalnum()) for part in (fn, ln))
        out.writerow([fn, ln, phone(i), f"{local}.b{offset}x{r}@example.org", cap, city])
