"""Plaid's personal finance categories (v1: 16 groups, 104 categories), the defaults every
person starts with. The SDK has no list of them (they are plain strings) and Plaid
publishes the taxonomy only as a CSV on its site, so it is written out here."""

from __future__ import annotations

# Each group's categories, by the part of the code after the group's: FOOD_AND_DRINK ->
# GROCERIES is FOOD_AND_DRINK_GROCERIES.
_TAXONOMY: dict[str, tuple[str, ...]] = {
    "INCOME": (
        "DIVIDENDS",
        "INTEREST_EARNED",
        "RETIREMENT_PENSION",
        "TAX_REFUND",
        "UNEMPLOYMENT",
        "WAGES",
        "OTHER_INCOME",
    ),
    "TRANSFER_IN": (
        "CASH_ADVANCES_AND_LOANS",
        "DEPOSIT",
        "INVESTMENT_AND_RETIREMENT_FUNDS",
        "SAVINGS",
        "ACCOUNT_TRANSFER",
        "OTHER_TRANSFER_IN",
    ),
    "TRANSFER_OUT": (
        "INVESTMENT_AND_RETIREMENT_FUNDS",
        "SAVINGS",
        "WITHDRAWAL",
        "ACCOUNT_TRANSFER",
        "OTHER_TRANSFER_OUT",
    ),
    "LOAN_PAYMENTS": (
        "CAR_PAYMENT",
        "CREDIT_CARD_PAYMENT",
        "PERSONAL_LOAN_PAYMENT",
        "MORTGAGE_PAYMENT",
        "STUDENT_LOAN_PAYMENT",
        "OTHER_PAYMENT",
    ),
    "BANK_FEES": (
        "ATM_FEES",
        "FOREIGN_TRANSACTION_FEES",
        "INSUFFICIENT_FUNDS",
        "INTEREST_CHARGE",
        "OVERDRAFT_FEES",
        "OTHER_BANK_FEES",
    ),
    "ENTERTAINMENT": (
        "CASINOS_AND_GAMBLING",
        "MUSIC_AND_AUDIO",
        "SPORTING_EVENTS_AMUSEMENT_PARKS_AND_MUSEUMS",
        "TV_AND_MOVIES",
        "VIDEO_GAMES",
        "OTHER_ENTERTAINMENT",
    ),
    "FOOD_AND_DRINK": (
        "BEER_WINE_AND_LIQUOR",
        "COFFEE",
        "FAST_FOOD",
        "GROCERIES",
        "RESTAURANT",
        "VENDING_MACHINES",
        "OTHER_FOOD_AND_DRINK",
    ),
    "GENERAL_MERCHANDISE": (
        "BOOKSTORES_AND_NEWSSTANDS",
        "CLOTHING_AND_ACCESSORIES",
        "CONVENIENCE_STORES",
        "DEPARTMENT_STORES",
        "DISCOUNT_STORES",
        "ELECTRONICS",
        "GIFTS_AND_NOVELTIES",
        "OFFICE_SUPPLIES",
        "ONLINE_MARKETPLACES",
        "PET_SUPPLIES",
        "SPORTING_GOODS",
        "SUPERSTORES",
        "TOBACCO_AND_VAPE",
        "OTHER_GENERAL_MERCHANDISE",
    ),
    "HOME_IMPROVEMENT": (
        "FURNITURE",
        "HARDWARE",
        "REPAIR_AND_MAINTENANCE",
        "SECURITY",
        "OTHER_HOME_IMPROVEMENT",
    ),
    "MEDICAL": (
        "DENTAL_CARE",
        "EYE_CARE",
        "NURSING_CARE",
        "PHARMACIES_AND_SUPPLEMENTS",
        "PRIMARY_CARE",
        "VETERINARY_SERVICES",
        "OTHER_MEDICAL",
    ),
    "PERSONAL_CARE": (
        "GYMS_AND_FITNESS_CENTERS",
        "HAIR_AND_BEAUTY",
        "LAUNDRY_AND_DRY_CLEANING",
        "OTHER_PERSONAL_CARE",
    ),
    "GENERAL_SERVICES": (
        "ACCOUNTING_AND_FINANCIAL_PLANNING",
        "AUTOMOTIVE",
        "CHILDCARE",
        "CONSULTING_AND_LEGAL",
        "EDUCATION",
        "INSURANCE",
        "POSTAGE_AND_SHIPPING",
        "STORAGE",
        "OTHER_GENERAL_SERVICES",
    ),
    "GOVERNMENT_AND_NON_PROFIT": (
        "DONATIONS",
        "GOVERNMENT_DEPARTMENTS_AND_AGENCIES",
        "TAX_PAYMENT",
        "OTHER_GOVERNMENT_AND_NON_PROFIT",
    ),
    "TRANSPORTATION": (
        "BIKES_AND_SCOOTERS",
        "GAS",
        "PARKING",
        "PUBLIC_TRANSIT",
        "TAXIS_AND_RIDE_SHARES",
        "TOLLS",
        "OTHER_TRANSPORTATION",
    ),
    "TRAVEL": (
        "FLIGHTS",
        "LODGING",
        "RENTAL_CARS",
        "OTHER_TRAVEL",
    ),
    "RENT_AND_UTILITIES": (
        "GAS_AND_ELECTRICITY",
        "INTERNET_AND_CABLE",
        "RENT",
        "SEWAGE_AND_WASTE_MANAGEMENT",
        "TELEPHONE",
        "WATER",
        "OTHER_UTILITIES",
    ),
}

# Plaid's groups, in the order above, each with its categories' full codes.
PLAID_GROUPS: dict[str, tuple[str, ...]] = {
    group: tuple(f"{group}_{rest}" for rest in rests) for group, rests in _TAXONOMY.items()
}
# Plaid's group of each of its categories.
PLAID_GROUP_OF: dict[str, str] = {
    code: group for group, codes in PLAID_GROUPS.items() for code in codes
}
