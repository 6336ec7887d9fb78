"""Vietnam's public holidays and official days off for 2018–2026 (Labour Code art. 112; the yearly notices of
the Ministry of Labour, Invalids and Social Affairs and, from 2025, the Ministry of Home Affairs, for civil
servants): New Year, Tết, the Hùng Kings' day, 30/4, 1/5, National Day, with the compensatory days off and
the bridge days swapped for a Saturday. Weekends inside a holiday are not listed (they are not working days
anyway). The administrator checks and keeps this calendar each year; the 2026 entries after Tết were
entered from the rules and should be checked against that year's notice."""

import datetime

from django.db import migrations

NEW_YEAR = "Tết Dương lịch"
TET = "Tết Nguyên đán"
HUNG_KINGS = "Giỗ Tổ Hùng Vương (10/3 âm lịch)"
REUNIFICATION = "Ngày Chiến thắng (30/4)"
LABOUR = "Ngày Quốc tế Lao động (1/5)"
NATIONAL_DAY = "Quốc khánh (2/9)"
COMPENSATORY = "nghỉ bù"
SWAPPED = "nghỉ hoán đổi (làm bù thứ Bảy)"

# (day, month, year, name)
HOLIDAYS = [
    # 2018
    (1, 1, 2018, NEW_YEAR),
    *[(d, 2, 2018, TET) for d in (14, 15, 16, 19, 20)],
    (25, 4, 2018, HUNG_KINGS),
    (30, 4, 2018, REUNIFICATION),
    (1, 5, 2018, LABOUR),
    (3, 9, 2018, f"{NATIONAL_DAY} — {COMPENSATORY}"),
    # 2019
    (31, 12, 2018, f"{NEW_YEAR} — {SWAPPED}"),
    (1, 1, 2019, NEW_YEAR),
    *[(d, 2, 2019, TET) for d in (4, 5, 6, 7, 8)],
    (15, 4, 2019, f"{HUNG_KINGS} — {COMPENSATORY}"),
    (29, 4, 2019, f"{REUNIFICATION} — {SWAPPED}"),
    (30, 4, 2019, REUNIFICATION),
    (1, 5, 2019, LABOUR),
    (2, 9, 2019, NATIONAL_DAY),
    # 2020
    (1, 1, 2020, NEW_YEAR),
    *[(d, 1, 2020, TET) for d in (23, 24, 27, 28, 29)],
    (2, 4, 2020, HUNG_KINGS),
    (30, 4, 2020, REUNIFICATION),
    (1, 5, 2020, LABOUR),
    (2, 9, 2020, NATIONAL_DAY),
    # 2021
    (1, 1, 2021, NEW_YEAR),
    *[(d, 2, 2021, TET) for d in (10, 11, 12, 15, 16)],
    (21, 4, 2021, HUNG_KINGS),
    (30, 4, 2021, REUNIFICATION),
    (3, 5, 2021, f"{LABOUR} — {COMPENSATORY}"),
    (2, 9, 2021, NATIONAL_DAY),
    (3, 9, 2021, NATIONAL_DAY),
    # 2022
    (3, 1, 2022, f"{NEW_YEAR} — {COMPENSATORY}"),
    *[(d, m, 2022, TET) for d, m in ((31, 1), (1, 2), (2, 2), (3, 2), (4, 2))],
    (11, 4, 2022, f"{HUNG_KINGS} — {COMPENSATORY}"),
    (2, 5, 2022, f"{REUNIFICATION} — {COMPENSATORY}"),
    (3, 5, 2022, f"{LABOUR} — {COMPENSATORY}"),
    (1, 9, 2022, NATIONAL_DAY),
    (2, 9, 2022, NATIONAL_DAY),
    # 2023
    (2, 1, 2023, f"{NEW_YEAR} — {COMPENSATORY}"),
    *[(d, 1, 2023, TET) for d in (20, 23, 24, 25, 26)],
    (1, 5, 2023, LABOUR),
    (2, 5, 2023, f"{HUNG_KINGS} — {COMPENSATORY}"),
    (3, 5, 2023, f"{REUNIFICATION} — {COMPENSATORY}"),
    (1, 9, 2023, NATIONAL_DAY),
    (4, 9, 2023, f"{NATIONAL_DAY} — {COMPENSATORY}"),
    # 2024
    (1, 1, 2024, NEW_YEAR),
    *[(d, 2, 2024, TET) for d in (8, 9, 12, 13, 14)],
    (18, 4, 2024, HUNG_KINGS),
    (29, 4, 2024, f"{REUNIFICATION} — {SWAPPED}"),
    (30, 4, 2024, REUNIFICATION),
    (1, 5, 2024, LABOUR),
    (2, 9, 2024, NATIONAL_DAY),
    (3, 9, 2024, NATIONAL_DAY),
    # 2025
    (1, 1, 2025, NEW_YEAR),
    *[(d, 1, 2025, TET) for d in (27, 28, 29, 30, 31)],
    (7, 4, 2025, HUNG_KINGS),
    (30, 4, 2025, REUNIFICATION),
    (1, 5, 2025, LABOUR),
    (2, 5, 2025, f"{LABOUR} — {SWAPPED}"),
    (1, 9, 2025, NATIONAL_DAY),
    (2, 9, 2025, NATIONAL_DAY),
    # 2026
    (1, 1, 2026, NEW_YEAR),
    (2, 1, 2026, f"{NEW_YEAR} — {SWAPPED}"),
    *[(d, 2, 2026, TET) for d in (16, 17, 18, 19, 20)],
    (27, 4, 2026, f"{HUNG_KINGS} — {COMPENSATORY}"),
    (30, 4, 2026, REUNIFICATION),
    (1, 5, 2026, LABOUR),
    (1, 9, 2026, NATIONAL_DAY),
    (2, 9, 2026, NATIONAL_DAY),
]


def load(apps, schema_editor):
    Holiday = apps.get_model("development", "Holiday")
    existing = set(Holiday.objects.values_list("date", flat=True))
    Holiday.objects.bulk_create(
        [
            Holiday(date=datetime.date(year, month, day), name=name)
            for day, month, year, name in HOLIDAYS
            if datetime.date(year, month, day) not in existing
        ]
    )


def unload(apps, schema_editor):
    Holiday = apps.get_model("development", "Holiday")
    Holiday.objects.filter(date__in=[datetime.date(y, m, d) for d, m, y, _n in HOLIDAYS]).delete()


class Migration(migrations.Migration):
    dependencies = [("development", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
