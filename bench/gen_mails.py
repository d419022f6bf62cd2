#!/usr/bin/env python3
"""Writes N fictitious personal-data-breach report mails (.eml, CRLF) into DIR for the
benchmarks, in the mix that a municipal incident mailbox sees:

  40 % plain   single-part free text (UTF-8 8bit, UTF-8 or ISO-8859-1 quoted-printable,
               format=flowed), sometimes a forward or a reply chain
  30 % outlook Outlook multipart/alternative, text/plain + Word HTML, quoted-printable;
               free text or the blankett pasted into the body
  20 % docx    Outlook multipart/mixed with the 37-question blankett as a DOCX (~55 KB,
               content controls, w14 checkboxes, a logo image in the header)
  10 % pdf     the blankett printed to PDF, or an e-tjanst export as PDF (~400 KB, text
               objects plus a scanned-letterhead image)

Usage: gen_mails.py N DIR [--seed S]      write N mails as DIR/NNNNNN_<kind>.eml
       gen_mails.py --check DIR           re-read DIR and check mix, structure and sizes

Python 3 standard library only.  Deterministic: the same N and seed give the same bytes (no
clock, string-seeded random.Random per mail).  Every name, organisation, address and number is
invented: .example domains, phone numbers 070-174 06 xx, dates in 2026.
"""
import base64
import datetime as dt
import email
import email.policy
import hashlib
import html
import io
import os
import random
import re
import struct
import sys
import zipfile
import zlib
from xml.sax.saxutils import escape as xesc

CRLF = "\r\n"
KINDS = ("plain", "outlook", "docx", "pdf")
MIX = {"plain": 0.40, "outlook": 0.30, "docx": 0.20, "pdf": 0.10}

# --------------------------------------------------------------------------- invented world

MUNICIPALITIES = [
    ("Lönnviks kommun", "lonnvik", "212999-0053", "Box 12, 999 31 Lönnvik"),
    ("Sörmyra kommun", "sormyra", "212999-0061", "Box 8, 999 62 Sörmyra"),
    ("Granåsens kommun", "granas", "212999-0079", "Box 400, 999 10 Granås"),
    ("Björkvattnets kommun", "bjorkvattnet", "212999-0087", "Box 55, 999 44 Björkvattnet"),
    ("Ekbacka kommun", "ekbacka", "212999-0095", "Box 3, 999 71 Ekbacka"),
    ("Hjortsjö kommun", "hjortsjo", "212999-0103", "Box 1000, 999 80 Hjortsjö"),
    ("Ängsby kommun", "angsby", "212999-0111", "Box 21, 999 55 Ängsby"),
    ("Norrlida kommun", "norrlida", "212999-0129", "Box 7, 999 20 Norrlida"),
]
FIRST = ["Anna", "Åsa", "Maria", "Karin", "Sofia", "Eva", "Lena", "Emma", "Sara", "Ingrid",
         "Erik", "Lars", "Johan", "Anders", "Per", "Mikael", "Björn", "Örjan", "Jonas", "Henrik",
         "Linnéa", "Märta", "Göran", "Håkan", "Ylva", "Tove", "Petra", "Nils", "Ebba", "Oskar"]
LAST = ["Lindström", "Håkansson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Öberg",
        "Bergström", "Sjöberg", "Åberg", "Lundqvist", "Ekström", "Holm", "Wikström", "Dahl",
        "Sandén", "Forsberg", "Nyström", "Mårtensson", "Strand", "Björk", "Fältskog", "Ahlgren"]
UNITS = [
    ("Barn- och utbildningsförvaltningen", "Björkhagaskolan", "Rektor", 2),
    ("Barn- och utbildningsförvaltningen", "Förskolan Solrosen", "Förskolechef", 2),
    ("Socialförvaltningen", "Individ- och familjeomsorgen", "Enhetschef", 1),
    ("Socialförvaltningen", "Hemtjänsten Norr", "Enhetschef", 1),
    ("Vård- och omsorgsförvaltningen", "Äldreboendet Lärkan", "Sjuksköterska", 0),
    ("Kommunledningsförvaltningen", "HR-avdelningen", "HR-specialist", 13),
    ("Kommunledningsförvaltningen", "Ekonomiavdelningen", "Löneadministratör", 13),
    ("Kultur- och fritidsförvaltningen", "Biblioteket", "Bibliotekarie", 13),
    ("Samhällsbyggnadsförvaltningen", "Bygglovsenheten", "Handläggare", 13),
    ("Överförmyndarnämnden", "Överförmyndarkansliet", "Handläggare", 13),
]
AREA_NAMES = ["Hälso- och sjukvård", "Socialtjänst", "Skola: Förskola, grundskola, gymnasium"]

# Scenarios: subject, Q15 option, Q17, Q18, groups (Q25), categories (Q26), description
# paragraphs, actions.  {n} is the number of persons, {unit} the unit, {sys} a system name.
SCENARIOS = [
    dict(subj="mejl till fel vårdnadshavare", q15=0, q17=2, q18=0, groups=[7, 8], cats=[15, 16],
         desc=["En lärare på {unit} skickade veckobrevet med bifogad närvarolista till fel "
               "vårdnadshavare. Listan innehöll namn och kontaktuppgifter för {n} elever.",
               "Mottagaren hörde av sig samma eftermiddag och meddelade att mejlet hade "
               "raderats."],
         acts=["Bett mottagaren radera mejlet och bekräfta skriftligt",
               "Informerat berörda vårdnadshavare per telefon",
               "Gått igenom rutinen för utskick med all personal på enheten"]),
    dict(subj="borttappat USB-minne", q15=3, q17=2, q18=0, groups=[0], cats=[15, 9, 1],
         desc=["Ett okrypterat USB-minne med arbetsmaterial från {unit} har tappats bort, "
               "troligen på bussen mellan kommunhuset och enheten.",
               "Minnet innehöll en kalkylfil med namn och personnummer för {n} medarbetare "
               "samt anteckningar från utvecklingssamtal."],
         acts=["Anmält förlusten till polisen", "Kontaktat bussbolagets hittegods",
               "Beslutat att endast krypterade minnen får användas"]),
    dict(subj="nätfiske – konto kapat", q15=2, q17=0, q18=4, groups=[0, 1], cats=[15, 16, 13],
         desc=["En medarbetare på {unit} svarade på ett nätfiskemejl och lämnade ut sitt "
               "lösenord. Kontot användes därefter för att skicka vidare nätfiskemejl till "
               "ett hundratal adresser.",
               "Angriparen kan ha haft åtkomst till brevlådan med mejl som rör cirka {n} "
               "personer, bland annat ärenden i {sys}."],
         acts=["Spärrat kontot och bytt lösenord", "Aktiverat tvåfaktorsinloggning",
               "Gått igenom inloggningsloggar tillsammans med IT-avdelningen",
               "Varnat övriga medarbetare på intranätet"]),
    dict(subj="journalanteckning i fel journal", q15=1, q17=1, q18=0, groups=[6], cats=[6, 15],
         desc=["En anteckning om hälsotillstånd dokumenterades i fel brukares journal i "
               "{sys} på {unit}.",
               "Felet upptäcktes vid en kontroll och anteckningen har varit synlig för "
               "behörig personal under två dagar. {n} personer berörs."],
         acts=["Flyttat anteckningen till rätt journal", "Kontrollerat loggar i {sys}"]),
    dict(subj="sjuklista på webben", q15=1, q17=4, q18=1, groups=[0], cats=[6, 15],
         desc=["En sammanställning av sjukfrånvaro för {unit} publicerades av misstag på "
               "kommunens webbplats i samband med ett protokoll.",
               "Dokumentet innehöll uppgifter om {n} anställda och låg ute i ungefär ett dygn "
               "innan en invånare hörde av sig."],
         acts=["Avpublicerat dokumentet", "Begärt borttagning ur sökmotorernas cache",
               "Infört granskning av bilagor före publicering"]),
    dict(subj="löneuppgifter ändrade", q15=5, q17=1, q18=2, groups=[0], cats=[10, 15],
         desc=["Efter en uppdatering av lönesystemet {sys} ändrades kontonummer för {n} "
               "anställda vid {unit} till felaktiga värden.",
               "Felet upptäcktes vid avstämningen inför löneutbetalningen och ingen lön har "
               "betalats ut till fel konto."],
         acts=["Återställt kontonumren från säkerhetskopia", "Felanmält till leverantören"]),
    dict(subj="pärm kvarglömd på tåget", q15=3, q17=2, q18=0, groups=[2, 10], cats=[15, 8, 6],
         desc=["En pärm med utredningsanteckningar från {unit} glömdes kvar på tåget efter "
               "ett hembesök.",
               "Pärmen innehöll uppgifter om {n} familjer, däribland uppgifter om hälsa och "
               "misstänkta brott."],
         acts=["Kontaktat tågoperatörens hittegods", "Informerat berörda familjer"]),
    dict(subj="server otillgänglig efter strömavbrott", q15=4, q17=0, q18=2, groups=[1], cats=[15, 16],
         desc=["Ett strömavbrott i serverhallen gjorde att {sys} var otillgängligt för {unit} "
               "under natten och en del av databasen skadades.",
               "Registreringar för cirka {n} personer från de senaste två dygnen gick förlorade "
               "och har fått läggas in på nytt."],
         acts=["Återläst databasen från säkerhetskopia", "Beställt ny reservkraft"]),
    dict(subj="nyhetsbrev med synliga adresser", q15=0, q17=4, q18=0, groups=[4], cats=[16],
         desc=["Ett nyhetsbrev från {unit} skickades till {n} mottagare med adresserna i "
               "kopiafältet i stället för som dold kopia.",
               "Samtliga mottagare kunde därmed se varandras e-postadresser."],
         acts=["Skickat ursäkt till mottagarna", "Flyttat utskicken till ett nyhetsbrevsverktyg"]),
]
SYSTEMS = ["Treserva", "Lifecare", "Procapita", "Personec", "Heroma", "Unikum", "Tieto Edu",
           "Platina", "Ciceron", "Public 360"]
