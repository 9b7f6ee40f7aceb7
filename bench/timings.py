"""What the benchmark scripts' summaries read back: hyperfine's JSON and GNU time's lines."""
import json
import os
import statistics


def walls(tmp, section):
    """The wall times of each command of a hyperfine run, in the order it ran them."""
    with open(os.path.join(tmp, section + ".json")) as f:
        return [r["times"] for r in json.load(f)["results"]]


def medians(tmp, section):
    return [statistics.median(times) for times in walls(tmp, section)]


def gnu_time(tmp, label, warmup):
    """(CPU seconds, user + sys, of each measured run; peak RSS in KiB over the measured runs)"""
    rows = []
    with open(os.path.join(tmp, "time-" + label + ".txt")) as f:
        for line in f:
            parts = line.split()
            if len(parts) == 4:
                try:
                    rows.append([float(p) for p in parts])
                except ValueError:
                    pass
    rows = rows[warmup:]
    return [r[1] + r[2] for r in rows], max(r[3] for r in rows)
