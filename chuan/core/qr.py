"""QR codes drawn as inline SVG: no image file, no network (slips, two-step sign-in)."""

import io

import qrcode
import qrcode.image.svg


def qr_svg(text: str) -> str:
    """An inline SVG QR code of `text`."""
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=6, border=1)
    buffer = io.BytesIO()
    image.save(buffer)
    svg = buffer.getvalue().decode()
    return svg[svg.index("<svg") :]
