#!/usr/bin/env python3
"""Writes machines.csv, SparkSweep's own small example data set (public domain, CC0).

600 rows of made-up sensor readings from a machine in one of three states. The label comes first and is a
string; the eight features are numbers on different scales, so scaling matters. Deterministic: seed 7.
Run from this folder: python3 make_machines.py
"""
import math
import random

rng = random.Random(7)
STATES = {
    # state: (temperature C, vibration mm/s, current A, rpm)
    "idle": (41.0, 0.6, 2.1, 0.0),
    "running": (58.0, 2.4, 11.5, 1480.0),
    "fault": (71.0, 5.1, 13.8, 1320.0),
}
rows = []
for i in range(600):
    state = ["idle", "running", "fault"][i % 3]
    t, v, c, r = STATES[state]
    temp = rng.gauss(t, 6.0)
    vib = abs(rng.gauss(v, 1.1))
    cur = abs(rng.gauss(c, 2.5))
    rpm = max(0.0, rng.gauss(r, 180.0 if r else 20.0))
    hum = rng.uniform(20, 80)
    noise = rng.gauss(0, 1)
    load = cur * (0.8 + 0.4 * rng.random())
    phase = math.sin(rng.uniform(0, math.pi)) * (1.5 if state == "fault" else 1.0)
    rows.append((state, temp, vib, cur, rpm, hum, noise, load, phase))
rng.shuffle(rows)
with open("machines.csv", "w") as f:
    f.write("state,temperature,vibration,current,rpm,humidity,noise,load,phase\n")
    for row in rows:
        f.write(row[0] + "," + ",".join("%.3f" % x for x in row[1:]) + "\n")
