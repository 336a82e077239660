"""Django's own texts that visitors read, worded the portal's way (Dutch "je", not "u").

Django's Dutch catalogue addresses people as "u"; the portal's catalogue (LOCALE_PATHS) comes first, so
listing the texts here lets ``makemessages`` keep our translations of them. Nothing calls these lists:
they exist for the catalogue.
"""

from django.utils.translation import gettext_noop, ngettext_lazy

PASSWORD_TEXTS = [
    gettext_noop("Your password can’t be too similar to your other personal information."),
    gettext_noop("Your password can’t be a commonly used password."),
    gettext_noop("Your password can’t be entirely numeric."),
    gettext_noop("Your old password was entered incorrectly. Please enter it again."),
    ngettext_lazy(
        "Your password must contain at least %(min_length)d character.",
        "Your password must contain at least %(min_length)d characters.",
        "min_length",
    ),
]
