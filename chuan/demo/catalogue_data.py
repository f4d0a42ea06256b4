"""Demo catalogue: legal documents, administrative procedures (TTHC) and internal processes.

Data for the demo only, kept in `data/catalogue.json` and read here once. It is NOT an authoritative
catalogue: before any real use every entry must be checked against the Cơ sở dữ liệu quốc gia về
thủ tục hành chính (https://csdl.dichvucong.gov.vn, https://dichvucong.gov.vn) and the official
texts on https://vbpl.vn or https://vanban.chinhphu.vn.

Sources checked while writing it (stored public copies, read 2026):

* Cổng Dịch vụ công quốc gia records as harvested in the repository ``suzhentxt/VNeGuide``
  (``data/procedures/co-con-nho/1.001193/procedure.json`` and ``raw_procedure.json``: name,
  level, result, legal basis list of "Thủ tục đăng ký khai sinh"; README of the dataset
  ``tmquan/dichvucong-gov-vn``).
* Code lists built from the national portal in public test suites and scrapers: the code maps
  of several TTHC chatbot repositories (khai sinh 1.001193, kết hôn 1.000894, khai tử 1.000656,
  bản sao trích lục 2.000635, nhận cha mẹ con 1.001022, giám hộ 1.004837, đăng ký lại khai sinh
  1.004884, tình trạng hôn nhân 1.004873, thay đổi cải chính 1.004859, chứng thực 2.000815,
  2.000884, 2.001019, 2.001035, khuyết tật 1.001699, hộ kinh doanh 1.001612 and 2.000720,
  xác nhận cư trú 1.010041, tạm trú 1.004194, khai sinh/kết hôn có yếu tố nước ngoài 2.000528 and
  2.000806, doanh nghiệp tư nhân 2.001610, đất đai 1.012787, 1.012753 and 1.013831, giấy phép
  xây dựng 1.009122, 1.013225, 1.013226 and 1.013227, karaoke 1.001029, lý lịch tư pháp at the
  provincial police 3.000333) and a Ministry of Public Security source pack (dichvucong.bocongan
  .gov.vn, checked 2026-09-14) for the residence and criminal-record times.
* Public documents quoting NĐ 168/2025/NĐ-CP (30/6/2025, in force 1/7/2025), Luật 76/2025/QH15,
  NĐ 120/2025/NĐ-CP (11/6/2025), TT 08/2025/TT-BTP (12/6/2025) and TB 9441/TB-BNV (Bộ Nội vụ,
  16/10/2025, 2026 holidays).
* ``/work/shared/reference/vn_domain.md`` §2–3 for the one-stop documents (NĐ 61/2018, NĐ 118/2025,
  TT 01/2018/TT-VPCP, TT 03/2025/TT-VPCP, QĐ 19/2014/QĐ-TTg, QĐ 101/QĐ-BKHCN).

Dates, signers, fees and times not found in those sources come from general knowledge of the
published texts; the report that accompanied this module lists the less certain ones. Internal
process steps (PROCESS_STEPS) are realistic examples modelled on provincial "quy trình nội bộ",
not a copy of any province's approved decision.

Notes on the data: 118/2025/NĐ-CP replacing 61/2018/NĐ-CP is not among the relations; it is
recorded by `chuan.demo.documents` once the documents citing it exist, so that the
replacement opens their reviews. Step times sum to no more than the statutory time, except
2.001035's, DELIBERATELY over time to show the system's warning (18 working hours against the
statutory 02 working days). The leader's step is where the result is signed ("signs") and
the dossier finished ("gives_result"); the desk's last step returns it.
"""

import json
from pathlib import Path
from typing import Any

_DATA = json.loads((Path(__file__).parent / "data" / "catalogue.json").read_text("utf-8"))

LEGAL_DOCUMENTS: list[dict[str, Any]] = _DATA["legal_documents"]
LEGAL_RELATIONS: list[tuple[str, str, str]] = [tuple(r) for r in _DATA["legal_relations"]]
PROCEDURES: list[dict[str, Any]] = _DATA["procedures"]
PROCESS_STEPS: dict[str, list[dict[str, Any]]] = _DATA["process_steps"]
