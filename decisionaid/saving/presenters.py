"""A return code as pages and the handout show it."""

from decisionaid.saving import codes
from decisionaid.site.qr import qr_svg, without_scheme


def return_code(code: str, return_url: str) -> dict:
    """A return code as pages and the handout show it: six words, the address to type them
    at, and a QR code of the return link.

    The code goes after '#' in the link: browsers never send that part to the server, so the
    code never appears in a server's or a proxy's access log."""
    link = f"{return_url}#{codes.for_link(code)}"
    return {
        "words": codes.words(code),
        "spoken": " ".join(codes.words(code)),
        "address": without_scheme(return_url),
        "qr": qr_svg(link, "QR code that opens the page for your return code"),
    }
