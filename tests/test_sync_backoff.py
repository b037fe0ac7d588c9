"""The sender's backoff: doubling from 30 s to 6 h with jitter, never sooner than Retry-After."""

from __future__ import annotations

import random

from hypothesis import given
from hypothesis import strategies as st

from apa_desktop.sync.sender import BACKOFF_MAX_S, BACKOFF_MIN_S, backoff_seconds


@given(st.integers(min_value=0, max_value=200), st.one_of(st.none(), st.integers(min_value=0, max_value=50_000)),
       st.integers(min_value=0, max_value=2**32))
def test_backoff_stays_between_30_seconds_and_6_hours_unless_hq_asks_for_longer(attempts, retry_after, seed):
    wait = backoff_seconds(attempts, retry_after, random.Random(seed))
    assert wait >= BACKOFF_MIN_S and wait >= (retry_after or 0)
    assert wait <= max(BACKOFF_MAX_S, retry_after or 0)


def test_backoff_grows_with_each_failed_attempt_and_is_jittered():
    rng = random.Random(1)
    waits = [backoff_seconds(attempt, None, rng) for attempt in range(1, 12)]
    assert waits[0] <= 30 * 1.0 + 1e-9 and waits[5] > waits[0] and waits[-1] >= BACKOFF_MAX_S / 2
    assert len({round(backoff_seconds(4, None, random.Random(s))) for s in range(20)}) > 5
