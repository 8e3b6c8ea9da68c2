"""What a family types, made safe to keep, show and print: no invisible control characters.

NUL and the other C0 and C1 control characters (tab and line breaks apart) have no place in
an answer or a question and can upset the database, the page and the PDF; the bidirectional
embedding, override and isolate characters can make text show in a different order from the
order it was typed in (the writing direction of any language still comes from its letters).
"""

import re

from django import forms

INVISIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def plain_text(typed: str) -> str:
    return INVISIBLE.sub("", typed)


class PlainTextField(forms.CharField):
    def to_python(self, value):
        return super().to_python(plain_text(value) if isinstance(value, str) else value)
