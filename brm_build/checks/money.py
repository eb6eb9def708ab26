"""Money is in an ISO 4217 currency (records.md): the schema checks the shape (three
capital letters), this check that the code names a currency."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace

from ..findings import Finding
from ..model import Record
from ..model.common import Money
from ..model.repository import Entry, Repository
from .base import at

# ISO 4217 codes in use, with a few withdrawn recently (ANG, CUC, SLL, ZWL) that records
# written before the change still carry. Checked against CLDR's list of current tenders.
_CODES = """
    AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BOV BRL BSD
    BTN BWP BYN BZD CAD CDF CHE CHF CHW CLF CLP CNY COP COU CRC CUC CUP CVE CZK DJF DKK DOP
    DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR
    IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD
    MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB
    PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SLL SOS SRD
    SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD USN UYI UYU UYW UZS
    VED VES VND VUV WST XAF XAG XAU XBA XBB XBC XBD XCD XCG XDR XOF XPD XPF XPT XSU XTS XUA
    XXX YER ZAR ZMW ZWG ZWL
"""
CURRENCIES = frozenset(_CODES.split())


def _amounts(repo: Repository) -> Iterator[tuple[Entry[Record], Sequence[str], Money]]:
    """Every amount of money in the records, with the field that holds it."""
    for customer in repo.customers.values():
        if customer.record.it_budget is not None:
            yield customer, ("it_budget",), customer.record.it_budget
    for agreement in repo.agreements.values():
        if agreement.record.funding is not None:
            yield agreement, ("funding",), agreement.record.funding


def check_money(repo: Repository) -> list[Finding]:
    """Report amounts in a currency code that ISO 4217 does not know."""
    findings: list[Finding] = []
    for entry, loc, money in _amounts(repo):
        if money.currency not in CURRENCIES:
            finding = at(
                entry,
                "currency-unknown",
                (*loc, "currency"),
                "the currency is not an ISO 4217 code: use one such as EUR, USD or GBP "
                "(value hidden: restricted field)",
            )
            findings.append(replace(finding, quote=False))  # money fields are restricted
    return findings
