"""A general gazetteer: countries (ISO 3166 via pycountry), their demonyms, capitals used as
metonyms, and international organisations.

General world knowledge only; nothing here is specific to any document. The public API:

* ``country(code)`` -> :class:`Place` for an ISO alpha-2 code or organisation code.
* ``lookup(text)`` -> :class:`Place` | None for a name, short name, demonym ("French"),
  capital metonym ("Moscow" -> Russia) or organisation name/acronym ("NATO").
* ``lookup_city(text)`` -> (city, Place) | None for a capital or other well-known city.
* ``split_compound(text)`` -> list of Places for "Franco-British", "US-Russia", "Russia-Ukraine".
* ``display_name(code)`` -> the short display name ("United Kingdom", "Russia", "South Korea").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

import pycountry


@dataclass(frozen=True)
class Place:
    code: str  # ISO alpha-2 for countries, an acronym for organisations
    name: str  # display name
    kind: Literal["country", "organisation"]
    how: Literal["name", "demonym", "capital", "organisation", "alias"] = "name"


# Display names where pycountry's are long or formal.
_DISPLAY = {
    "GB": "United Kingdom",
    "US": "United States",
    "RU": "Russia",
    "KR": "South Korea",
    "KP": "North Korea",
    "IR": "Iran",
    "SY": "Syria",
    "VE": "Venezuela",
    "BO": "Bolivia",
    "TZ": "Tanzania",
    "VN": "Vietnam",
    "LA": "Laos",
    "MD": "Moldova",
    "TW": "Taiwan",
    "PS": "Palestine",
    "CD": "Democratic Republic of the Congo",
    "CG": "Republic of the Congo",
    "CZ": "Czech Republic",
    "FM": "Micronesia",
    "BN": "Brunei",
    "CV": "Cabo Verde",
    "VA": "Holy See",
    "TR": "Turkey",
    "CI": "Côte d'Ivoire",
    "MK": "North Macedonia",
    "SZ": "Eswatini",
    "TL": "Timor-Leste",
    "XK": "Kosovo",
}

# Other names a country goes by in news text.
_ALIASES = {
    "US": ["U.S.", "U.S.A.", "USA", "America", "United States of America", "the United States", "US"],
    "GB": ["UK", "U.K.", "Britain", "Great Britain", "the United Kingdom", "England", "Scotland", "Wales"],
    "RU": ["Russian Federation"],
    "KR": ["Republic of Korea", "ROK", "Korea"],
    "KP": ["DPRK", "Democratic People's Republic of Korea"],
    "CN": ["PRC", "People's Republic of China", "Mainland China"],
    "TR": ["Türkiye", "Turkiye"],
    # bare "Congo" is the Democratic Republic in news usage (AP style; "Congolese" too); the smaller
    # Republic is named in full ("Republic of Congo", "Congo Republic", "Congo-Brazzaville")
    "CD": ["DRC", "DR Congo", "Congo-Kinshasa", "Congo", "Democratic Republic of Congo"],
    "CG": ["Congo-Brazzaville", "Republic of Congo", "Congo Republic", "Republic of the Congo"],
    "AE": ["UAE", "Emirates"],
    "SA": ["KSA", "Saudi"],
    "NL": ["Holland", "the Netherlands"],
    "CZ": ["Czechia"],
    "NZ": ["Aotearoa", "Aotearoa New Zealand"],
    "CI": ["Ivory Coast", "Cote d'Ivoire"],
    "MM": ["Burma"],
    "VA": ["Vatican", "the Vatican"],
    "PS": ["Palestinian Territories", "Palestinian Authority", "Gaza", "West Bank"],
    "MK": ["Macedonia"],
    "SZ": ["Swaziland"],
    "CV": ["Cape Verde"],
    "TL": ["East Timor"],
    "PH": ["the Philippines"],
    "BS": ["the Bahamas"],
    "GM": ["the Gambia"],
    "XK": ["Kosovo"],
}

# Demonyms and adjectives (general knowledge).
_DEMONYMS = {
    "AF": ["Afghan"],
    "AL": ["Albanian"],
    "DZ": ["Algerian"],
    "AO": ["Angolan"],
    "AR": ["Argentine", "Argentinian"],
    "AM": ["Armenian"],
    "AU": ["Australian"],
    "AT": ["Austrian"],
    "AZ": ["Azerbaijani", "Azeri"],
    "BH": ["Bahraini"],
    "BD": ["Bangladeshi"],
    "BY": ["Belarusian"],
    "BE": ["Belgian"],
    "BJ": ["Beninese"],
    "BT": ["Bhutanese"],
    "BO": ["Bolivian"],
    "BA": ["Bosnian"],
    "BW": ["Botswanan", "Motswana", "Batswana"],
    "BR": ["Brazilian"],
    "BN": ["Bruneian"],
    "BG": ["Bulgarian"],
    "BF": ["Burkinabe"],
    "BI": ["Burundian"],
    "KH": ["Cambodian"],
    "CM": ["Cameroonian"],
    "CA": ["Canadian"],
    "TD": ["Chadian"],
    "CL": ["Chilean"],
    "CN": ["Chinese"],
    "CO": ["Colombian"],
    "CD": ["Congolese"],
    "CR": ["Costa Rican"],
    "HR": ["Croatian", "Croat"],
    "CU": ["Cuban"],
    "CY": ["Cypriot"],
    "CZ": ["Czech"],
    "DK": ["Danish", "Dane"],
    "DJ": ["Djiboutian"],
    "DO": ["Dominican"],
    "EC": ["Ecuadorian"],
    "EG": ["Egyptian"],
    "SV": ["Salvadoran"],
    "ER": ["Eritrean"],
    "EE": ["Estonian"],
    "ET": ["Ethiopian"],
    "FJ": ["Fijian"],
    "FI": ["Finnish", "Finn"],
    "FR": ["French"],
    "GA": ["Gabonese"],
    "GE": ["Georgian"],
    "DE": ["German"],
    "GH": ["Ghanaian"],
    "GR": ["Greek", "Hellenic"],
    "GT": ["Guatemalan"],
    "GN": ["Guinean"],
    "GY": ["Guyanese"],
    "HT": ["Haitian"],
    "HN": ["Honduran"],
    "HU": ["Hungarian"],
    "IS": ["Icelandic"],
    "IN": ["Indian"],
    "ID": ["Indonesian"],
    "IR": ["Iranian"],
    "IQ": ["Iraqi"],
    "IE": ["Irish"],
    "IL": ["Israeli"],
    "IT": ["Italian"],
    "JM": ["Jamaican"],
    "JP": ["Japanese"],
    "JO": ["Jordanian"],
    "KZ": ["Kazakh", "Kazakhstani"],
    "KE": ["Kenyan"],
    "KW": ["Kuwaiti"],
    "KG": ["Kyrgyz"],
    "LA": ["Lao", "Laotian"],
    "LV": ["Latvian"],
    "LB": ["Lebanese"],
    "LR": ["Liberian"],
    "LY": ["Libyan"],
    "LT": ["Lithuanian"],
    "LU": ["Luxembourgish"],
    "MG": ["Malagasy"],
    "MW": ["Malawian"],
    "MY": ["Malaysian"],
    "MV": ["Maldivian"],
    "ML": ["Malian"],
    "MT": ["Maltese"],
    "MR": ["Mauritanian"],
    "MU": ["Mauritian"],
    "MX": ["Mexican"],
    "MD": ["Moldovan"],
    "MN": ["Mongolian"],
    "ME": ["Montenegrin"],
    "MA": ["Moroccan"],
    "MZ": ["Mozambican"],
    "MM": ["Myanmar", "Burmese"],
    "NA": ["Namibian"],
    "NP": ["Nepali", "Nepalese"],
    "NL": ["Dutch"],
    "NZ": ["New Zealander"],
    "NI": ["Nicaraguan"],
    "NE": ["Nigerien"],
    "NG": ["Nigerian"],
    "KP": ["North Korean"],
    "MK": ["North Macedonian", "Macedonian"],
    "NO": ["Norwegian"],
    "OM": ["Omani"],
    "PK": ["Pakistani"],
    "PS": ["Palestinian"],
    "PA": ["Panamanian"],
    "PG": ["Papua New Guinean"],
    "PY": ["Paraguayan"],
    "PE": ["Peruvian"],
    "PH": ["Philippine", "Filipino"],
    "PL": ["Polish", "Pole"],
    "PT": ["Portuguese"],
    "QA": ["Qatari"],
    "RO": ["Romanian"],
    "RU": ["Russian"],
    "RW": ["Rwandan"],
    "SA": ["Saudi", "Saudi Arabian"],
    "SN": ["Senegalese"],
    "RS": ["Serbian", "Serb"],
    "SL": ["Sierra Leonean"],
    "SG": ["Singaporean"],
    "SK": ["Slovak"],
    "SI": ["Slovenian", "Slovene"],
    "SO": ["Somali"],
    "ZA": ["South African"],
    "KR": ["South Korean"],
    "SS": ["South Sudanese"],
    "ES": ["Spanish", "Spaniard"],
    "LK": ["Sri Lankan"],
    "SD": ["Sudanese"],
    "SE": ["Swedish", "Swede"],
    "CH": ["Swiss"],
    "SY": ["Syrian"],
    "TW": ["Taiwanese"],
    "TJ": ["Tajik"],
    "TZ": ["Tanzanian"],
    "TH": ["Thai"],
    "TG": ["Togolese"],
    "TT": ["Trinidadian"],
    "TN": ["Tunisian"],
    "TR": ["Turkish", "Turk"],
    "TM": ["Turkmen"],
    "UG": ["Ugandan"],
    "UA": ["Ukrainian"],
    "AE": ["Emirati"],
    "GB": ["British", "English", "Scottish", "Welsh", "Briton"],
    "US": ["American", "US", "U.S."],
    "UY": ["Uruguayan"],
    "UZ": ["Uzbek"],
    "VE": ["Venezuelan"],
    "VN": ["Vietnamese"],
    "YE": ["Yemeni"],
    "ZM": ["Zambian"],
    "ZW": ["Zimbabwean"],
    "VA": ["Vatican"],
    "SB": ["Solomon Islander"],
    "TO": ["Tongan"],
    "WS": ["Samoan"],
    "VU": ["Vanuatuan", "Ni-Vanuatu"],
    "PW": ["Palauan"],
    "XK": ["Kosovar"],
    "BB": ["Barbadian", "Bajan"],
    "BZ": ["Belizean"],
    "BS": ["Bahamian"],
    "GD": ["Grenadian"],
    "CV": ["Cape Verdean", "Cabo Verdean"],
    "GW": ["Bissau-Guinean"],
    "GQ": ["Equatorial Guinean", "Equatoguinean"],
    "ZW ": [],
    "TV": ["Tuvaluan"],
    "NR": ["Nauruan"],
    "MH": ["Marshallese"],
    "FM": ["Micronesian"],
    "KM": ["Comorian"],
    "SC": ["Seychellois"],
    "LS": ["Basotho", "Mosotho"],
    "GM": ["Gambian"],
    "AD": ["Andorran"],
    "MC": ["Monegasque"],
    "LI": ["Liechtensteiner"],
    "SM": ["Sammarinese"],
    "SR": ["Surinamese"],
    "TL": ["Timorese"],
}

# Capitals and seats of government, used as metonyms for their governments ("Moscow said").
_CAPITALS = {
    "Kabul": "AF",
    "Tirana": "AL",
    "Algiers": "DZ",
    "Luanda": "AO",
    "Buenos Aires": "AR",
    "Yerevan": "AM",
    "Canberra": "AU",
    "Vienna": "AT",
    "Baku": "AZ",
    "Manama": "BH",
    "Dhaka": "BD",
    "Minsk": "BY",
    "Brussels": "BE",
    "Brasilia": "BR",
    "Brasília": "BR",
    "Sofia": "BG",
    "Phnom Penh": "KH",
    "Ottawa": "CA",
    "Santiago": "CL",
    "Beijing": "CN",
    "Bogota": "CO",
    "Bogotá": "CO",
    "Zagreb": "HR",
    "Havana": "CU",
    "Nicosia": "CY",
    "Prague": "CZ",
    "Copenhagen": "DK",
    "Cairo": "EG",
    "Tallinn": "EE",
    "Addis Ababa": "ET",
    "Helsinki": "FI",
    "Paris": "FR",
    "Tbilisi": "GE",
    "Berlin": "DE",
    "Accra": "GH",
    "Athens": "GR",
    "Budapest": "HU",
    "Reykjavik": "IS",
    "New Delhi": "IN",
    "Delhi": "IN",
    "Jakarta": "ID",
    "Tehran": "IR",
    "Baghdad": "IQ",
    "Dublin": "IE",
    "Jerusalem": "IL",
    "Rome": "IT",
    "Tokyo": "JP",
    "Amman": "JO",
    "Astana": "KZ",
    "Nairobi": "KE",
    "Kuwait City": "KW",
    "Bishkek": "KG",
    "Riga": "LV",
    "Beirut": "LB",
    "Tripoli": "LY",
    "Vilnius": "LT",
    "Kuala Lumpur": "MY",
    "Mexico City": "MX",
    "Chisinau": "MD",
    "Ulaanbaatar": "MN",
    "Rabat": "MA",
    "Naypyidaw": "MM",
    "Kathmandu": "NP",
    "The Hague": "NL",
    "Amsterdam": "NL",
    "Wellington": "NZ",
    "Abuja": "NG",
    "Pyongyang": "KP",
    "Oslo": "NO",
    "Muscat": "OM",
    "Islamabad": "PK",
    "Ramallah": "PS",
    "Panama City": "PA",
    "Lima": "PE",
    "Manila": "PH",
    "Warsaw": "PL",
    "Lisbon": "PT",
    "Doha": "QA",
    "Bucharest": "RO",
    "Moscow": "RU",
    "Kigali": "RW",
    "Riyadh": "SA",
    "Dakar": "SN",
    "Belgrade": "RS",
    "Singapore": "SG",
    "Bratislava": "SK",
    "Ljubljana": "SI",
    "Mogadishu": "SO",
    "Pretoria": "ZA",
    "Seoul": "KR",
    "Juba": "SS",
    "Madrid": "ES",
    "Colombo": "LK",
    "Khartoum": "SD",
    "Stockholm": "SE",
    "Bern": "CH",
    "Damascus": "SY",
    "Taipei": "TW",
    "Dodoma": "TZ",
    "Bangkok": "TH",
    "Tunis": "TN",
    "Ankara": "TR",
    "Ashgabat": "TM",
    "Kampala": "UG",
    "Kyiv": "UA",
    "Kiev": "UA",
    "Abu Dhabi": "AE",
    "London": "GB",
    "Washington": "US",
    "Washington, D.C.": "US",
    "Montevideo": "UY",
    "Tashkent": "UZ",
    "Caracas": "VE",
    "Hanoi": "VN",
    "Sanaa": "YE",
    "Lusaka": "ZM",
    "Harare": "ZW",
    "Kinshasa": "CD",
    "Luxembourg": "LU",
    "Valletta": "MT",
    "Podgorica": "ME",
    "Skopje": "MK",
    "Sarajevo": "BA",
    "Pristina": "XK",
    "Tegucigalpa": "HN",
    "Guatemala City": "GT",
    "San Salvador": "SV",
    "Managua": "NI",
    "San Jose": "CR",
    "Quito": "EC",
    "La Paz": "BO",
    "Asuncion": "PY",
    "Port-au-Prince": "HT",
    "Santo Domingo": "DO",
    "Kingston": "JM",
    "Bamako": "ML",
    "Niamey": "NE",
    "Ouagadougou": "BF",
    "N'Djamena": "TD",
    "Yaounde": "CM",
    "Maputo": "MZ",
    "Windhoek": "NA",
    "Gaborone": "BW",
    "Lilongwe": "MW",
    "Antananarivo": "MG",
    "Asmara": "ER",
    "Djibouti": "DJ",
    "Dushanbe": "TJ",
    "Vientiane": "LA",
    "Ottawa ": "CA",
    "Andorra la Vella": "AD",
    "Saint John's": "AG",
    "Gitega": "BI",
    "Bujumbura": "BI",
    "Porto-Novo": "BJ",
    "Cotonou": "BJ",
    "Nassau": "BS",
    "Belmopan": "BZ",
    "Bridgetown": "BB",
    "Bandar Seri Begawan": "BN",
    "Thimphu": "BT",
    "Bangui": "CF",
    "Yamoussoukro": "CI",
    "Abidjan": "CI",
    "Brazzaville": "CG",
    "Moroni": "KM",
    "Praia": "CV",
    "Roseau": "DM",
    "Suva": "FJ",
    "Palikir": "FM",
    "Libreville": "GA",
    "Conakry": "GN",
    "Banjul": "GM",
    "Bissau": "GW",
    "Malabo": "GQ",
    "St. George's": "GD",
    "Georgetown": "GY",
    "Tarawa": "KI",
    "Basseterre": "KN",
    "Monrovia": "LR",
    "Castries": "LC",
    "Vaduz": "LI",
    "Maseru": "LS",
    "Monaco": "MC",
    "Malé": "MV",
    "Majuro": "MH",
    "Nouakchott": "MR",
    "Port Louis": "MU",
    "Yaren": "NR",
    "Ngerulmud": "PW",
    "Port Moresby": "PG",
    "Honiara": "SB",
    "Freetown": "SL",
    "San Marino": "SM",
    "São Tomé": "ST",
    "Sao Tome": "ST",
    "Paramaribo": "SR",
    "Mbabane": "SZ",
    "Lomé": "TG",
    "Lome": "TG",
    "Dili": "TL",
    "Nuku'alofa": "TO",
    "Nukuʻalofa": "TO",
    "Port of Spain": "TT",
    "Funafuti": "TV",
    "Kingstown": "VC",
    "Port Vila": "VU",
    "Apia": "WS",
    "Vatican City": "VA",
}

# Other well-known cities (for "City, Country" locations); general knowledge, not exhaustive.
_CITIES = {
    "New York": "US",
    "San Francisco": "US",
    "Los Angeles": "US",
    "Camp David": "US",
    "Chicago": "US",
    "Miami": "US",
    "Honolulu": "US",
    "Palm Beach": "US",
    "Anchorage": "US",
    "Geneva": "CH",
    "Davos": "CH",
    "Zurich": "CH",
    "Lausanne": "CH",
    "Munich": "DE",
    "Hamburg": "DE",
    "Bonn": "DE",
    "Istanbul": "TR",
    "Antalya": "TR",
    "Jeddah": "SA",
    "Dubai": "AE",
    "Sharm el-Sheikh": "EG",
    "Osaka": "JP",
    "Hiroshima": "JP",
    "Shanghai": "CN",
    "Hong Kong": "CN",
    "Mumbai": "IN",
    "Bali": "ID",
    "Sydney": "AU",
    "Melbourne": "AU",
    "Toronto": "CA",
    "Montreal": "CA",
    "Quebec": "CA",
    "Vancouver": "CA",
    "Milan": "IT",
    "Naples": "IT",
    "Venice": "IT",
    "Florence": "IT",
    "Barcelona": "ES",
    "Strasbourg": "FR",
    "Marseille": "FR",
    "Nice": "FR",
    "Lyon": "FR",
    "Edinburgh": "GB",
    "Cornwall": "GB",
    "Manchester": "GB",
    "Glasgow": "GB",
    "Belfast": "GB",
    "Rotterdam": "NL",
    "Antwerp": "BE",
    "Krakow": "PL",
    "Rzeszow": "PL",
    "Gdansk": "PL",
    "St. Petersburg": "RU",
    "Sochi": "RU",
    "Kazan": "RU",
    "Odesa": "UA",
    "Odessa": "UA",
    "Lviv": "UA",
    "Kharkiv": "UA",
    "Busan": "KR",
    "Ho Chi Minh City": "VN",
    "Da Nang": "VN",
    "Rio de Janeiro": "BR",
    "Sao Paulo": "BR",
    "São Paulo": "BR",
    "Johannesburg": "ZA",
    "Cape Town": "ZA",
    "Lagos": "NG",
    "Alma-Ata": "KZ",
    "Almaty": "KZ",
    "Samarkand": "UZ",
    "Tel Aviv": "IL",
    "Gaza City": "PS",
    "Aqaba": "JO",
    "Alexandria": "EG",
    "Vilnius ": "LT",
    "Salzburg": "AT",
    "Helsingor": "DK",
}

# International organisations and groupings.
_ORGS: dict[str, tuple[str, list[str]]] = {
    "NATO": ("NATO", ["North Atlantic Treaty Organization", "North Atlantic Treaty Organisation", "the Alliance"]),
    "EU": ("European Union", ["EU", "E.U."]),
    "UN": ("United Nations", ["UN", "U.N.", "the UN", "UN General Assembly", "United Nations General Assembly"]),
    "UNSC": ("UN Security Council", ["Security Council", "United Nations Security Council"]),
    "ASEAN": ("ASEAN", ["Association of Southeast Asian Nations"]),
    "AFRICAN_UNION": ("African Union", ["AU", "A.U."]),
    "G7": ("G7", ["Group of Seven", "G-7"]),
    "G20": ("G20", ["Group of 20", "G-20", "Group of Twenty"]),
    "OSCE": ("OSCE", ["Organization for Security and Co-operation in Europe"]),
    "WHO": ("World Health Organization", ["WHO"]),
    "WTO": ("World Trade Organization", ["WTO"]),
    "IMF": ("International Monetary Fund", ["IMF"]),
    "WB": ("World Bank", []),
    "OAS": ("Organization of American States", ["OAS"]),
    "GCC": ("Gulf Cooperation Council", ["GCC"]),
    "APEC": ("APEC", ["Asia-Pacific Economic Cooperation"]),
    "QUAD": ("Quad", ["the Quad"]),
    "AUKUS": ("AUKUS", []),
    "BRICS": ("BRICS", []),
    "SCO": ("Shanghai Cooperation Organisation", ["SCO"]),
    "CIS": ("Commonwealth of Independent States", ["CIS"]),
    "CSTO": ("Collective Security Treaty Organization", ["CSTO", "Collective Security Treaty Organisation"]),
    "EAEU": ("Eurasian Economic Union", ["EAEU", "EEU"]),
    "CARICOM": ("CARICOM", ["Caribbean Community"]),
    "ARAB_LEAGUE": ("Arab League", ["League of Arab States"]),
    "OPEC": ("OPEC", []),
    "ECOWAS": ("ECOWAS", ["Economic Community of West African States"]),
    "IAEA": ("International Atomic Energy Agency", ["IAEA"]),
    "OECD": ("OECD", []),
    "ECOMMISSION": ("European Commission", ["the Commission"]),
    "ECOUNCIL": ("European Council", []),
    "ICC": ("International Criminal Court", []),
    "ICJ": ("International Court of Justice", []),
    "CoE": ("Council of Europe", []),
    "PIF": ("Pacific Islands Forum", []),
    "SICA": ("SICA", []),
    "OIC": ("Organisation of Islamic Cooperation", ["Organization of Islamic Cooperation", "OIC"]),
    "MERCOSUR": ("Mercosur", ["MERCOSUR", "Southern Common Market"]),
    "UNASUR": ("UNASUR", ["Union of South American Nations"]),
    "CELAC": ("CELAC", ["Community of Latin American and Caribbean States"]),
    "IGAD": ("IGAD", ["Intergovernmental Authority on Development"]),
    "SADC": ("SADC", ["Southern African Development Community"]),
    "EAC": ("East African Community", ["EAC"]),
    "SAARC": ("SAARC", ["South Asian Association for Regional Cooperation"]),
    "BIMSTEC": ("BIMSTEC", []),
    "ARCTIC_COUNCIL": ("Arctic Council", []),
    "COMMONWEALTH": ("Commonwealth of Nations", ["the Commonwealth"]),
    "UNESCO": ("UNESCO", []),
    "WFP": ("World Food Programme", ["WFP"]),
    # armed movements and parties to peace talks
    "TALIBAN": ("Taliban", ["the Taliban"]),
    "HEZBOLLAH": ("Hezbollah", []),
    "HOUTHIS": ("Houthis", ["the Houthis", "Ansar Allah"]),
    "FARC": ("FARC", ["Revolutionary Armed Forces of Colombia"]),
    "ELN": ("ELN", ["National Liberation Army"]),
    "M23": ("M23", ["March 23 Movement"]),
    "RSF": ("RSF", ["Rapid Support Forces"]),
    "SPLM": ("Sudan People's Liberation Movement", ["SPLM"]),
    "SPLM_IO": ("SPLM-IO", ["SPLM/A-IO", "SPLM-in-Opposition"]),
    "TPLF": ("Tigray People's Liberation Front", ["TPLF"]),
    "PLO": ("Palestine Liberation Organization", ["PLO"]),
    "FATAH": ("Fatah", []),
    "HAMAS": ("Hamas", []),
    "UNHCR": ("UNHCR", []),
    "UNICEF": ("UNICEF", []),
}


# letters NFKD does not take apart: "Tromsø" and "Tromso" are one key
_LETTERS = str.maketrans({"ø": "o", "Ø": "O", "æ": "ae", "Æ": "Ae", "ß": "ss", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D"})


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """The lookup key of a place or organisation name: no accents, no leading "the", "St." as
    "Saint", lower case."""
    text = unicodedata.normalize("NFKD", text.translate(_LETTERS))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("’", "'").replace("‘", "'")
    text = re.sub(r"^the\s+", "", text.strip(), flags=re.I)
    text = re.sub(r"^St\.?\s+", "Saint ", text)  # "St Vincent", "St. Lucia"
    return " ".join(text.split()).lower()


def display_name(code: str) -> str:
    if code in _ORGS:
        return _ORGS[code][0]
    if code in _DISPLAY:
        return _DISPLAY[code]
    c = pycountry.countries.get(alpha_2=code)
    if c is None:
        return code
    return getattr(c, "common_name", None) or c.name


def country(code: str) -> Place | None:
    if code in _ORGS:
        return Place(code, _ORGS[code][0], "organisation", "organisation")
    if code == "XK" or pycountry.countries.get(alpha_2=code) is not None:
        return Place(code, display_name(code), "country")
    return None


@lru_cache(maxsize=1)
def _index() -> dict[str, Place]:
    idx: dict[str, Place] = {}

    def add(surface: str, place: Place, *, override: bool = False) -> None:
        key = fold(surface)
        if key and (override or key not in idx):
            idx[key] = place

    for c in pycountry.countries:
        code = c.alpha_2
        p = Place(code, display_name(code), "country", "name")
        for nm in (c.name, getattr(c, "common_name", None), getattr(c, "official_name", None), display_name(code)):
            if nm:
                add(nm, p)
    add("Kosovo", Place("XK", "Kosovo", "country"))
    for code, names in _ALIASES.items():
        p = Place(code, display_name(code), "country", "alias")
        for nm in names:
            add(nm, p, override=True)
    for code, names in _DEMONYMS.items():
        code = code.strip()
        p = Place(code, display_name(code), "country", "demonym")
        for nm in names:
            add(nm, p)
            if not nm.endswith("s") and nm[0].isupper():
                add(nm + "s", p)  # "the French", "Russians"
    for city, code in _CAPITALS.items():
        add(city.strip(), Place(code, display_name(code), "country", "capital"))
    for code, (name, aliases) in _ORGS.items():
        p = Place(code, name, "organisation", "organisation")
        add(name, p, override=True)
        add(code if code.isupper() and "_" not in code else name, p)
        for a in aliases:
            add(a, p, override=True)
    return idx


def lookup(text: str) -> Place | None:
    """A country or organisation named, described by a demonym, or stood for by its capital."""
    if len(text.strip()) <= 3 and not text.strip().isupper():
        return None  # "Un" of Kim Jong Un, "Us": short names are acronyms, written in capitals
    key = fold(text)
    key = re.sub(r"'s$", "", key)
    place = _index().get(key)
    if place is None and key.endswith("s"):
        place = _index().get(key[:-1]) if _index().get(key[:-1], None) and _index()[key[:-1]].how == "demonym" else None
    return place


@lru_cache(maxsize=1)
def _city_index() -> dict[str, tuple[str, str]]:
    out: dict[str, tuple[str, str]] = {}
    for city, code in {**_CAPITALS, **_CITIES}.items():
        out[fold(city.strip())] = (city.strip(), code)
    return out


def lookup_city(text: str) -> tuple[str, Place] | None:
    """A known city (capitals and other well-known cities) and the country it is in."""
    hit = _city_index().get(fold(text))
    if hit is None:
        return None
    city, code = hit
    return city, Place(code, display_name(code), "country", "capital")


@lru_cache(maxsize=1)
def _capital_index() -> dict[str, str]:
    out: dict[str, str] = {}
    for city, code in _CAPITALS.items():
        out.setdefault(code.strip(), city.strip())
    return out


def capital_of(code: str) -> str | None:
    """The capital city of a country code ("SA" -> "Riyadh"), for "the Saudi capital"."""
    return _capital_index().get(code)


# Seats of government and government publishers, for the country an outlet speaks for.
_SEATS = {
    "white house": "US",
    "state department": "US",
    "department of state": "US",
    "pentagon": "US",
    "kremlin": "RU",
    "elysee": "FR",
    "downing street": "GB",
    "10 downing street": "GB",
    "number 10": "GB",
    "gov.uk": "GB",
    "foreign office": "GB",
    "zhongnanhai": "CN",
    "president of russia": "RU",
    "president of ukraine": "UA",
    "prime minister's office": None,
}


def seat(text: str) -> Place | None:
    """A seat of government used for its government ("the Kremlin" -> Russia)."""
    code = _SEATS.get(fold(text))
    return country(code) if code else None


def outlet_country(outlet: str | None) -> Place | None:
    """The country a government publisher speaks for ("The White House" -> United States);
    None for news outlets and anything unknown."""
    if not outlet:
        return None
    key = fold(outlet)
    for name, code in _SEATS.items():
        if code and (key == name or key.startswith(name + " ") or key.endswith(" " + name)):
            return country(code)
    m = re.search(r"\b(?:ministry|government|office|president|embassy|mission)\b.*\bof (?:the )?(.+)$", key)
    if m:
        place = lookup(m.group(1))
        if place is not None and place.kind == "country":
            return place
    return None


def is_capital(text: str) -> bool:
    p = lookup(text)
    return p is not None and p.how == "capital"


# the forms a country takes only as the first part of a compound ("Sino-Japanese", "Indo-Pakistani"):
# alone they are a region ("Indo-Pacific") or a surname ("Franco")
_COMBINING_FORMS = {
    "Sino": "CN",
    "Franco": "FR",
    "Germano": "DE",
    "Indo": "IN",
    "Italo": "IT",
    "Russo": "RU",
    "Hispano": "ES",
    "Anglo": "GB",
}


def split_compound(text: str) -> list[Place]:
    """'Franco-British' -> [France, United Kingdom]; 'US-Russia' -> [US, Russia]; else []."""
    parts = [p for p in re.split(r"[-–/]", text) if p]
    if len(parts) < 2:
        return []
    places = []
    for i, part in enumerate(parts):
        form = _COMBINING_FORMS.get(part) if i < len(parts) - 1 else None
        place = Place(form, display_name(form), "country", "demonym") if form else lookup(part)
        if place is None:
            return []
        places.append(place)
    return places
