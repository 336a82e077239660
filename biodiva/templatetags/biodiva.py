from django import template

register = template.Library()


@register.simple_tag
def condition_attrs(form, question) -> dict | None:
    """The in-step condition of a question, for the script that hides it when it does not apply."""
    return form.condition_of(question)


@register.filter
def lang_name(row: dict, lang: str) -> str:
    """``name_<lang>`` of a stored row (theme scores, overview), Dutch when missing."""
    return row.get(f"name_{lang}") or row.get("name_nl", "")
