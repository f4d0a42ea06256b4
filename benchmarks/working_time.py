"""Time the working-time engine: microseconds per due-date computation, by unit, and due
times per second on one core (issue 4 asks at least 50,000 for working days).

Run: .venv/bin/python benchmarks/working_time.py
"""

import datetime as dt
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from chuan.core.working_time import VIETNAM, Unit, WorkingCalendar

CAL = WorkingCalendar()
START = dt.datetime(2026, 1, 5, 9, 0, tzinfo=VIETNAM)
CASES = {
    Unit.WORKING_HOURS: 16,
    Unit.WORKING_DAYS: 15,
    Unit.CALENDAR_DAYS: 30,
    Unit.MONTHS: 2,
    Unit.SAME_DAY: 0,
}


def main() -> None:
    CAL.due(START, 1, Unit.WORKING_DAYS)  # warm the holiday table
    for unit, amount in CASES.items():
        samples = []
        for i in range(2000):
            received = START + dt.timedelta(hours=7 * i)
            began = time.perf_counter()
            CAL.due(received, amount, unit)
            samples.append((time.perf_counter() - began) * 1e6)
        samples.sort()
        print(
            f"{unit:14} amount {amount:3}: median {statistics.median(samples):6.1f} µs, "
            f"p95 {samples[int(len(samples) * 0.95)]:6.1f} µs"
        )
    received = [START + dt.timedelta(minutes=37 * i) for i in range(100_000)]
    began = time.perf_counter()
    for moment in received:
        CAL.due(moment, 15, Unit.WORKING_DAYS)
    rate = len(received) / (time.perf_counter() - began)
    print(f"working_days throughput: {rate:,.0f} due times per second on one core")


if __name__ == "__main__":
    main()
