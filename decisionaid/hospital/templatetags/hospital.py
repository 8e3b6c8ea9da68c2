"""The hospital's details where partials need them: on family pages, on printed pages (the
handout PDF is rendered without a request) and on About."""

import re

from django import template
from django.utils.html import format_html

from decisionaid.hospital import organisation

register = template.Library()


@register.simple_tag(takes_context=True)
def hospital_details(context):
    """{% hospital_details as hospital %}: looked up once per page (an enclosing partial's
    lookup is reused), and only on pages that show them."""
    return context.get("hospital") or organisation.Details()


@register.simple_tag
def phone_number(phone, paper=False, inline=False):
    """A phone number, never broken across lines: a link that dials it on screen (inline: within
    a sentence), plain on paper."""
    if paper:
        return format_html('<span class="phone">{}</span>', phone)
    href = re.sub(r"[^\d+]", "", phone)
    if inline:
        return format_html('<a href="tel:{}" class="phone">{}</a>', href, phone)
    return format_html('<a href="tel:{}" class="phone link-block">{}</a>', href, phone)


@register.filter
def minutes(duration):
    """A timedelta in whole minutes."""
    return int(duration.total_seconds() // 60)


@register.filter
def as_sentence(text):
    """Staff's words end with a full stop, whether or not they typed one."""
    text = str(text).strip()
    return text if not text or text[-1] in ".!?" else f"{text}."
