"""The results tests' known data set (fixture ``known``): two closed cooperation rounds whose figures are checked
by hand.

2024 (the round shown), submitted answers of IT, DE, ES and PL (AT's draft does not count):

- France is rated by four countries: quality 2, 4, 5, 3 (median 3.5); urgent answer times 24h, 4h, 3d, 24h
  (median band "4 to 24 hours"); other answer times 7d, 3d, 14d, 7d ("3 to 7 days"); requests the four sent it
  11-50, 51-200, 1-10, 201-1000 (lower middle band "11 to 50").
- Italy is rated by two (DE, ES): "not enough answers". Germany and Spain by one each.

2023 (the previous round): France rated 2, 2, 3 by IT, DE, ES (median 2): the change is up 1.5.
Response rate 2024: 4 of the 27 Member States answered (15%).
"""

from typing import Any

import pytest

YEAR, PREVIOUS = 2024, 2023


@pytest.fixture
def known(make_round, make_answer) -> dict[str, Any]:
    previous = make_round(year=PREVIOUS, status="closed")
    for country, quality in (("IT", 2), ("DE", 2), ("ES", 3)):
        make_answer(previous, country, {"FR": {"quality": quality}}, status="submitted")
    current = make_round(year=YEAR, status="closed")
    make_answer(current, "IT", {"FR": {"quality": 2, "requests_sent": "11-50", "urgent_time": "24h",
                                       "normal_time": "7d"},
                                "DE": {"quality": 4}, "ES": {"quality": 5}}, status="submitted")
    make_answer(current, "DE", {"FR": {"quality": 4, "requests_sent": "51-200", "urgent_time": "4h",
                                       "normal_time": "3d"},
                                "IT": {"quality": 3}}, status="submitted")
    make_answer(current, "ES", {"FR": {"quality": 5, "requests_sent": "1-10", "urgent_time": "3d",
                                       "normal_time": "14d"},
                                "IT": {"quality": 5}}, status="submitted")
    make_answer(current, "PL", {"FR": {"quality": 3, "requests_sent": "201-1000", "urgent_time": "24h",
                                       "normal_time": "7d"}}, status="submitted")
    make_answer(current, "AT", {"FR": {"quality": 1, "requests_sent": "1000+"}})  # a draft: never counted
    return {"round": current, "previous": previous, "url": f"/assessments/rounds/{current.id}"}