GREETINGS = ["Hej!", "Hej,", "Hej GDPR-gruppen,", "Hej dataskyddsombud!", "Hejsan,", "Hej Ciso,"]
SIGNOFFS = ["Vänliga hälsningar", "Med vänlig hälsning", "Mvh", "Hälsningar", "/"]
MONTHS_SV = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
             "september", "oktober", "november", "december"]
DAYS_SV = ["måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag"]
DAYS_EN = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
MONTHS_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
RANGE_LABELS = ["1–10", "11–100", "101–1 000", "1 001–10 000", "10 001–100 000",
                "100 001–500 000", "500 001–1 miljon", "Över 1 miljon", "Okänt/kan inte ange"]


def ascii_fold(s):
    return (s.lower().replace("å", "a").replace("ä", "a").replace("ö", "o").replace("é", "e")
            .replace(" ", "."))


def stockholm_offset(d):
    """+1 or +2 hours for a Stockholm local time, by the EU rule (last Sundays, 01:00 UTC)."""
    def last_sunday(month):
        x = dt.date(d.year, month, 31)
        return x - dt.timedelta(days=(x.weekday() + 1) % 7)
    start = dt.datetime.combine(last_sunday(3), dt.time(2))
    end = dt.datetime.combine(last_sunday(10), dt.time(3))
    return 2 if start <= d < end else 1


def rfc5322_date(local, utc=False):
    off = stockholm_offset(local)
    if utc:
        u = local - dt.timedelta(hours=off)
        return f"{DAYS_EN[u.weekday()]}, {u.day:02d} {MONTHS_EN[u.month - 1]} {u.year} {u:%H:%M:%S} +0000"
    return (f"{DAYS_EN[local.weekday()]}, {local.day:02d} {MONTHS_EN[local.month - 1]} "
            f"{local.year} {local:%H:%M:%S} +0{off}00")


class Incident:
    """Everything one generated report says, drawn from the seeded rng."""

    def __init__(self, rng, idx):
        self.rng = rng
        self.muni, self.slug, self.orgnr, self.postal = rng.choice(MUNICIPALITIES)
        self.domain = f"{self.slug}.kommun.example"
        self.forv, self.unit, self.title, self.area = rng.choice(UNITS)
        self.first, self.last = rng.choice(FIRST), rng.choice(LAST)
        self.name = f"{self.first} {self.last}"
        self.email = f"{ascii_fold(self.first)}.{ascii_fold(self.last)}@{self.domain}"
        self.phone = f"070-174 06 {rng.randrange(100):02d}"
        self.sc = rng.choice(SCENARIOS)
        self.system = rng.choice(SYSTEMS)
        self.n = rng.choice([1, 2, 3, 5, 8, 12, 17, 23, 40, 65, 120, 340, 1200])
        day = dt.date(2026, 1, 5) + dt.timedelta(days=rng.randrange(350))
        self.occurred = dt.datetime.combine(day, dt.time(rng.randrange(7, 18), rng.randrange(60)))
        self.discovered = self.occurred + dt.timedelta(minutes=rng.randrange(20, 1500))
        self.sent = self.discovered + dt.timedelta(minutes=rng.randrange(15, 900), seconds=rng.randrange(60))
        self.ongoing = rng.random() < 0.15
        self.ended = None if self.ongoing else self.discovered + dt.timedelta(minutes=rng.randrange(5, 240))
        self.ref = f"{self.slug[:3].upper()}-2026-{idx % 10000:04d}"
        self.severity = rng.randrange(4)
        self.informed = rng.random() < 0.4
        self.msgid_seed = f"{idx}/{self.email}"
        fmt = dict(n=self.n, unit=self.unit, sys=self.system)
        self.description = [p.format(**fmt) for p in self.sc["desc"]]
        self.actions = []
        for k, a in enumerate(self.sc["acts"]):
            when = self.discovered + dt.timedelta(minutes=30 + 90 * k + rng.randrange(60))
            self.actions.append((when, a.format(**fmt)))
        self.subject = f"Personuppgiftsincident – {self.sc['subj']}"

    def hm(self, t):
        return f"{t:%Y-%m-%d %H:%M}"


# --------------------------------------------------------------------------- encoders

def det_hex(seed, n):
    return hashlib.sha256(seed.encode()).hexdigest()[:n].upper()


def qp_encode(text, charset):
    """Quoted-printable, CRLF line ends, soft breaks so that no line exceeds 76."""
    out = []
    for line in text.split("\n"):
        raw = line.encode(charset, errors="replace")
        enc = []
        for i, b in enumerate(raw):
            last = i == len(raw) - 1
            if (33 <= b <= 126 and b != 61) or (b in (9, 32) and not last):
                enc.append(chr(b))
            else:
                enc.append(f"={b:02X}")
        cur = ""
        for piece in enc:
            if len(cur) + len(piece) > 75:
                out.append(cur + "=")
                cur = ""
            cur += piece
        out.append(cur)
    return CRLF.join(out)


def b64_lines(data):
    s = base64.b64encode(data).decode()
    return CRLF.join(s[i:i + 76] for i in range(0, len(s), 76))


