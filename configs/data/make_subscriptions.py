"""Writes subscriptions.csv: SparkSweep's own made-up table with string columns and empty cells (CC0 1.0)."""
import csv
import random

rng = random.Random(20261205)
PLANS = {"basic": -1.0, "plus": 0.3, "pro": 1.2}
REGIONS = {"north": 0.5, "south": -0.5, "east": 0.0, "west": 0.8, "island": -1.2}
rows = []
for _ in range(1500):
    plan = rng.choice(list(PLANS))
    region = rng.choices(list(REGIONS), weights=[4, 4, 4, 4, 1])[0]
    age = rng.randint(18, 80)
    spend = round(rng.uniform(5, 120), 2)
    calls = rng.randint(0, 9)
    score = PLANS[plan] + REGIONS[region] + (spend - 60) / 40 - (calls - 4) / 3 + rng.gauss(0, 0.6)
    label = "stays" if score > 0.6 else ("downgrades" if score > -0.6 else "leaves")
    cells = [str(age), plan, region, f"{spend:.2f}", str(calls)]
    for j in (0, 2, 3):  # about 4 % empty cells in age, region and monthly_spend
        if rng.random() < 0.04:
            cells[j] = ""
    rows.append(cells + [label])
with open("subscriptions.csv", "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["age", "plan", "region", "monthly_spend", "support_calls", "outcome"])
    w.writerows(rows)
