"""Synthetic people for the demo: names, birth dates, identity numbers and the rest of the personal record,
drawn from a seeded random generator (`names.py` says why none of them is a real person)."""

import datetime
import random
import unicodedata

from dangvu.core.dates import add_months
from dangvu.members.choices import Education, Gender, TheoryLevel
from dangvu.organizations.choices import Sector

from . import names


def _pick(rng: random.Random, weighted):
    values = [row[0] for row in weighted]
    weights = [row[1] for row in weighted]
    return rng.choices(values, weights)[0]


class People:
    def __init__(self, rng: random.Random):
        self.rng = rng
        self.national_ids: set[str] = set()
        self.card_numbers: set[str] = set()

    def gender(self, sector: str) -> str:
        share = 0.52 if sector == Sector.ENTERPRISE else 0.42
        return Gender.FEMALE if self.rng.random() < share else Gender.MALE

    def birth_for_age(self, on: datetime.date, low: float, mode: float, high: float) -> datetime.date:
        """A birth date giving an age on `on` drawn around `mode` years, never under `low` whole years."""
        years = self.rng.triangular(low, high, mode)
        months = max(int(years * 12), int(low * 12) + 1)
        birth = add_months(on, -months)
        # Some days earlier within the month, so birthdays spread over the calendar.
        return birth - datetime.timedelta(days=self.rng.randint(1, 27))

    def full_name(self, gender: str) -> str:
        rng = self.rng
        family = _pick(rng, [(n, w) for n, w in names.FAMILY_NAMES])
        if gender == Gender.FEMALE:
            middle = _pick(rng, names.FEMALE_MIDDLE)
            if middle == "Thị" and rng.random() < 0.2:
                middle = f"{middle} {rng.choice(names.FEMALE_SECOND_MIDDLE)}"
            given = rng.choice(names.FEMALE_GIVEN)
        else:
            middle = _pick(rng, names.MALE_MIDDLE)
            given = rng.choice(names.MALE_GIVEN)
        return unicodedata.normalize("NFC", f"{family} {middle} {given}")

    def national_id(self, province_code: str, gender: str, birth: datetime.date) -> str:
        """12 digits as on a citizen identity card: province, century and gender, year of birth, serial."""
        century = (birth.year // 100) - 19  # 0 for the 1900s, 1 for the 2000s
        digit = century * 2 + (1 if gender == Gender.FEMALE else 0)
        while True:
            number = f"{province_code}{digit}{birth.year % 100:02d}{self.rng.randint(0, 999999):06d}"
            if number not in self.national_ids:
                self.national_ids.add(number)
                return number

    def card_number(self) -> str:
        while True:
            number = f"31{self.rng.randint(0, 999999):06d}"
            if number not in self.card_numbers:
                self.card_numbers.add(number)
                return number

    def record(self, gender: str, birth: datetime.date, sector: str, workplace: str, full: bool) -> dict:
        """The personal record of one member; `workplace` names the enterprise or agency they work in."""
        rng = self.rng
        province, _w, code = rng.choices(names.PROVINCES, [row[1] for row in names.PROVINCES])[0]
        enterprise = sector == Sector.ENTERPRISE
        if enterprise:
            job, position = rng.choice(names.ENTERPRISE_JOBS)
            qualification = rng.choice(names.ENTERPRISE_QUALIFICATIONS)
            theory = _pick(
                rng,
                [
                    (TheoryLevel.NONE, 50),
                    (TheoryLevel.ELEMENTARY, 42),
                    (TheoryLevel.INTERMEDIATE, 7),
                    (TheoryLevel.BACHELOR, 1),
                ],
            )
        else:
            job, position = rng.choice(names.ADMIN_JOBS)
            qualification = rng.choice(names.ADMIN_QUALIFICATIONS)
            theory = _pick(
                rng,
                [
                    (TheoryLevel.NONE, 5),
                    (TheoryLevel.ELEMENTARY, 25),
                    (TheoryLevel.INTERMEDIATE, 45),
                    (TheoryLevel.ADVANCED, 20),
                    (TheoryLevel.BACHELOR, 5),
                ],
            )
        return {
            "full_name": self.full_name(gender),
            "gender": gender,
            "birth_date": birth,
            "national_id": self.national_id(code, gender, birth),
            "ethnicity": _pick(rng, names.ETHNICITIES),
            "religion": _pick(rng, names.RELIGIONS),
            "home_province": province,
            "education": Education.UPPER_SECONDARY if rng.random() < 0.96 else Education.LOWER_SECONDARY,
            "professional_qualification": qualification,
            "theory_level": theory,
            "job": f"{job}, {workplace}" if workplace else job,
            "position": position,
            # No telephone numbers: a random one could be a real person's.
            "phone": "",
            "card_number": self.card_number() if full else "",
        }