def enc_word(text, charset="utf-8", mode="Q"):
    """RFC 2047 encoded-words (no word longer than 75), folded; ASCII text is left alone."""
    if all(ord(c) < 128 for c in text):
        return text
    raw = text.encode(charset)
    pre, post = f"=?{charset}?{mode}?", "?="
    words = []
    if mode == "B":
        room = ((75 - len(pre) - len(post)) // 4) * 3
        i = 0
        while i < len(raw):
            j = min(len(raw), i + room)
            while charset == "utf-8" and j < len(raw) and (raw[j] & 0xC0) == 0x80:
                j -= 1
            words.append(pre + base64.b64encode(raw[i:j]).decode() + post)
            i = j
    else:
        cur = ""
        for ch in text:
            if ch.isascii() and (ch.isalnum() or ch in "!*+-/"):
                piece = ch
            elif ch == " ":
                piece = "_"
            else:
                piece = "".join(f"={x:02X}" for x in ch.encode(charset, errors="replace"))
            if len(pre) + len(cur) + len(piece) + len(post) > 75:
                words.append(pre + cur + post)
                cur = ""
            cur += piece
        words.append(pre + cur + post)
    return (CRLF + " ").join(words)


def address(name, addr, charset="utf-8", mode="Q"):
    return f"{enc_word(name, charset, mode)} <{addr}>"


def flowed(text, width=72):
    """format=flowed (RFC 3676): long lines broken after a space, trailing space = soft."""
    out = []
    for line in text.split("\n"):
        while len(line) > width:
            cut = line.rfind(" ", 0, width)
            if cut <= 0:
                break
            out.append(line[:cut + 1])
            line = line[cut + 1:]
        out.append(line)
    return "\n".join(out)


# --------------------------------------------------------------------------- free text

def rel_day(t, sent):
    days = (sent.date() - t.date()).days
    if days == 0:
        return "idag" if t.hour >= 10 else "i morse"
    if days == 1:
        return "igår"
    if days < 7:
        return f"i {DAYS_SV[t.weekday()]}s"
    return f"den {t.day} {MONTHS_SV[t.month - 1]}"


def free_text_lines(inc):
    rng = inc.rng
    L = [rng.choice(GREETINGS), ""]
    L.append(rng.choice([
        "Jag vill rapportera en personuppgiftsincident som har inträffat hos oss.",
        "Här kommer en rapport om en incident enligt rutinen.",
        "Vi har haft en händelse som jag tror är en personuppgiftsincident.",
        "Enligt rutinen för personuppgiftsincidenter rapporterar jag följande.",
    ]))
    L.append("")
    for para in inc.description:
        L.append(para)
        L.append("")
    clock = lambda t: f"{t.hour:02d}.{t.minute:02d}"
    if rng.random() < 0.5:
        L.append(f"Det hände {rel_day(inc.occurred, inc.sent)} kl. {clock(inc.occurred)} och vi "
                 f"upptäckte det {rel_day(inc.discovered, inc.sent)} kl. {clock(inc.discovered)}.")
    else:
        L.append(f"Incidenten inträffade {inc.hm(inc.occurred)} och upptäcktes "
                 f"{inc.hm(inc.discovered)}.")
    L.append("Incidenten pågår fortfarande." if inc.ongoing else
             f"Den upphörde {inc.hm(inc.ended)}.")
    L.append(rng.choice([f"Det rör sig om {inc.n} personer.", f"Totalt berörs {inc.n} personer.",
                         f"Ungefär {inc.n} personer kan vara berörda."]))
    L.append("")
    L.append("Vi har gjort följande:")
    for when, what in inc.actions:
        L.append(f"- {what} ({when:%Y-%m-%d} kl. {clock(when)})" if rng.random() < 0.6 else f"- {what}")
    L.append("")
    L.append(rng.choice([
        "Min bedömning är att incidenten inte behöver anmälas till IMY, men jag vill att ni tittar på den.",
        "Jag bedömer att de registrerade behöver informeras.",
        "Vi bedömer risken för de registrerade som låg.",
        "Säg till om ni behöver fler uppgifter.",
    ]))
    L.append("")
    L += signature(inc)
    return L


def signature(inc):
    return [inc.rng.choice(SIGNOFFS), inc.name, inc.title, inc.unit, inc.forv, inc.muni,
            f"Tel. {inc.phone}", inc.email]


def forward_wrap(inc, lines, boss):
    """A manager forwards the report (Outlook 'VB:' block); the reporter stays the author."""
    head = ["Hej,", "", "Vidarebefordrar rapporten nedan från min medarbetare.", "",
            "Mvh", boss, "Enhetschef", "", "",
            f"Från: {inc.name} <{inc.email}>",
            f"Skickat: den {inc.sent.day} {MONTHS_SV[inc.sent.month - 1]} {inc.sent.year} {inc.sent:%H:%M}",
            f"Till: {ascii_fold(boss)}@{inc.domain}",
            f"Ämne: {inc.subject}", ""]
    return head + lines


def reply_wrap(inc, lines):
    """Reply chain: a short correction above the quoted original."""
    top = ["Hej igen,", "", f"Ett tillägg: det var {inc.n} personer enligt vår senaste kontroll.",
           "", "/" + inc.first, "",
           f"Den {inc.sent:%Y-%m-%d} kl. {inc.sent:%H:%M} skrev {inc.name} <{inc.email}>:"]
    return top + ["> " + l if l else ">" for l in lines]


# --------------------------------------------------------------------------- blankett

def Qd(num, text, kind, opts=(), mand=False):
    return dict(num=num, text=text, kind=kind, opts=list(opts), mand=mand)


JA_NEJ = ["Ja", "Nej"]
BLANKETT = [
    ("Personuppgiftsansvarig", [
        Qd(1, "Organisationens namn", "text", mand=True), Qd(2, "Organisationsnummer", "text"),
        Qd(3, "Organisationens postadress", "text", mand=True),
        Qd(4, "Er organisations interna referensnummer", "text")]),
    ("Kontaktuppgifter för anmälan", [
        Qd(5, "Kontaktpersonens namn", "text", mand=True),
        Qd(6, "Kontaktpersonens roll", "one", ["Dataskyddsombud", "Annan roll"]),
        Qd(7, "Kontaktpersonens e-post", "text", mand=True),
        Qd(8, "Kontaktpersonens telefonnummer", "text", mand=True),
        Qd(9, "Den adress ni önskar bli kontaktad på", "text", mand=True)]),
    ("Incidenten", [
        Qd(10, "När inträffade incidenten?", "text"), Qd(11, "När upptäckte ni incidenten?", "text"),
        Qd(12, "Pågår incidenten fortfarande?", "one", JA_NEJ),
        Qd(13, "När upphörde incidenten?", "text"),
        Qd(14, "Om er anmälan kommer in senare än 72 timmar efter att ni upptäckte incidenten, beskriv varför.", "text"),
        Qd(15, "Vad har hänt vid incidenten?", "one", [
            "Obehörigt röjande genom felaktigt utskick av mejl/brev/sms", "Obehörigt röjande: Övrigt",
            "Obehörig åtkomst: Någon inom eller utanför organisationen har tagit del av information som den saknade behörighet till",
            "Förlust: Information har gått förlorad på något sätt, till exempel genom att en dator blivit stulen",
            "Förstöring: Någon eller något har förstört information, till exempel genom att en dator har gått sönder",
            "Ändring: Personuppgifter har ändrats på något sätt"]),
        Qd(16, "Kort beskrivning av incidenten", "text"),
        Qd(17, "Hur upptäckte ni incidenten?", "one", [
            "Genom en automatiserad process: Tekniska säkerhetsåtgärder",
            "Genom organisatoriska rutiner, till exempel en återkommande kontroll",
            "En anställd informerade oss", "Vårt personuppgiftsbiträde informerade oss",
            "En utomstående eller registrerad informerade oss"]),
        Qd(18, "Varför inträffade incidenten enligt er uppfattning?", "one", [
            "Mänskliga faktorn: Fel i det enskilda fallet",
            "Brist i organisatoriska rutiner eller processer: Systematiska fel",
            "Tekniskt fel, till exempel fel i mjukvara, programinställningar",
            "Medvetet angrepp från någon i organisationen", "Antagonistiskt angrepp: Angrepp utifrån",
            "Okänd orsak", "Övrigt:"]),
        Qd(19, "Inom vilken sektor inträffade incidenten?", "one", ["Offentlig sektor", "Privat sektor", "Övrigt"]),
        Qd(20, "Inom vilket verksamhetsområde inträffade incidenten?", "one", [
            "Hälso- och sjukvård", "Socialtjänst", "Skola: Förskola, grundskola, gymnasium",
            "Universitet eller högskola", "Annan eftergymnasial utbildning", "Forskning",
            "Finansiell sektor eller försäkring", "Kreditupplysning", "Inkasso",
            "Näringslivet i övrigt", "Polis", "Rättsväsendet i övrigt",
            "Ideell organisation eller ekonomisk förening", "Kommun", "Statlig myndighet", "Övrigt:"])]),
    ("Biträden", [
        Qd(21, "Gäller incidenten en personuppgiftsbehandling som hanteras av anlitade personuppgiftsbiträden eller underbiträden?", "one", JA_NEJ),
        Qd(22, "Organisationens namn och organisationsnummer.", "processors")]),
    ("Uppgifterna och de registrerade", [
        Qd(23, "Hur många registrerade har påverkats?", "count", RANGE_LABELS),
        Qd(24, "Hur många uppgifter om de registrerade har påverkats totalt?", "count", RANGE_LABELS),
        Qd(25, "Vilka grupper tillhör de registrerade?", "many", [
            "Anställda hos den personuppgiftsansvarige", "Användare av den personuppgiftsansvariges tjänster",
            "Kunder hos den personuppgiftsansvarige", "Prenumeranter",
            "Medlemmar, till exempel i en förening eller en kundklubb",
            "Militär, det vill säga anställda inom totalförsvaret", "Patienter", "Barn",
            "Skolelever i förskola, grundskola eller gymnasium", "Studerande i eftergymnasial utbildning",
            "Utsatta personer, till exempel personer som lever med skyddad identitet",
            "Övriga personer som enligt er bedömning drabbas särskilt hårt om personuppgifter sprids",
            "Kan inte ange för närvarande", "Övrigt:"]),
        Qd(26, "Vilken sorts personuppgifter har incidenten drabbat?", "many", [
            "Etniskt ursprung", "Politiska åsikter", "Religiös eller filosofisk övertygelse",
            "Medlemskap i fackförening", "Genetiska uppgifter", "Biometriska uppgifter", "Hälsa",
            "Sexualliv eller sexuell läggning", "Uppgift om brott", "Personnummer",
            "Ekonomisk eller finansiell information", "Officiella dokument",
            "Lokaliseringsuppgifter (till exempel GPS-position, ej adressuppgifter)",
            "Kommunikationsloggar", "Metadata om kommunikation",
            "Identifierande information (till exempel för- och efternamn)", "Kontaktinformation",
            "Okänd", "Övrigt:"]),
        Qd(27, "Var personuppgifterna krypterade?", "one", ["Ja, samtliga uppgifter", "Ja, men inte alla uppgifter", "Nej", "Vet inte"])]),
    ("Konsekvenser", [
        Qd(28, "Vad kan bli konsekvenserna av incidenten?", "many", [
            "Den registrerade förlorar kontrollen över de egna personuppgifterna",
            "Begränsning av rättigheter", "Diskriminering", "Identitetsstöld eller bedrägeri",
            "Ekonomisk förlust", "Obehörigt hävande av pseudonymisering", "Skadat anseende",
            "Förlust av konfidentialitet när det gäller personuppgifter som omfattas av tystnadsplikt",
            "Annan ekonomisk eller social nackdel", "Övrigt:"]),
        Qd(29, "Hur allvarlig bedömer ni att incidenten är?", "one",
           ["1. Obetydlig", "2. Begränsad", "3. Betydande", "4. Mycket allvarlig"]),
        Qd(30, "Hur har ni agerat efter incidenten? Beskriv vad ni har gjort.", "actions")]),
    ("Information till de registrerade", [
        Qd(31, "Har ni informerat de registrerade om incidenten?", "one", JA_NEJ),
        Qd(32, "När informerade ni de registrerade?", "date"),
        Qd(33, "Kommer ni att informera de registrerade?", "one", ["Ja", "Nej", "Vi har inte tagit ställning än"]),
        Qd(34, "När kommer ni att informera de registrerade?", "date"),
        Qd(35, "Varför kommer ni inte att informera de registrerade?", "many", [
            "Incidenten medför inte hög risk för personers fri- och rättigheter",
            "Personuppgifterna var krypterade eller på annat sätt skyddade",
            "Vi har redan vidtagit åtgärder som avhjälper riskerna",
            "Att informera innebär en oproportionell ansträngning, vi har istället informerat allmänheten"])]),
    ("Komplettering/eventuell sekretess", [
        Qd(36, "Avser ni att komplettera er anmälan?", "one", JA_NEJ),
        Qd(37, "Om ni anser att viss information i er anmälan bör omfattas av sekretess, beskriv vilken information som enligt er bör vara sekretessbelagd och varför.", "text")]),
]
PLACEHOLDER = "Klicka eller tryck här för att ange text."


def range_index(n):
    for i, hi in enumerate([10, 100, 1000, 10000, 100000, 500000, 1000000]):
        if n <= hi:
            return i
    return 7


def blankett_answers(inc):
    """Answers keyed by question number: text str/None, ticked index set, counts, rows."""
    rng = inc.rng
    a = {1: inc.muni, 2: inc.orgnr, 3: inc.postal, 4: inc.ref if rng.random() < 0.5 else None,
         5: inc.name, 6: {1}, 7: inc.email, 8: inc.phone, 9: f"{inc.unit}, {inc.postal}",
         10: inc.hm(inc.occurred), 11: inc.hm(inc.discovered), 12: {0 if inc.ongoing else 1},
         13: None if inc.ongoing else inc.hm(inc.ended), 14: None, 15: {inc.sc["q15"]},
         16: " ".join(inc.description), 17: {inc.sc["q17"]}, 18: {inc.sc["q18"]}, 19: {0},
         20: {inc.area}, 21: {1}, 22: [],
         23: (str(inc.n) if rng.random() < 0.7 else None, {range_index(inc.n)}),
         24: (None, {range_index(inc.n * 3)}), 25: set(inc.sc["groups"]), 26: set(inc.sc["cats"]),
         27: {2}, 28: {0, 7} if inc.severity > 1 else {0}, 29: {inc.severity},
         30: [(inc.hm(w), t) for w, t in inc.actions], 31: {0 if inc.informed else 1},
         32: f"{inc.discovered:%Y-%m-%d}" if inc.informed else None, 33: set() if inc.informed else {2},
         34: None, 35: set() if inc.informed else {0}, 36: {1}, 37: None}
    if rng.random() < 0.2:
        a[21], a[22] = {0}, [(f"{rng.choice(SYSTEMS)} Sverige AB", "559999-0017")]
    return a


def blankett_text_lines(inc, ans, box=("☒", "☐")):
    """The blankett as text lines: pasted into a body, or printed into a PDF."""
    L = ["Blankett för rapportering av personuppgiftsincident", ""]
    for title, qs in BLANKETT:
        L += [title, ""]
        for q in qs:
            head = f"{q['num']}. {q['text']}" + (" *" if q["mand"] else "")
            v = ans.get(q["num"])
            k = q["kind"]
            if k in ("text", "date"):
                L.append(f"{head}: {v if v else PLACEHOLDER}")
            elif k in ("one", "many"):
                L.append(head)
                L += [f"{box[0] if i in v else box[1]} {o}" for i, o in enumerate(q["opts"])]
            elif k == "count":
                exact, ticked = v
                L.append(head)
                L.append(("Exakt antal registrerade: " if q["num"] == 23 else "Exakt antal uppgifter: ")
                         + (exact or PLACEHOLDER))
                L += [f"{box[0] if i in ticked else box[1]} {o}" for i, o in enumerate(q["opts"])]
            elif k == "processors":
                L.append(head)
                for i in range(3):
                    nm, nr = v[i] if i < len(v) else (PLACEHOLDER, PLACEHOLDER)
                    L += [f"Organisationens namn: {nm}", f"Organisationsnummer: {nr}"]
            elif k == "actions":
                L.append(head)
                for i in range(max(4, len(v))):
                    w, t = v[i] if i < len(v) else (PLACEHOLDER, PLACEHOLDER)
                    L += [f"Datum och klockslag: {w}", f"Åtgärd: {t}"]
            L.append("")
    return L


# --------------------------------------------------------------------------- HTML

OUTLOOK_HEAD = """<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word" xmlns:m="http://schemas.microsoft.com/office/2004/12/omml" xmlns="http://www.w3.org/TR/REC-html40">
<head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}">
<meta name="Generator" content="Microsoft Word 15 (filtered medium)">
<style><!--
/* Font Definitions */
@font-face
	{{font-family:"Cambria Math";
	panose-1:2 4 5 3 5 4 6 3 2 4;}}
@font-face
	{{font-family:Calibri;
	panose-1:2 15 5 2 2 2 4 3 2 4;}}
@font-face
	{{font-family:Aptos;}}
/* Style Definitions */
p.MsoNormal, li.MsoNormal, div.MsoNormal
	{{margin:0cm;
	font-size:11.0pt;
	font-family:"Aptos",sans-serif;
	mso-ligatures:standardcontextual;
	mso-fareast-language:EN-US;}}
a:link, span.MsoHyperlink
	{{mso-style-priority:99;
	color:#467886;
	text-decoration:underline;}}
span.E-postmall18
	{{mso-style-type:personal-compose;
	font-family:"Aptos",sans-serif;
	color:windowtext;}}
.MsoChpDefault
	{{mso-style-type:export-only;
	font-size:10.0pt;
	mso-ligatures:none;}}
@page WordSection1
	{{size:612.0pt 792.0pt;
	margin:70.85pt 70.85pt 70.85pt 70.85pt;}}
div.WordSection1
	{{page:WordSection1;}}
--></style><!--[if gte mso 9]><xml>
<o:shapedefaults v:ext="edit" spidmax="1026" />
</xml><![endif]--><!--[if gte mso 9]><xml>
<o:shapelayout v:ext="edit">
<o:idmap v:ext="edit" data="1" />
</o:shapelayout></xml><![endif]-->
</head>
<body lang="SV" link="#467886" vlink="#96607D" style="word-wrap:break-word">
<div class="WordSection1">
"""


def outlook_html(lines, charset):
    out = [OUTLOOK_HEAD.format(charset=charset)]
    for line in lines:
        if not line.strip():
            out.append('<p class="MsoNormal"><o:p>&nbsp;</o:p></p>')
        elif "@" in line and " " not in line.strip():
            out.append(f'<p class="MsoNormal"><a href="mailto:{line}">{line}</a><o:p></o:p></p>')
        else:
            out.append(f'<p class="MsoNormal"><span style="font-size:11.0pt">'
                       f'{html.escape(line, quote=False)}</span><o:p></o:p></p>')
    out.append("</div>\n</body>\n</html>\n")
    return "\n".join(out)


# --------------------------------------------------------------------------- images

def png(width, height, seed):
    """An RGB PNG of a noisy letterhead-like picture: gradient plus noise, so that it
    compresses about as badly as a scanned logo or photo does."""
    rng = random.Random(seed)
    noise = rng.randbytes(width * height * 3)
    rows = []
    for y in range(height):
        base = bytes(((x * 255 // max(1, width - 1)) & 0xC0) for x in range(width * 3))
        row = bytes(a ^ b for a, b in zip(base, noise[y * width * 3:(y + 1) * width * 3]))
        rows.append(b"\x00" + row)
    raw = b"".join(rows)

    def chunk(tag, data):
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(raw, 6)) + chunk(b"IEND", b"")


_CACHE = {}


def cached(key, make):
    if key not in _CACHE:
        _CACHE[key] = make()
    return _CACHE[key]


# --------------------------------------------------------------------------- DOCX

W_NS = ('xmlns:wpc="http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas" '
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:o="urn:schemas-microsoft-com:office:office" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
        'xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math" '
        'xmlns:v="urn:schemas-microsoft-com:vml" '
        'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
        'xmlns:w10="urn:schemas-microsoft-com:office:word" '
        'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" '
        'xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
        'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture" '
        'mc:Ignorable="w14 w15"')
GOTHIC = '<w:rFonts w:ascii="MS Gothic" w:eastAsia="MS Gothic" w:hAnsi="MS Gothic" w:hint="eastAsia"/>'


class DocxWriter:
    def __init__(self, rng):
        self.rng = rng
        self.ids = 0

    def sid(self):
        self.ids += 1
        return str(self.rng.randrange(-2**31, 2**31))

    @staticmethod
    def r(text, rpr=""):
        if not text:
            return ""
        sp = ' xml:space="preserve"' if text != text.strip() else ""
        return f"<w:r>{'<w:rPr>' + rpr + '</w:rPr>' if rpr else ''}<w:t{sp}>{xesc(text)}</w:t></w:r>"

    def runs(self, text):
        """Word splits typed text into several runs (rsids, proofing marks)."""
        if len(text) < 20 or self.rng.random() < 0.5:
            return self.r(text)
        cut = text.find(" ", len(text) // 2)
        if cut < 0:
            return self.r(text)
        return (self.r(text[:cut + 1]) + '<w:proofErr w:type="spellStart"/>' + self.r(text[cut + 1:])
                + '<w:proofErr w:type="spellEnd"/>')

    @staticmethod
    def p(inner, style=None):
        ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
        return f'<w:p w:rsidR="00A1{len(inner) % 9999:04d}">{ppr}{inner}</w:p>'

    def sdt_text(self, text):
        pr = (f'<w:id w:val="{self.sid()}"/><w:placeholder><w:docPart '
              'w:val="DefaultPlaceholder_-1854013440"/></w:placeholder>')
        if text is None:
            ph = self.r(PLACEHOLDER, '<w:rStyle w:val="Platshllartext"/>')
            return (f"<w:sdt><w:sdtPr>{pr}<w:showingPlcHdr/><w:text/></w:sdtPr><w:sdtContent>"
                    f"{ph}</w:sdtContent></w:sdt>")
        return f"<w:sdt><w:sdtPr>{pr}<w:text/></w:sdtPr><w:sdtContent>{self.runs(text)}</w:sdtContent></w:sdt>"

    def checkbox(self, checked):
        glyph = "☒" if checked else "☐"
        return (f'<w:sdt><w:sdtPr><w:id w:val="{self.sid()}"/><w14:checkbox><w14:checked '
                f'w14:val="{1 if checked else 0}"/><w14:checkedState w14:val="2612" w14:font="MS Gothic"/>'
                '<w14:uncheckedState w14:val="2610" w14:font="MS Gothic"/></w14:checkbox></w:sdtPr>'
                f"<w:sdtContent>{self.r(glyph, GOTHIC)}</w:sdtContent></w:sdt>")

    def option(self, label, checked):
        return self.p(self.checkbox(checked) + "<w:r><w:tab/></w:r>" + self.r(label), "Alternativ")

    def body(self, ans):
        out = [self.p(self.r("Blankett för rapportering av personuppgiftsincident",
                             '<w:b/><w:sz w:val="32"/>'), "Rubrik")]
        out.append(self.p(self.r("Fyll i blanketten och skicka den till närmaste chef. Nämn inga namn "
                                 "på brukare, klienter eller medarbetare i rapporten.")))
        for title, qs in BLANKETT:
            out.append(self.p(self.r(title, '<w:b/><w:sz w:val="28"/>'), "Rubrik2"))
            for q in qs:
                out.append(self.p(self.r(f"{q['num']}. {q['text']}" + (" *" if q["mand"] else ""),
                                         "<w:b/>"), "Fraga"))
                v, k = ans.get(q["num"]), q["kind"]
                if k == "text":
                    out.append(self.p(self.sdt_text(v), "Svar"))
                elif k == "date":
                    out.append(self.p(self.r("Datum: ") + self.sdt_text(v), "Svar"))
                elif k in ("one", "many"):
                    out += [self.option(o, i in v) for i, o in enumerate(q["opts"])]
                elif k == "count":
                    exact, ticked = v
                    lab = "Exakt antal registrerade: " if q["num"] == 23 else "Exakt antal uppgifter: "
                    out.append(self.p(self.r(lab) + self.sdt_text(exact), "Svar"))
                    out += [self.option(o, i in ticked) for i, o in enumerate(q["opts"])]
                elif k == "processors":
                    for i in range(3):
                        nm, nr = v[i] if i < len(v) else (None, None)
                        out.append(self.p(self.r("Organisationens namn: ") + self.sdt_text(nm), "Svar"))
                        out.append(self.p(self.r("Organisationsnummer: ") + self.sdt_text(nr), "Svar"))
                elif k == "actions":
                    for i in range(max(4, len(v))):
                        w, t = v[i] if i < len(v) else (None, None)
                        out.append(self.p(self.r("Datum och klockslag: ") + self.sdt_text(w), "Svar"))
                        out.append(self.p(self.r("Åtgärd: ") + self.sdt_text(t), "Svar"))
        out.append(self.p(self.r("Anmälan av personuppgiftsincident – version 2.0")))
        sect = ('<w:sectPr><w:headerReference w:type="default" r:id="rId8"/>'
                '<w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1417" w:right="1417" '
                'w:bottom="1417" w:left="1417" w:header="708" w:footer="708" w:gutter="0"/>'
                '<w:cols w:space="708"/><w:docGrid w:linePitch="360"/></w:sectPr>')
        return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<w:document {W_NS}>'
                f"<w:body>{''.join(out)}{sect}</w:body></w:document>")


def docx_styles():
    styles = [("Normal", "paragraph", '<w:rPr><w:rFonts w:ascii="Calibri" w:hAnsi="Calibri"/><w:sz w:val="22"/></w:rPr>'),
              ("Rubrik", "paragraph", '<w:rPr><w:b/><w:sz w:val="32"/></w:rPr>'),
              ("Rubrik2", "paragraph", '<w:pPr><w:spacing w:before="240"/></w:pPr><w:rPr><w:b/><w:sz w:val="28"/></w:rPr>'),
              ("Fraga", "paragraph", '<w:pPr><w:keepNext/><w:spacing w:before="120"/></w:pPr><w:rPr><w:b/></w:rPr>'),
              ("Svar", "paragraph", '<w:pPr><w:ind w:left="284"/></w:pPr>'),
              ("Alternativ", "paragraph", '<w:pPr><w:ind w:left="567" w:hanging="283"/></w:pPr>'),
              ("Platshllartext", "character", '<w:rPr><w:color w:val="666666"/></w:rPr>')]
    latent = "".join(f'<w:lsdException w:name="heading {i}" w:uiPriority="9" w:qFormat="1"/>' for i in range(1, 10))
    body = "".join(f'<w:style w:type="{t}" w:styleId="{sid}"><w:name w:val="{sid}"/><w:qFormat/>{x}</w:style>'
                   for sid, t, x in styles)
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
            f'<w:styles {W_NS}><w:docDefaults><w:rPrDefault><w:rPr><w:lang w:val="sv-SE"/></w:rPr>'
            f'</w:rPrDefault></w:docDefaults><w:latentStyles w:defLockedState="0" w:count="376">{latent}'
            f"</w:latentStyles>{body}</w:styles>")


def build_docx(inc, ans):
    img = cached(("png", inc.slug), lambda: png(150, 85, "logo/" + inc.slug))
    w = DocxWriter(inc.rng)
    doc = w.body(ans)
    header = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<w:hdr {W_NS}><w:p><w:r>'
              '<w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="1428750" '
              'cy="809625"/><wp:docPr id="1" name="Bild 1"/><a:graphic><a:graphicData '
              'uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:nvPicPr>'
              '<pic:cNvPr id="0" name="logo.png"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill>'
              '<a:blip r:embed="rId1"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr>'
              '<a:xfrm><a:off x="0" y="0"/><a:ext cx="1428750" cy="809625"/></a:xfrm><a:prstGeom '
              'prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic>'
              f'</wp:inline></w:drawing></w:r>{DocxWriter.r("  " + inc.muni)}</w:p></w:hdr>')
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    pkg = "http://schemas.openxmlformats.org/package/2006/relationships"
    files = {
        "[Content_Types].xml":
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<Types xmlns="http://schemas.'
            'openxmlformats.org/package/2006/content-types"><Default Extension="png" ContentType="image/png"/>'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
            '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'wordprocessingml.styles+xml"/><Override PartName="/word/settings.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/><Override PartName="/word/'
            'header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>'
            '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.'
            'core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.'
            'openxmlformats-officedocument.extended-properties+xml"/></Types>',
        "_rels/.rels":
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<Relationships xmlns="{pkg}">'
            f'<Relationship Id="rId3" Type="{rel}/extended-properties" Target="docProps/app.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/'
            'metadata/core-properties" Target="docProps/core.xml"/>'
            f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="word/document.xml"/></Relationships>',
        "word/_rels/document.xml.rels":
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<Relationships xmlns="{pkg}">'
            f'<Relationship Id="rId1" Type="{rel}/styles" Target="styles.xml"/>'
            f'<Relationship Id="rId2" Type="{rel}/settings" Target="settings.xml"/>'
            f'<Relationship Id="rId8" Type="{rel}/header" Target="header1.xml"/></Relationships>',
        "word/_rels/header1.xml.rels":
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<Relationships xmlns="{pkg}">'
            f'<Relationship Id="rId1" Type="{rel}/image" Target="media/image1.png"/></Relationships>',
        "word/document.xml": doc,
        "word/styles.xml": cached("styles", docx_styles),
        "word/settings.xml":
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<w:settings {W_NS}>'
            '<w:zoom w:percent="100"/><w:documentProtection w:edit="forms" w:enforcement="1"/>'
            '<w:defaultTabStop w:val="1304"/><w:characterSpacingControl w:val="doNotCompress"/>'
            '<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/'
            'office/word" w:val="15"/></w:compat><w:themeFontLang w:val="sv-SE"/></w:settings>',
        "word/header1.xml": header,
        "word/media/image1.png": img,
        "docProps/core.xml":
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<cp:coreProperties xmlns:cp='
            '"http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://'
            'purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.'
            'org/2001/XMLSchema-instance"><dc:title>Blankett för rapportering av personuppgiftsincident'
            f'</dc:title><dc:creator>{xesc(inc.name)}</dc:creator><cp:lastModifiedBy>{xesc(inc.name)}'
            '</cp:lastModifiedBy><cp:revision>3</cp:revision><dcterms:created xsi:type="dcterms:W3CDTF">'
            f'{inc.discovered:%Y-%m-%dT%H:%M:00Z}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">'
            f'{inc.sent:%Y-%m-%dT%H:%M:00Z}</dcterms:modified></cp:coreProperties>',
        "docProps/app.xml":
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<Properties xmlns="http://schemas.'
            'openxmlformats.org/officeDocument/2006/extended-properties"><Template>Normal.dotm</Template>'
            '<Application>Microsoft Office Word</Application><Pages>13</Pages><Company>'
            f'{xesc(inc.muni)}</Company></Properties>',
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files.items():
            zi = zipfile.ZipInfo(name, (2026, 1, 1, 0, 0, 0))
            zi.compress_type = zipfile.ZIP_STORED if name.endswith(".png") else zipfile.ZIP_DEFLATED
            z.writestr(zi, data if isinstance(data, bytes) else data.encode("utf-8"))
    return out.getvalue()


# --------------------------------------------------------------------------- PDF

def pdf_str(s):
    b = s.encode("cp1252", errors="replace")
    return "(" + b.decode("latin-1").replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"


def wrap(line, width):
    out = []
    while len(line) > width:
        cut = line.rfind(" ", 0, width)
        if cut <= 0:
            cut = width
        out.append(line[:cut])
        line = line[cut:].lstrip()
    out.append(line)
    return out


def build_pdf(lines, title, author, created, image_seed):
    """A minimal but well-formed PDF 1.4: Helvetica text (WinAnsi) in Flate content streams,
    a letterhead image XObject on page 1 (the bulk of the bytes, as in a scanned form), an
    Info dictionary, and a correct xref table so that no reader needs to reconstruct it."""
    iw, ih = 400, 320
    img = cached(("pdfimg", image_seed), lambda: zlib.compress(
        random.Random(image_seed).randbytes(iw * ih * 3), 1))
    flat = []
    for line in lines:
        flat += wrap(line, 95) if line else [""]
    per_page = 60
    pages = [flat[i:i + per_page] for i in range(0, len(flat), per_page)] or [[]]
    objs = {}
    n_pages = len(pages)
    # 1 catalog, 2 pages, 3 font, 4 bold font, 5 image, 6 info, then page/content pairs
    kids = [7 + 2 * i for i in range(n_pages)]
    objs[1] = b"<< /Type /Catalog /Pages 2 0 R >>"
    objs[2] = f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] /Count {n_pages} >>".encode()
    objs[3] = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
    objs[4] = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>"
    objs[5] = (f"<< /Type /XObject /Subtype /Image /Width {iw} /Height {ih} /ColorSpace /DeviceRGB "
               f"/BitsPerComponent 8 /Filter /FlateDecode /Length {len(img)} >>\nstream\n").encode() + img + b"\nendstream"
    objs[6] = (f"<< /Title {pdf_str(title)} /Author {pdf_str(author)} /Producer (Microsoft\xae Word "
               f"f\xf6r Microsoft 365) /CreationDate (D:{created:%Y%m%d%H%M%S}+0{stockholm_offset(created)}'00') >>"
               ).encode("latin-1")
    for i, page in enumerate(pages):
        ops = []
        y = 800
        if i == 0:
            ops.append("q 180 0 0 130 60 690 cm /Im1 Do Q")
            y = 670
        ops.append("BT")
        for line in page:
            font = "/F2" if re.match(r"^(\d+\. |[A-ZÅÄÖ][a-zåäö]+ (för|och|till|om)|Blankett|V\d\.)", line) else "/F1"
            ops.append(f"{font} 9 Tf 1 0 0 1 60 {y} Tm {pdf_str(line)} Tj")
            y -= 12
        ops.append("ET")
        ops.append(f"BT /F1 8 Tf 1 0 0 1 60 30 Tm {pdf_str(f'Sida {i + 1} av {n_pages}')} Tj ET")
        content = zlib.compress("\n".join(ops).encode("latin-1"), 6)
        pno, cno = kids[i], kids[i] + 1
        res = "/Font << /F1 3 0 R /F2 4 0 R >>" + (" /XObject << /Im1 5 0 R >>" if i == 0 else "")
        objs[pno] = (f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << {res} >> "
                     f"/Contents {cno} 0 R >>").encode()
        objs[cno] = f"<< /Length {len(content)} /Filter /FlateDecode >>\nstream\n".encode() + content + b"\nendstream"
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for num in sorted(objs):
        offsets[num] = len(out)
        out += f"{num} 0 obj\n".encode() + objs[num] + b"\nendobj\n"
    xref = len(out)
    size = max(objs) + 1
    out += f"xref\n0 {size}\n0000000000 65535 f \n".encode()
    for num in range(1, size):
        out += f"{offsets[num]:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {size} /Root 1 0 R /Info 6 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def etjanst_lines(inc):
    """An internal e-service export (the layout of seed 000)."""
    L = ["Personuppgiftsincident", "", "V1. Uppgifter om personuppgiftsincident", "",
         "Vilken nämnd/myndighet berör personuppgiftsincidenten?", inc.forv, "",
         "Ange när incidenten upptäcktes", "Datum Tid", inc.hm(inc.discovered), "",
         "Beskriv incidenten", "Beskriv händelseförlopp, plats, inblandade program, system och tjänster etc.", ""]
    for para in inc.description:
        L += [para, ""]
    L += ["Beskriv vad du/ni gjorde för att åtgärda eller mildra effekterna av incidenten", ""]
    for _, a in inc.actions:
        L += [f"- {a}", ""]
    L += ["Hur många personer berörs av incidenten?", "Uppskattat antal", str(inc.n), "",
          "Är din bedömning att incidenten är så allvarlig att den ska anmälas till "
          "Integritetsskyddsmyndigheten?", "Ja" if inc.severity >= 2 else "Nej", "",
          "Behöver de registrerade informeras?", "Ja" if inc.informed else "Nej", "",
          "V2. Kontaktuppgifter", "", "För- och efternamn E-postadress", f"{inc.name} {inc.email}",
          "Mobiltelefon", inc.phone, "Förvaltning Avdelning", f"{inc.forv} {inc.unit}", ""]
    return L


# --------------------------------------------------------------------------- MIME

def outlook_headers(inc, subject_charset="windows-1252", has_attach=False):
    mid = f"{det_hex(inc.msgid_seed, 28)}@GV1P189MB2145.EURP189.PROD.OUTLOOK.COM"
    subj = enc_word(inc.subject, subject_charset)
    return received(inc) + [f"From: {address(inc.name, inc.email, 'iso-8859-1')}",
            f"To: {address('GDPR-incident ' + inc.muni, 'gdprincident@' + inc.domain, 'iso-8859-1')}",
            f"Subject: {subj}", f"Thread-Topic: {subj}",
            f"Thread-Index: {base64.b64encode(hashlib.sha1(mid.encode()).digest()[:16]).decode()}",
            f"Date: {rfc5322_date(inc.sent, utc=True)}", f"Message-ID: <{mid}>",
            "Accept-Language: sv-SE, en-US", "Content-Language: sv-SE",
            "X-MS-Exchange-Organization-AuthAs: Internal", "X-MS-Exchange-Organization-AuthMechanism: 04",
            f"X-MS-Exchange-Organization-Network-Message-Id: {det_hex(mid, 8)}-{det_hex(mid + '1', 4)}-"
            f"{det_hex(mid + '2', 4)}-{det_hex(mid + '3', 4)}-{det_hex(mid + '4', 12)}",
            "X-MS-Exchange-Organization-SCL: -1", "X-MS-PublicTrafficType: Email",
            "X-MS-TrafficTypeDiagnostic: GV1P189MB2145:EE_|AS8P189MB1783:EE_",
            "X-Microsoft-Antispam: BCL:0;ARA:13230040|366016|1800799024|376014|38070700018;",
            "X-Forefront-Antispam-Report: CIP:255.255.255.255;CTRY:;LANG:sv;SCL:1;SRV:;IPV:NLI;SFV:NSPM;",
            "\tH:GV1P189MB2145.EURP189.PROD.OUTLOOK.COM;PTR:;CAT:NONE;SFS:(13230040)(366016)",
            "\t(1800799024)(376014)(38070700018);DIR:OUT;SFP:1102;",
            f"X-MS-Has-Attach: {'yes' if has_attach else ''}", "X-MS-TNEF-Correlator: ",
            "MIME-Version: 1.0"]


def received(inc):
    """Transport headers as the receiving mail host adds them (about 1 KB, as in real mail)."""
    h = int(det_hex(inc.msgid_seed + "/rcv", 4), 16)
    sig = base64.b64encode(hashlib.sha512(inc.msgid_seed.encode()).digest() * 3).decode()
    return [f"Return-Path: <{inc.email}>",
            f"Delivered-To: gdprincident@{inc.domain}",
            f"Received: from mx1.{inc.domain} (mx1.{inc.domain} [192.0.2.{h % 250 + 1}])",
            f"\tby imap.{inc.domain} with ESMTPS id {det_hex(inc.msgid_seed, 10)}",
            f"\tfor <gdprincident@{inc.domain}>; {rfc5322_date(inc.sent)}",
            f"Received: from [198.51.100.{h % 200 + 20}] (unknown [198.51.100.{h % 200 + 20}])",
            f"\tby smtp.{inc.domain} (Postfix) with ESMTPSA id {det_hex(inc.msgid_seed + 'x', 10)};",
            f"\t{rfc5322_date(inc.sent)}",
            f"Authentication-Results: mx1.{inc.domain}; dkim=pass header.d={inc.domain};",
            f"\tspf=pass smtp.mailfrom={inc.domain}; dmarc=pass header.from={inc.domain}",
            f"DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d={inc.domain}; s=mail2026;",
            f"\tt={1767225600 + h}; h=from:to:subject:date:message-id;",
            f"\tbh={sig[:44]};", f"\tb={sig[44:108]}"] + [f"\t  {sig[i:i + 64]}" for i in range(108, len(sig), 64)]


def body_part(ctype, charset, text, cte):
    if cte == "quoted-printable":
        body = qp_encode(text, charset)
    elif cte == "base64":
        body = b64_lines(text.encode(charset))
    else:
        body = text.replace("\n", CRLF)
    return [f'Content-Type: {ctype}; charset="{charset}"', f"Content-Transfer-Encoding: {cte}", "", body]


def boundary(inc, tag):
    return f"_{tag}_{det_hex(inc.msgid_seed + tag, 28)}_"


def multipart(sub, bnd, parts):
    out = [f"Content-Type: multipart/{sub};", f'\tboundary="{bnd}"', ""]
    for p in parts:
        out += [f"--{bnd}"] + p + [""]
    out += [f"--{bnd}--", ""]
    return out


def mail_plain(inc):
    rng = inc.rng
    lines = free_text_lines(inc)
    r = rng.random()
    sender = (inc.name, inc.email)
    if r < 0.15:
        boss = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        sender = (boss, f"{ascii_fold(boss)}@{inc.domain}")
        lines = forward_wrap(inc, lines, boss)
    elif r < 0.25:
        lines = reply_wrap(inc, lines)
    text = "\n".join(lines) + "\n"
    variant = rng.random()
    mid = f"{det_hex(inc.msgid_seed, 24).lower()}@{inc.domain}"
    head = received(inc) + [f"Date: {rfc5322_date(inc.sent)}", f"From: {address(*sender)}",
                            f"To: gdprincident@{inc.domain}",
                            f"Subject: {enc_word(('VB: ' if r < 0.15 else 'Sv: ' if r < 0.25 else '') + inc.subject)}",
                            f"Message-ID: <{mid}>", "MIME-Version: 1.0"]
    if variant < 0.3:
        head += ["User-Agent: Mozilla Thunderbird"]
        part = body_part("text/plain; format=flowed", "UTF-8", flowed(text), "8bit")
    elif variant < 0.65:
        part = body_part("text/plain", "utf-8", text, "quoted-printable")
    elif variant < 0.85:
        part = body_part("text/plain", "iso-8859-1", text.replace("–", "-"), "quoted-printable")
    else:
        part = body_part("text/plain", "utf-8", text, "8bit")
    return head + part


def mail_outlook(inc):
    rng = inc.rng
    charset = rng.choice(["utf-8", "iso-8859-1", "windows-1252"])
    if rng.random() < 0.35:
        lines = ["Hej,", "", "Jag har inte Word här, så jag klistrar in blanketten i mejlet.", ""]
        lines += blankett_text_lines(inc, blankett_answers(inc))
        lines += signature(inc)
    else:
        lines = free_text_lines(inc)
    if charset != "utf-8":
        lines = [l.replace("☒", "[X]").replace("☐", "[ ]") for l in lines]
    text = "\n".join(lines) + "\n"
    alt = multipart("alternative", boundary(inc, "000"), [
        body_part("text/plain", charset, text, "quoted-printable"),
        body_part("text/html", charset, outlook_html(lines, charset), "quoted-printable")])
    return outlook_headers(inc) + alt


def cover_note(inc, what):
    return [inc.rng.choice(GREETINGS), "", f"Bifogar {what} om incidenten med {inc.sc['subj']}.", "",
            ] + signature(inc)


def mail_docx(inc):
    data = build_docx(inc, blankett_answers(inc))
    lines = cover_note(inc, "blanketten")
    text = "\n".join(lines) + "\n"
    fname = f"Blankett personuppgiftsincident {inc.sent:%Y-%m-%d}.docx"
    efn = enc_word(fname, "utf-8", "B")
    ctype = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    att = [f'Content-Type: {ctype};', f'\tname="{efn}"', f'Content-Description: {efn}',
           f'Content-Disposition: attachment;', f'\tfilename="{efn}"; size={len(data)};',
           "Content-Transfer-Encoding: base64", "", b64_lines(data)]
    alt = multipart("alternative", boundary(inc, "000"), [
        body_part("text/plain", "iso-8859-1", text, "quoted-printable"),
        body_part("text/html", "iso-8859-1", outlook_html(lines, "iso-8859-1"), "quoted-printable")])
    return outlook_headers(inc, has_attach=True) + multipart("mixed", boundary(inc, "004"), [alt, att])


def mail_pdf(inc):
    rng = inc.rng
    if rng.random() < 0.6:
        lines = blankett_text_lines(inc, blankett_answers(inc), box=("[X]", "[ ]"))
        title = "Blankett för rapportering av personuppgiftsincident"
        fname = f"Blankett_PUI_{inc.slug}_{inc.sent:%Y%m%d}.pdf"
        sender, sname = inc.email, inc.name
    else:
        lines = etjanst_lines(inc)
        title = "Personuppgiftsincident"
        fname = f"personuppgiftsincident-{inc.ref}.pdf"
        sender, sname = f"no-reply@etjanst.{inc.domain}", f"E-tjänster {inc.muni}"
    data = build_pdf(lines, title, sname, inc.sent, "pdfimg/" + str(rng.randrange(4)))
    note = "\n".join(cover_note(inc, "rapporten")) + "\n"
    mid = f"{det_hex(inc.msgid_seed, 24).lower()}@{inc.domain}"
    head = received(inc) + [f"Date: {rfc5322_date(inc.sent)}", f"From: {address(sname, sender)}",
                            f"To: gdprincident@{inc.domain}", f"Subject: {enc_word(inc.subject, 'utf-8', 'B')}",
                            f"Message-ID: <{mid}>", "MIME-Version: 1.0"]
    att = [f'Content-Type: application/pdf; name="{fname}"',
           f'Content-Disposition: attachment; filename="{fname}"',
           "Content-Transfer-Encoding: base64", "", b64_lines(data)]
    return head + multipart("mixed", boundary(inc, "pdf"),
                            [body_part("text/plain", "utf-8", note, "quoted-printable"), att])


BUILDERS = {"plain": mail_plain, "outlook": mail_outlook, "docx": mail_docx, "pdf": mail_pdf}


def kinds_for(n, seed):
    """Exactly round(share*n) mails of each kind (the remainder to plain), in seeded order."""
    counts = {k: int(MIX[k] * n) for k in KINDS}
    counts["plain"] += n - sum(counts.values())
    ks = [k for k in KINDS for _ in range(counts[k])]
    random.Random(f"{seed}/order").shuffle(ks)
    return ks


def make_mail(i, kind, seed):
    inc = Incident(random.Random(f"{seed}/{i}"), i)
    # Bodies are already transfer-encoded; only 8bit parts and headers carry raw UTF-8.
    return (CRLF.join(BUILDERS[kind](inc)) + CRLF).encode("utf-8")


def generate(n, outdir, seed):
    os.makedirs(outdir, exist_ok=True)
    # A rerun replaces an earlier run's mails (only names this generator writes), so that the
    # directory always holds exactly the requested mix.
    for old in os.listdir(outdir):
        if re.fullmatch(r"\d{6}_(%s)\.eml" % "|".join(KINDS), old):
            os.remove(os.path.join(outdir, old))
    total = 0
    for i, kind in enumerate(kinds_for(n, seed)):
        data = make_mail(i, kind, seed)
        with open(os.path.join(outdir, f"{i:06d}_{kind}.eml"), "wb") as f:
            f.write(data)
        total += len(data)
    print(f"gen_mails: wrote {n} mails, {total / 1e6:.1f} MB, into {outdir}")


# --------------------------------------------------------------------------- check

def check(outdir):
    """Re-reads a generated directory with the email package; returns the failures."""
    names = sorted(f for f in os.listdir(outdir) if f.endswith(".eml"))
    fails, seen = [], {k: 0 for k in KINDS}
    bad_domain = re.compile(rb"@(?![\w.-]*\.example\b)[\w-]+\.[\w.-]+")
    for nm in names:
        kind = nm.rsplit("_", 1)[-1][:-4]
        raw = open(os.path.join(outdir, nm), "rb").read()
        seen[kind] = seen.get(kind, 0) + 1
        msg = email.message_from_bytes(raw, policy=email.policy.default)
        problems = []
        if b"\n" in raw.replace(b"\r\n", b""):
            problems.append("bare LF")
        if any(len(line) > 998 for line in raw.split(b"\r\n")):
            problems.append("line over 998 octets")
        if b"2026" not in msg["Date"].encode():
            problems.append("Date not in 2026")
        texts = [p.get_content() for p in msg.walk() if p.get_content_maintype() == "text"]
        head = raw.split(b"\r\n\r\n", 1)[0].replace(b"@GV1P189MB2145.EURP189.PROD.OUTLOOK.COM", b"")
        if bad_domain.search(head) or any(bad_domain.search(t.encode()) for t in texts):
            problems.append("a non-.example mail domain")
        if not texts or not any("Hej" in t or "Blankett" in t or "Bifogar" in t for t in texts):
            problems.append("no readable report text")
        atts = [p for p in msg.walk() if p.get_content_disposition() == "attachment"]
        if kind == "docx":
            data = atts[0].get_content() if atts else b""
            try:
                z = zipfile.ZipFile(io.BytesIO(data))
                doc = z.read("word/document.xml").decode()
                if "w14:checkbox" not in doc or "word/media/image1.png" not in z.namelist():
                    problems.append("docx without checkboxes or image")
            except (zipfile.BadZipFile, KeyError) as e:
                problems.append(f"docx unreadable: {e}")
            if not 40_000 <= len(data) <= 75_000:
                problems.append(f"docx of {len(data)} bytes")
        elif kind == "pdf":
            data = atts[0].get_content() if atts else b""
            m = re.search(rb"startxref\n(\d+)\n%%EOF\n$", data)
            if not data.startswith(b"%PDF-1.4") or not m or not data[int(m.group(1)):].startswith(b"xref"):
                problems.append("pdf without a valid xref")
            if not 330_000 <= len(data) <= 480_000:
                problems.append(f"pdf of {len(data)} bytes")
        elif kind == "outlook":
            if msg.get_content_type() != "multipart/alternative":
                problems.append("outlook mail not multipart/alternative")
        elif kind == "plain" and msg.is_multipart():
            problems.append("plain mail is multipart")
        if problems:
            fails.append(f"{nm}: {'; '.join(problems)}")
    n = len(names)
    for k in KINDS:
        want = MIX[k] * n
        if n >= 20 and abs(seen.get(k, 0) - want) > max(1, 0.02 * n):
            fails.append(f"mix: {seen.get(k, 0)} {k} mails of {n}, expected about {want:.0f}")
    return n, fails


def main(argv):
    if len(argv) >= 2 and argv[0] == "--check":
        n, fails = check(argv[1])
        for f in fails:
            print("FAIL", f)
        print(f"{n - len(fails)} passed, {len(fails)} failed")
        return 1 if fails or n == 0 else 0
    seed = "gdprd-bench"
    if "--seed" in argv:
        k = argv.index("--seed")
        seed = argv[k + 1]
        argv = argv[:k] + argv[k + 2:]
    if len(argv) != 2 or not argv[0].isdigit():
        print(__doc__.strip().split("\n\n")[1], file=sys.stderr)
        return 2
    generate(int(argv[0]), argv[1], seed)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
