"""Writes rentals.csv: SparkSweep's own made-up regression table (CC0 1.0).

The monthly rent is linear in the features plus Gaussian noise of sd 40, so the best possible test RMSE is about
40: a search whose winner comes close to it has found the relation.
"""
import random

rng = random.Random(20261207)
DISTRICT = {"centre": 420.0, "north": 120.0, "south": 0.0, "riverside": 260.0}
rows = []
for _ in range(1500):
    area = round(rng.uniform(25, 140), 1)
    rooms = rng.randint(1, 5)
    age = rng.randint(0, 80)
    floor = rng.randint(0, 12)
    district = rng.choice(list(DISTRICT))
    balcony = rng.choice(["yes", "no"])
    rent = (300 + 9.5 * area + 45 * rooms - 3.2 * age + 6 * floor + DISTRICT[district]
            + (35 if balcony == "yes" else 0) + rng.gauss(0, 40))
    rows.append([area, rooms, age, floor, district, balcony, f"{rent:.2f}"])
with open("rentals.csv", "w") as f:
    f.write("area_m2,rooms,age_years,floor,district,balcony,rent\n")
    for r in rows:
        f.write(",".join(str(v) for v in r) + "\n")
