"""A QR code as a PNG image for the certificate's DOCX (Word cannot show the SVG the web
pages use): the matrix comes from `qrcode` (already a dependency), the image is written with
the standard library's zlib — no imaging library is installed, and a 1-bit greyscale PNG is
a few lines (PNG spec, ISO/IEC 15948: signature, IHDR, IDAT, IEND, each CRC-checked)."""

import struct
import zlib

import qrcode


def qr_matrix(text: str) -> list[list[bool]]:
    """The QR code's modules (True: dark), with a 4-module quiet zone."""
    code = qrcode.QRCode(border=4, error_correction=qrcode.constants.ERROR_CORRECT_M)
    code.add_data(text)
    code.make(fit=True)
    return [list(row) for row in code.get_matrix()]


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_from_matrix(matrix: list[list[bool]], scale: int = 8) -> bytes:
    """An 8-bit greyscale PNG of `matrix`, each module `scale` pixels square."""
    if not matrix or scale < 1:
        raise ValueError("empty matrix")
    rows = []
    for row in matrix:
        line = b"".join((b"\x00" if dark else b"\xff") * scale for dark in row)
        rows.extend([b"\x00" + line] * scale)  # filter byte 0 (None) per scanline
    width, height = len(matrix[0]) * scale, len(matrix) * scale
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(b"".join(rows), 9))
        + _chunk(b"IEND", b"")
    )


def qr_png(text: str, scale: int = 8) -> bytes:
    return png_from_matrix(qr_matrix(text), scale)
