import datetime
from io import BytesIO

import docx

from chuan.core.word import WordDocument, docx_response


def _text(content: bytes) -> str:
    document = docx.Document(BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def test_a_document_reads_back_with_its_header_table_and_signatures():
    word = WordDocument()
    word.header(
        issuer="Ủy ban nhân dân phường Pleiku",
        parent="Tỉnh Gia Lai",
        place="Pleiku",
        day=datetime.date(2026, 12, 4),
    )
    word.title("Báo cáo đánh giá nội bộ", "Năm 2026")
    word.table(["STT", "Phát hiện"], [[1, "Thiếu hồ sơ\x07 lưu"], [2, datetime.date(2026, 3, 2)]])
    word.signatures([("Trưởng đoàn", "Nguyễn Văn A", datetime.date(2026, 12, 5))])
    text = _text(word.to_bytes())
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "ỦY BAN NHÂN DÂN PHƯỜNG PLEIKU" in text
    assert "Pleiku, ngày 04 tháng 12 năm 2026" in text
    assert "BÁO CÁO ĐÁNH GIÁ NỘI BỘ" in text
    # Control characters people paste are dropped instead of breaking the file.
    assert "Thiếu hồ sơ lưu" in text
    assert "02/03/2026" in text and "05/12/2026" in text


def test_the_download_name_is_ascii():
    response = docx_response(b"x", "Báo cáo KPH-2026-001.docx")
    assert response["Content-Disposition"] == 'attachment; filename="B-o-c-o-KPH-2026-001.docx"'
