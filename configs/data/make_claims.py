"""Writes claims.csv: SparkSweep's own made-up, imbalanced two-class table (CC0 1.0)."""
import csv
import math
import random

rng = random.Random(20261206)
rows = []
for _ in range(2000):
    amount = rng.lognormvariate(6.0, 0.8)
    days_since_policy = rng.randint(1, 2000)
    prior_claims = min(int(rng.expovariate(0.8)), 9)
    hour = rng.randint(0, 23)
    witnesses = rng.choice([0, 0, 1, 1, 2, 3])
    repair_quote_ratio = round(rng.uniform(0.6, 1.8), 3)
    logit = (-3.4 + 0.9 * (math.log(amount) - 6.0) / 0.8 - 0.6 * (days_since_policy - 1000) / 577
             + 0.45 * prior_claims - 0.5 * witnesses + 1.8 * (repair_quote_ratio - 1.2)
             + (0.7 if hour < 5 else 0.0) + rng.gauss(0, 0.8))
    label = "review" if rng.random() < 1 / (1 + math.exp(-logit)) else "ok"
    rows.append([f"{amount:.2f}", days_since_policy, prior_claims, hour, witnesses, repair_quote_ratio, label])
with open("claims.csv", "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["amount", "days_since_policy", "prior_claims", "hour", "witnesses", "repair_quote_ratio", "outcome"])
    w.writerows(rows)
