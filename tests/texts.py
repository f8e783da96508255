"""Shared test data: names as the seed article writes them and the places they must resolve to."""

from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"
GEONAMES_SAMPLE = FIXTURES / "geonames_sample.txt"  # 18 real GeoNames rows, Arabic-script names removed
SEED_DIR = Path(__file__).parent.parent / "seeds"

# Arabic spelling in the seed article -> (expected top-1 name, GeoNames id or None for supplement places)
SEED_TOP1 = {
    "زنغلان": ("Zangilan", 146901),
    "غنجة": ("Ganja", 586523),
    "قوبادلي": ("Qubadlı", 147305),
    "إيشخانادزور": ("Ishkhanadzor", None),
    "تاب قره قويونلو": ("Tap Qaraqoyunlu", None),
    "قره باغ": ("Karabakh", None),
    "يريفان": ("Yerevan", 616052),
    "باكو": ("Baku", 587084),
    "واشنطن": ("Washington", 4140963),
}
OTHER_SCRIPTS_TOP1 = {
    "Gəncə": 586523,
    "Гянджа": 586523,
    "Գանձակ": 586523,
    "Zəngilan": 146901,
    "Зангелан": 146901,
}
MARTUNI_ARMENIA = 616438
KHOJAVEND = 146969  # Martuni in Nagorno-Karabakh
