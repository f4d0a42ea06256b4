"""Demo catalogue: legal documents, administrative procedures (TTHC) and internal processes.

Pure data for the demo only (standard library, nothing imported). It is NOT an authoritative
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
"""

# --- Legal documents ------------------------------------------------------------------------

LEGAL_DOCUMENTS: list[dict] = [
    # One-stop mechanism and ISO in administrative agencies
    {
        "symbol": "19/2014/QĐ-TTg",
        "kind": "decision",
        "title": (
            "Quyết định về việc áp dụng Hệ thống quản lý chất lượng theo Tiêu chuẩn quốc gia "
            "TCVN ISO 9001:2008 vào hoạt động của các cơ quan, tổ chức thuộc hệ thống hành "
            "chính nhà nước"
        ),
        "issuer": "Thủ tướng Chính phủ",
        "signer": "Nguyễn Tấn Dũng",
        "issued": "2014-03-05",
        "effective": "2014-05-18",
        "ended": None,
        "status": "in_force",
        "summary": (
            "Quy định việc xây dựng, áp dụng, duy trì và cải tiến hệ thống quản lý chất lượng "
            "trong cơ quan hành chính nhà nước; thay thế Quyết định 144/2006/QĐ-TTg và "
            "118/2009/QĐ-TTg."
        ),
    },
    {
        "symbol": "101/QĐ-BKHCN",
        "kind": "decision",
        "title": (
            "Quyết định công bố Mô hình khung hệ thống quản lý chất lượng theo tiêu chuẩn quốc "
            "gia TCVN ISO 9001:2015 cho các loại hình cơ quan hành chính nhà nước tại địa phương"
        ),
        "issuer": "Bộ Khoa học và Công nghệ",
        "signer": "",
        "issued": "2019-01-21",
        "effective": "2019-01-21",
        "ended": None,
        "status": "in_force",
        "summary": (
            "Công bố mô hình khung HTQLCL theo TCVN ISO 9001:2015 để các cơ quan hành chính địa "
            "phương tham khảo khi xây dựng hệ thống tài liệu."
        ),
    },
    {
        "symbol": "61/2018/NĐ-CP",
        "kind": "decree",
        "title": (
            "Nghị định về thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết thủ tục "
            "hành chính"
        ),
        "issuer": "Chính phủ",
        "signer": "Nguyễn Xuân Phúc",
        "issued": "2018-04-23",
        "effective": "2018-06-21",
        "ended": "2025-07-01",
        "status": "no_longer_in_force",
        "summary": (
            "Quy định tổ chức Bộ phận Tiếp nhận và Trả kết quả, quy trình tiếp nhận, chuyển, "
            "giải quyết, trả kết quả và đánh giá việc giải quyết thủ tục hành chính."
        ),
    },
    {
        "symbol": "107/2021/NĐ-CP",
        "kind": "decree",
        "title": (
            "Nghị định sửa đổi, bổ sung một số điều của Nghị định số 61/2018/NĐ-CP về thực hiện "
            "cơ chế một cửa, một cửa liên thông trong giải quyết thủ tục hành chính"
        ),
        "issuer": "Chính phủ",
        "signer": "",
        "issued": "2021-12-06",
        "effective": "2022-01-20",
        "ended": "2025-07-01",
        "status": "no_longer_in_force",
        "summary": (
            "Bổ sung quy định số hóa hồ sơ khi tiếp nhận, trả kết quả điện tử và đánh giá chất "
            "lượng giải quyết thủ tục hành chính gắn với Cổng Dịch vụ công quốc gia."
        ),
    },
    {
        "symbol": "118/2025/NĐ-CP",
        "kind": "decree",
        "title": (
            "Nghị định về thực hiện thủ tục hành chính theo cơ chế một cửa, một cửa liên thông "
            "tại Bộ phận Một cửa và Cổng Dịch vụ công quốc gia"
        ),
        "issuer": "Chính phủ",
        "signer": "",
        "issued": "2025-06-09",
        "effective": "2025-07-01",
        "ended": None,
        "status": "in_force",
        "summary": (
            "Quy định cơ chế một cửa cho chính quyền địa phương hai cấp, gồm tiếp nhận hồ sơ "
            "không phụ thuộc địa giới hành chính; thay thế Nghị định 61/2018/NĐ-CP."
        ),
    },
    {
        "symbol": "01/2018/TT-VPCP",
        "kind": "circular",
        "title": (
            "Thông tư hướng dẫn thi hành một số quy định của Nghị định số 61/2018/NĐ-CP về thực "
            "hiện cơ chế một cửa, một cửa liên thông trong giải quyết thủ tục hành chính"
        ),
        "issuer": "Văn phòng Chính phủ",
        "signer": "",
        "issued": "2018-11-23",
        "effective": "2019-01-08",
        "ended": "2025-07-01",
        "status": "no_longer_in_force",
        "summary": (
            "Ban hành các mẫu Giấy tiếp nhận hồ sơ và hẹn trả kết quả, Phiếu yêu cầu bổ sung, "
            "Phiếu từ chối, Phiếu xin lỗi, Phiếu kiểm soát quá trình và Sổ theo dõi hồ sơ."
        ),
    },
    {
        "symbol": "03/2025/TT-VPCP",
        "kind": "circular",
        "title": (
            "Thông tư hướng dẫn thực hiện thủ tục hành chính theo cơ chế một cửa, một cửa liên "
            "thông tại Bộ phận Một cửa và Cổng Dịch vụ công quốc gia"
        ),
        "issuer": "Văn phòng Chính phủ",
        "signer": "",
        "issued": "2025-09-15",
        "effective": "2025-09-15",
        "ended": None,
        "status": "in_force",
        "summary": (
            "Hướng dẫn Nghị định 118/2025/NĐ-CP: tổ chức Bộ phận Một cửa các cấp, bộ biểu mẫu, "
            "mã số hồ sơ và mã ngành, lĩnh vực thủ tục hành chính."
        ),
    },
    {
        "symbol": "9441/TB-BNV",
        "kind": "notice",
        "title": (
            "Thông báo về việc nghỉ Tết Âm lịch và dịp Quốc khánh năm 2026 đối với cán bộ, công "
            "chức, viên chức và người lao động"
        ),
        "issuer": "Bộ Nội vụ",
        "signer": "",
        "issued": "2025-10-16",
        "effective": "2025-10-16",
        "ended": None,
        "status": "in_force",
        "summary": (
            "Ấn định lịch nghỉ Tết Bính Ngọ (mùng 1 Tết là 17/02/2026) và nghỉ Quốc khánh năm "
            "2026 cho khu vực hành chính nhà nước; dùng để lập lịch ngày làm việc."
        ),
    },
    {
        "symbol": "45/2019/QH14",
        "kind": "law",
        "title": "Bộ luật Lao động",
        "issuer": "Quốc hội",
        "signer": "Nguyễn Thị Kim Ngân",
        "issued": "2019-11-20",
        "effective": "2021-01-01",
        "ended": None,
        "status": "in_force",
        "summary": (
            "Điều 112 quy định các ngày nghỉ lễ, tết hưởng nguyên lương; là căn cứ của lịch ngày "
            "làm việc dùng để tính thời hạn giải quyết hồ sơ."
        ),
    },
    # Hộ tịch
    {
        "symbol": "60/2014/QH13",
        "kind": "law",
        "title": "Luật Hộ tịch",
        "issuer": "Quốc hội",
        "signer": "Nguyễn Sinh Hùng",
        "issued": "2014-11-20",
        "effective": "2016-01-01",
        "ended": None,
        "status": "in_force",
        "summary": (
            "Quy định về hộ tịch; quyền, nghĩa vụ, nguyên tắc, thẩm quyền, thủ tục đăng ký hộ "
            "tịch; Cơ sở dữ liệu hộ tịch và quản lý nhà nước về hộ tịch."
        ),
    },
    {
        "symbol": "123/2015/NĐ-CP",
        "kind": "decree",
        "title": "Nghị định quy định chi tiết một số điều và biện pháp thi hành Luật Hộ tịch",
        "issuer": "Chính phủ",
        "signer": "Nguyễn Tấn Dũng",
        "issued": "2015-11-15",
        "effective": "2016-01-01",
        "ended": None,
        "status": "in_force",
        "summary": (
            "Hướng dẫn đăng ký khai sinh, kết hôn, xác nhận tình trạng hôn nhân, đăng ký lại và "
            "các việc hộ tịch khác; đã được sửa đổi, bổ sung."
        ),
    },
    {
        "symbol": "04/2020/TT-BTP",
        "kind": "circular",
        "title": (
            "Thông tư quy định chi tiết thi hành một số điều của Luật Hộ tịch và Nghị định số "
            "123/2015/NĐ-CP"
        ),
        "issuer": "Bộ Tư pháp",
        "signer": "Lê Thành Long",
        "issued": "2020-05-28",
        "effective": "2020-07-16",
        "ended": None,
        "status": "in_force",
        "summary": (
            "Hướng dẫn chi tiết thủ tục đăng ký hộ tịch, cấp bản sao trích lục và quản lý sổ, "
            "mẫu giấy tờ hộ tịch."
        ),
    },
    {
        "symbol": "87/2020/NĐ-CP",
        "kind": "decree",
        "title": "Nghị định quy định về Cơ sở dữ liệu hộ tịch điện tử, đăng ký hộ tịch trực tuyến",
        "issuer": "Chính phủ",
        "signer": "Nguyễn Xuân Phúc",
        "issued": "2020-07-28",
        "effective": "2020-09-15",
        "ended": None,
        "status": "in_force",
        "summary": (
            "Quy định xây dựng, quản lý Cơ sở dữ liệu hộ tịch điện tử và trình tự đăng ký hộ "
            "tịch trực tuyến."
        ),
    },
    {
        "symbol": "104/2022/NĐ-CP",
        "kind": "decree",
        "title": (
            "Nghị định sửa đổi, bổ sung một số điều của các nghị định liên quan đến việc nộp, "
            "xuất trình sổ hộ khẩu, sổ tạm trú giấy khi thực hiện thủ tục hành chính, cung cấp "
            "dịch vụ công"
        ),
        "issuer": "Chính phủ",
        "signer": "",
        "issued": "2022-12-21",
        "effective": "2023-01-01",
        "ended": None,
        "status": "in_force",
        "summary": (
            "Bỏ yêu cầu nộp, xuất trình sổ hộ khẩu, sổ tạm trú giấy; cho phép khai thác thông "
            "tin cư trú từ Cơ sở dữ liệu quốc gia về dân cư."
        ),
    },
    {
        "symbol": "07/2025/NĐ-CP",
        "kind": "decree",
        "title": (
            "Nghị định sửa đổi, bổ sung một số điều của các Nghị định trong lĩnh vực hộ tịch, "
            "quốc tịch, chứng thực"
        ),
        "issuer": "Chính phủ",
        "signer": "",
        "issued": "2025-01-09",
        "effective": "2025-02-25",
        "ended": None,
        "status": "in_force",
        "summary": (
            "Sửa đổi các nghị định về hộ tịch, quốc tịch, chứng thực để cắt giảm giấy tờ, đẩy "
            "mạnh khai thác dữ liệu điện tử."
        ),
    },
    {
        "symbol": "120/2025/NĐ-CP",
        "kind": "decree",
        "title": (
            "Nghị định quy định về phân định thẩm quyền của chính quyền địa phương 02 cấp trong "
            "lĩnh vực quản lý nhà nước của Bộ Tư pháp"
        ),
        "issuer": "Chính phủ",
        "signer": "",
        "issued": "2025-06-11",
        "effective": "2025-07-01",
        "ended": None,
        "status": "in_force",
        "summary": (
            "Chuyển các thẩm quyền hộ tịch, chứng thực của cấp huyện cũ về Ủy ban nhân dân cấp "
            "xã từ ngày 01/7/2025."
        ),
    },
    {
        "symbol": "08/2025/TT-BTP",
        "kind": "circular",
        "title": (
            "Thông tư quy định về phân định thẩm quyền của chính quyền địa phương 02 cấp và phân "
            "cấp trong lĩnh vực quản lý nhà nước của Bộ Tư pháp"
        ),
        "issuer": "Bộ Tư pháp",
        "signer": "",
        "issued": "2025-06-12",
        "effective": "2025-07-01",
        "ended": None,
        "status": "in_force",
        "summary": (
            "Điều chỉnh thẩm quyền trong các thông tư của Bộ Tư pháp cho mô hình chính quyền địa "
            "phương hai cấp."
        ),
    },
    {
        "symbol": "85/2019/TT-BTC",
        "kind": "circular",
        "title": (
            "Thông tư hướng dẫn về phí và lệ phí thuộc thẩm quyền quyết định của Hội đồng nhân "
            "dân tỉnh, thành phố trực thuộc Trung ương"
        ),
        "issuer": "Bộ Tài chính",
        "signer": "",
        "issued": "2019-11-29",
        "effective": "2020-01-01",
        "ended": None,
        "status": "in_force",
        "summary": (
            "Hướng dẫn các khoản phí, lệ phí do Hội đồng nhân dân cấp tỉnh quyết định, trong đó "
            "có lệ phí hộ tịch, lệ phí đăng ký kinh doanh hộ kinh doanh, lệ phí cấp giấy phép "
            "xây dựng."
        ),
    },
    {
        "symbol": "281/2016/TT-BTC",
        "kind": "circular",
        "title": (
            "Thông tư quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí khai thác, sử "
            "dụng thông tin trong cơ sở dữ liệu hộ tịch, phí xác nhận có quốc tịch Việt Nam, phí "
            "xác nhận là người gốc Việt Nam, lệ phí quốc tịch"
        ),
        "issuer": "Bộ Tài chính",
        "signer": "",
        "issued": "2016-11-14",
        "effective": "2017-01-01",
        "ended": None,
        "status": "in_force",
        "summary": "Quy định phí cấp bản sao trích lục hộ tịch (8.000 đồng/bản sao).",
    },
    # Chứng thực
    {
        "symbol": "23/2015/NĐ-CP",
        "kind": "decree",
        "title": (
            "Nghị định về cấp bản sao từ sổ gốc, chứng thực bản sao từ bản chính, chứng thực chữ "
            "ký và chứng thực hợp đồng, giao dịch"
        ),
        "issuer": "Chính phủ",
        "signer": "Nguyễn Tấn Dũng",
        "issued": "2015-02-16",
        "effective": "2015-04-10",
        "ended": None,
        "status": "in_force",
        "summary": (
            "Quy định thẩm quyền, thủ tục chứng thực và giá trị pháp lý của bản sao, chữ ký, "
            "hợp đồng được chứng thực; đã được sửa đổi, bổ sung."
        ),
    },
    {
        "symbol": "01/2020/TT-BTP",
        "kind": "circular",
        "title": (
            "Thông tư quy định chi tiết một số điều và biện pháp thi hành Nghị định số "
            "23/2015/NĐ-CP"
        ),
        "issuer": "Bộ Tư pháp",
        "signer": "Lê Thành Long",
        "issued": "2020-03-03",
        "effective": "2020-04-19",
        "ended": None,
        "status": "in_force",
        "summary": (
            "Hướng dẫn chứng thực bản sao, chứng thực chữ ký, chữ ký người dịch và chứng thực "
            "hợp đồng, giao dịch; ban hành mẫu lời chứng."
        ),
    },
    {
        "symbol": "226/2016/TT-BTC",
        "kind": "circular",
        "title": ("Thông tư quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí chứng thực"),
        "issuer": "Bộ Tài chính",
        "signer": "",
        "issued": "2016-11-11",
        "effective": "2017-01-01",
        "ended": None,
        "status": "in_force",
        "summary": (
            "Quy định phí chứng thực bản sao (2.000 đồng/trang), chứng thực chữ ký (10.000 "
            "đồng/trường hợp) và chứng thực hợp đồng, giao dịch, di chúc (50.000 đồng)."
        ),
    },
    # Cư trú, người khuyết tật
    {
        "symbol": "68/2020/QH14",
        "kind": "law",
        "title": "Luật Cư trú",
        "issuer": "Quốc hội",
        "signer": "Nguyễn Thị Kim Ngân",
        "issued": "2020-11-13",
        "effective": "2021-07-01",
        "ended": None,
        "status": "in_force",
        "summary": (
            "Quy định việc đăng ký, quản lý cư trú; quản lý cư trú bằng Cơ sở dữ liệu về cư "
            "trú thay cho sổ hộ khẩu, sổ tạm trú."
        ),
    },
    {
        "symbol": "154/2024/NĐ-CP",
        "kind": "decree",
        "title": "Nghị định quy định chi tiết một số điều và biện pháp thi hành Luật Cư trú",
        "issuer": "Chính phủ",
        "signer": "",
        "issued": "2024-11-26",
        "effective": "2025-01-10",
        "ended": None,
        "status": "in_force",
        "summary": (
            "Hướng dẫn giấy tờ chứng minh chỗ ở hợp pháp, đăng ký thường trú, tạm trú và xác "
            "nhận thông tin về cư trú."
        ),
    },
    {
        "symbol": "51/2010/QH12",
        "kind": "law",
        "title": "Luật Người khuyết tật",
        "issuer": "Quốc hội",
        "signer": "Nguyễn Phú Trọng",
        "issued": "2010-06-17",
        "effective": "2011-01-01",
        "ended": None,
        "status": "in_force",
        "summary": (
            "Quy định quyền, nghĩa vụ của người khuyết tật và việc xác định mức độ khuyết tật "
            "do Hội đồng xác định mức độ khuyết tật cấp xã thực hiện."
        ),
    },
    {
        "symbol": "28/2012/NĐ-CP",
        "kind": "decree",
        "title": (
            "Nghị định quy định chi tiết và hướng dẫn thi hành một số điều của Luật Người "
            "khuyết tật"
        ),
        "issuer": "Chính phủ",
        "signer": "Nguyễn Tấn Dũng",
        "issued": "2012-04-10",
        "effective": "2012-06-01",
        "ended": None,
        "status": "in_force",
        "summary": (
            "Hướng dẫn dạng tật, mức độ khuyết tật, hồ sơ và trình tự xác định mức độ khuyết "
            "tật, cấp Giấy xác nhận khuyết tật."
        ),
    },
    # Đất đai
    {
        "symbol": "31/2024/QH15",
        "kind": "law",
        "title": "Luật Đất đai",
        "issuer": "Quốc hội",
        "signer": "Vương Đình Huệ",
        "issued": "2024-01-18",
        "effective": "2024-08-01",
        "ended": None,
        "status": "in_force",
        "summary": (
            "Quy định chế độ sở hữu, quản lý và sử dụng đất đai; đăng ký đất đai, cấp Giấy "
            "chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất."
        ),
    },
    {
        "symbol": "101/2024/NĐ-CP",
        "kind": "decree",
        "title": (
            "Nghị định quy định về điều tra cơ bản đất đai; đăng ký, cấp Giấy chứng nhận quyền "
            "sử dụng đất, quyền sở hữu tài sản gắn liền với đất và Hệ thống thông tin đất đai"
        ),
        "issuer": "Chính phủ",
        "signer": "",
        "issued": "2024-07-29",
        "effective": "2024-08-01",
        "ended": None,
        "status": "in_force",
        "summary": (
            "Quy định hồ sơ, trình tự và thời gian đăng ký đất đai lần đầu, đăng ký biến động "
            "và cấp Giấy chứng nhận."
        ),
    },
    {
        "symbol": "151/2025/NĐ-CP",
        "kind": "decree",
        "title": (
            "Nghị định quy định về phân định thẩm quyền của chính quyền địa phương 02 cấp, phân "
            "quyền, phân cấp trong lĩnh vực đất đai"
        ),
        "issuer": "Chính phủ",
        "signer": "",
        "issued": "2025-06-12",
        "effective": "2025-07-01",
        "ended": None,
        "status": "in_force",
        "summary": (
            "Chuyển thẩm quyền về đất đai của Ủy ban nhân dân cấp huyện cũ cho Ủy ban nhân dân "
            "cấp xã và cơ quan cấp tỉnh từ ngày 01/7/2025."
        ),
    },
    # Xây dựng
    {
        "symbol": "50/2014/QH13",
        "kind": "law",
        "title": "Luật Xây dựng",
        "issuer": "Quốc hội",
        "signer": "Nguyễn Sinh Hùng",
        "issued": "2014-06-18",
        "effective": "2015-01-01",
        "ended": None,
        "status": "in_force",
        "summary": (
            "Quy định hoạt động đầu tư xây dựng, trong đó có điều kiện, hồ sơ, thẩm quyền và "
            "thời hạn cấp giấy phép xây dựng; đã được sửa đổi, bổ sung."
        ),
    },
    {
        "symbol": "62/2020/QH14",
        "kind": "law",
        "title": "Luật sửa đổi, bổ sung một số điều của Luật Xây dựng",
        "issuer": "Quốc hội",
        "signer": "Nguyễn Thị Kim Ngân",
        "issued": "2020-06-17",
        "effective": "2021-01-01",
        "ended": None,
        "status": "in_force",
        "summary": (
            "Sửa đổi các quy định về thẩm định dự án, miễn và cấp giấy phép xây dựng của Luật "
            "Xây dựng 2014."
        ),
    },
    {
        "symbol": "15/2021/NĐ-CP",
        "kind": "decree",
        "title": "Nghị định quy định chi tiết một số nội dung về quản lý dự án đầu tư xây dựng",
        "issuer": "Chính phủ",
        "signer": "",
        "issued": "2021-03-03",
        "effective": "2021-03-03",
        "ended": "2024-12-30",
        "status": "no_longer_in_force",
        "summary": (
            "Quy định hồ sơ, trình tự cấp giấy phép xây dựng giai đoạn 2021–2024; được thay thế "
            "bởi Nghị định 175/2024/NĐ-CP."
        ),
    },
    {
        "symbol": "175/2024/NĐ-CP",
        "kind": "decree",
        "title": (
            "Nghị định quy định chi tiết một số điều và biện pháp thi hành Luật Xây dựng về quản "
            "lý hoạt động xây dựng"
        ),
        "issuer": "Chính phủ",
        "signer": "",
        "issued": "2024-12-30",
        "effective": "2024-12-30",
        "ended": None,
        "status": "in_force",
        "summary": (
            "Quy định hồ sơ đề nghị cấp, điều chỉnh, gia hạn giấy phép xây dựng và giấy phép "
            "hoạt động xây dựng."
        ),
    },
    # Doanh nghiệp, hộ kinh doanh
    {
        "symbol": "59/2020/QH14",
        "kind": "law",
        "title": "Luật Doanh nghiệp",
        "issuer": "Quốc hội",
        "signer": "Nguyễn Thị Kim Ngân",
        "issued": "2020-06-17",
        "effective": "2021-01-01",
        "ended": None,
        "status": "in_force",
        "summary": (
            "Quy định thành lập, tổ chức quản lý, tổ chức lại, giải thể doanh nghiệp; đã được "
            "sửa đổi, bổ sung bởi Luật 76/2025/QH15."
        ),
    },
    {
        "symbol": "76/2025/QH15",
        "kind": "law",
        "title": "Luật sửa đổi, bổ sung một số điều của Luật Doanh nghiệp",
        "issuer": "Quốc hội",
        "signer": "Trần Thanh Mẫn",
        "issued": "2025-06-17",
        "effective": "2025-07-01",
        "ended": None,
        "status": "in_force",
        "summary": (
            "Sửa đổi Luật Doanh nghiệp 2020, trong đó có quy định về chủ sở hữu hưởng lợi và "
            "đăng ký doanh nghiệp."
        ),
    },
    {
        "symbol": "01/2021/NĐ-CP",
        "kind": "decree",
        "title": "Nghị định về đăng ký doanh nghiệp",
        "issuer": "Chính phủ",
        "signer": "Nguyễn Xuân Phúc",
        "issued": "2021-01-04",
        "effective": "2021-01-04",
        "ended": "2025-07-01",
        "status": "no_longer_in_force",
        "summary": (
            "Quy định hồ sơ, trình tự đăng ký doanh nghiệp và hộ kinh doanh; được thay thế bởi "
            "Nghị định 168/2025/NĐ-CP."
        ),
    },
    {
        "symbol": "168/2025/NĐ-CP",
        "kind": "decree",
        "title": "Nghị định về đăng ký doanh nghiệp",
        "issuer": "Chính phủ",
        "signer": "",
        "issued": "2025-06-30",
        "effective": "2025-07-01",
        "ended": None,
        "status": "in_force",
        "summary": (
            "Quy định đăng ký doanh nghiệp tại cơ quan đăng ký kinh doanh cấp tỉnh và đăng ký "
            "hộ kinh doanh tại cấp xã theo mô hình chính quyền địa phương hai cấp."
        ),
    },
    # Lý lịch tư pháp, văn hóa
    {
        "symbol": "28/2009/QH12",
        "kind": "law",
        "title": "Luật Lý lịch tư pháp",
        "issuer": "Quốc hội",
        "signer": "Nguyễn Phú Trọng",
        "issued": "2009-06-17",
        "effective": "2010-07-01",
        "ended": None,
        "status": "in_force",
        "summary": (
            "Quy định về lý lịch tư pháp, cơ sở dữ liệu lý lịch tư pháp và thủ tục cấp Phiếu "
            "lý lịch tư pháp."
        ),
    },
    {
        "symbol": "244/2016/TT-BTC",
        "kind": "circular",
        "title": (
            "Thông tư quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí cung cấp thông "
            "tin lý lịch tư pháp"
        ),
        "issuer": "Bộ Tài chính",
        "signer": "",
        "issued": "2016-11-11",
        "effective": "2017-01-01",
        "ended": None,
        "status": "in_force",
        "summary": (
            "Quy định phí cấp Phiếu lý lịch tư pháp 200.000 đồng/lần/người, 100.000 đồng đối với "
            "sinh viên, người có công với cách mạng."
        ),
    },
    {
        "symbol": "54/2019/NĐ-CP",
        "kind": "decree",
        "title": "Nghị định quy định về kinh doanh dịch vụ karaoke, dịch vụ vũ trường",
        "issuer": "Chính phủ",
        "signer": "",
        "issued": "2019-06-19",
        "effective": "2019-09-01",
        "ended": None,
        "status": "in_force",
        "summary": (
            "Quy định điều kiện, hồ sơ và thời hạn cấp Giấy phép đủ điều kiện kinh doanh dịch vụ "
            "karaoke, vũ trường."
        ),
    },
]

# --- Relations among the documents above -----------------------------------------------------

LEGAL_RELATIONS: list[tuple[str, str, str]] = [
    ("107/2021/NĐ-CP", "amends", "61/2018/NĐ-CP"),
    # 118/2025/NĐ-CP replaces 61/2018/NĐ-CP: recorded by `chuan.demo.documents` once the
    # documents citing it exist, so that the replacement opens their reviews.
    ("118/2025/NĐ-CP", "repeals", "107/2021/NĐ-CP"),
    ("01/2018/TT-VPCP", "guides", "61/2018/NĐ-CP"),
    ("03/2025/TT-VPCP", "guides", "118/2025/NĐ-CP"),
    ("123/2015/NĐ-CP", "guides", "60/2014/QH13"),
    ("04/2020/TT-BTP", "guides", "60/2014/QH13"),
    ("04/2020/TT-BTP", "guides", "123/2015/NĐ-CP"),
    ("07/2025/NĐ-CP", "amends", "123/2015/NĐ-CP"),
    ("07/2025/NĐ-CP", "amends", "23/2015/NĐ-CP"),
    ("01/2020/TT-BTP", "guides", "23/2015/NĐ-CP"),
    ("154/2024/NĐ-CP", "guides", "68/2020/QH14"),
    ("28/2012/NĐ-CP", "guides", "51/2010/QH12"),
    ("101/2024/NĐ-CP", "guides", "31/2024/QH15"),
    ("62/2020/QH14", "amends", "50/2014/QH13"),
    ("175/2024/NĐ-CP", "guides", "50/2014/QH13"),
    ("175/2024/NĐ-CP", "replaces", "15/2021/NĐ-CP"),
    ("76/2025/QH15", "amends", "59/2020/QH14"),
    ("01/2021/NĐ-CP", "guides", "59/2020/QH14"),
    ("168/2025/NĐ-CP", "guides", "59/2020/QH14"),
    ("168/2025/NĐ-CP", "replaces", "01/2021/NĐ-CP"),
]


# --- Administrative procedures (TTHC) --------------------------------------------------
PROCEDURES: list[dict] = [
    {
        "code": "1.001193",
        "name": "Thủ tục đăng ký khai sinh",
        "field": "Hộ tịch",
        "levels": [
            "commune",
        ],
        "time_amount": 1,
        "time_unit": "same_day",
        "time_note": (
            "Ngay trong ngày tiếp nhận hồ sơ; trường hợp nhận hồ sơ sau 15 giờ mà "
            "không giải quyết được ngay thì trả kết quả trong ngày làm việc tiếp theo"
        ),
        "fee": (
            "Miễn lệ phí đăng ký khai sinh đúng hạn; đăng ký quá hạn nộp lệ phí theo "
            "mức do Hội đồng nhân dân cấp tỉnh quy định"
        ),
        "fee_amount": 0,
        "result": "Giấy khai sinh (bản chính và bản điện tử)",
        "online": "full",
        "cross_boundary": True,
        "components": [
            {
                "name": (
                    "Tờ khai đăng ký khai sinh theo mẫu (nộp trực tiếp, bưu chính) "
                    "hoặc mẫu hộ tịch điện tử tương tác (nộp trực tuyến)"
                ),
                "originals": 1,
                "certified_copies": 0,
                "photocopies": 0,
                "required": True,
            },
            {
                "name": (
                    "Giấy chứng sinh; trường hợp không có thì văn bản của người làm "
                    "chứng hoặc giấy cam đoan về việc sinh"
                ),
                "originals": 1,
                "certified_copies": 0,
                "photocopies": 0,
                "required": True,
            },
            {
                "name": (
                    "Hộ chiếu, thẻ căn cước, căn cước điện tử hoặc giấy tờ tùy thân "
                    "khác có ảnh còn giá trị sử dụng (xuất trình)"
                ),
                "originals": 1,
                "certified_copies": 0,
                "photocopies": 0,
                "required": True,
            },
            {
                "name": (
                    "Văn bản ủy quyền (được chứng thực, trừ trường hợp người được ủy "
                    "quyền là ông, bà, cha, mẹ, con, vợ, chồng, anh, chị, em ruột) "
                    "trong trường hợp ủy quyền"
                ),
                "originals": 1,
                "certified_copies": 0,
                "photocopies": 0,
                "required": False,
            },
            {
                "name": ("Biên bản về việc trẻ bị bỏ rơi (trường hợp trẻ bị bỏ rơi)"),
                "originals": 1,
                "certified_copies": 0,
                "photocopies": 0,
                "required": False,
            },
            {
                "name": (
                    "Văn bản xác nhận của cơ sở y tế đã thực hiện kỹ thuật hỗ trợ "
                    "sinh sản (trường hợp mang thai hộ)"
                ),
                "originals": 1,
                "certified_copies": 0,
                "photocopies": 0,
                "required": False,
            },
        ],
        "legal_basis": [
            "60/2014/QH13",
            "123/2015/NĐ-CP",
            "04/2020/TT-BTP",
            "87/2020/NĐ-CP",
            "07/2025/NĐ-CP",
            "120/2025/NĐ-CP",
            "08/2025/TT-BTP",
            "104/2022/NĐ-CP",
            "85/2019/TT-BTC",
        ],
    },
    {
        "code": "1.000894",
        "name": "Thủ tục đăng ký kết hôn",
        "field": "Hộ tịch",
        "levels": [
            "commune",
        ],
        "time_amount": 1,
        "time_unit": "same_day",
        "time_note": (
            "Ngay sau khi nhận đủ giấy tờ theo quy định, nếu thấy đủ điều kiện kết "
            "hôn; trường hợp cần xác minh thì thời hạn giải quyết không quá 05 ngày "
            "làm việc"
        ),
        "fee": ("Miễn lệ phí đăng ký kết hôn của công dân Việt Nam cư trú ở trong nước"),
        "fee_amount": 0,
        "result": ("Giấy chứng nhận kết hôn (bản chính, mỗi bên vợ, chồng 01 bản)"),
        "online": "partial",
        "cross_boundary": True,
        "components": [
            {
                "name": (
                    "Tờ khai đăng ký kết hôn theo mẫu (hai bên có thể khai chung một tờ khai)"
                ),
                "originals": 1,
                "certified_copies": 0,
                "photocopies": 0,
                "required": True,
            },
            {
                "name": (
                    "Giấy xác nhận tình trạng hôn nhân (trường hợp đăng ký kết hôn "
                    "không tại nơi thường trú hoặc chưa tra cứu được thông tin)"
                ),
                "originals": 1,
                "certified_copies": 0,
                "photocopies": 0,
                "required": False,
            },
            {
                "name": (
                    "Hộ chiếu, thẻ căn cước, căn cước điện tử hoặc giấy tờ tùy thân "
                    "khác có ảnh còn giá trị sử dụng (xuất trình) của hai bên nam, nữ"
                ),
                "originals": 2,
                "certified_copies": 0,
                "photocopies": 0,
                "required": True,
            },
        ],
        "legal_basis": [
            "60/2014/QH13",
            "123/2015/NĐ-CP",
            "04/2020/TT-BTP",
            "87/2020/NĐ-CP",
            "07/2025/NĐ-CP",
            "120/2025/NĐ-CP",
            "08/2025/TT-BTP",
            "104/2022/NĐ-CP",
        ],
    },
    {
        "code": "1.000656",
        "name": "Thủ tục đăng ký khai tử",
        "field": "Hộ tịch",
        "levels": [
            "commune",
        ],
        "time_amount": 1,
        "time_unit": "same_day",
        "time_note": (
            "Ngay trong ngày tiếp nhận hồ sơ; trường hợp nhận hồ sơ sau 15 giờ mà "
            "không giải quyết được ngay thì trả kết quả trong ngày làm việc tiếp "
            "theo; trường hợp cần xác minh thì không quá 03 ngày làm việc"
        ),
        "fee": (
            "Miễn lệ phí đăng ký khai tử đúng hạn; trường hợp khác theo mức do Hội "
            "đồng nhân dân cấp tỉnh quy định"
        ),
        "fee_amount": 0,
        "result": "Trích lục khai tử (bản chính)",
        "online": "full",
        "cross_boundary": True,
        "components": [
            {
                "name": "Tờ khai đăng ký khai tử theo mẫu",
                "originals": 1,
                "certified_copies": 0,
                "photocopies": 0,
                "required": True,
            },
            {
                "name": (
                    "Giấy báo tử hoặc giấy tờ thay thế Giấy báo tử do cơ quan có thẩm quyền cấp"
                ),
                "originals": 1,
                "certified_copies": 0,
                "photocopies": 0,
                "required": True,
            },
            {
                "name": (
                    "Hộ chiếu, thẻ căn cước, căn cước điện tử hoặc giấy tờ tùy thân "
                    "khác có ảnh còn giá trị sử dụng (xuất trình)"
                ),
                "originals": 1,
                "certified_copies": 0,
                "photocopies": 0,
                "required": True,
            },
            {
                "name": (
                    "Văn bản ủy quyền (được chứng thực, trừ trường hợp người được ủy "
                    "quyền là ông, bà, cha, mẹ, con, vợ, chồng, anh, chị, em ruột) "
                    "trong trường hợp ủy quyền"
                ),
                "originals": 1,
                "certified_copies": 0,
                "photocopies": 0,
                "required": False,
            },
        ],
        "legal_basis": [
            "60/2014/QH13",
            "123/2015/NĐ-CP",
            "04/2020/TT-BTP",
            "87/2020/NĐ-CP",
            "07/2025/NĐ-CP",
            "120/2025/NĐ-CP",
            "08/2025/TT-BTP",
            "85/2019/TT-BTC",
        ],
    },
    {
        "code": "1.004859",
        "name": ("Thủ tục đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch"),
        "field": "Hộ tịch",
        "levels": [
            "commune",
        ],
        "time_amount": 3,
        "time_unit": "working_days",
        "time_note": (
            "03 ngày làm việc kể từ ngày nhận đủ giấy tờ theo quy định; trường hợp "
            "cần xác minh thì kéo dài thêm không quá 03 ngày làm việc"
        ),
        "fee": "Lệ phí theo mức do Hội đồng nhân dân cấp tỉnh quy định",
        "fee_amount": 0,
        "result": "Trích lục thay đổi, cải chính, bổ sung thông tin hộ tịch",
        "online": "full",
        "cross_boundary": True,
        "components": [
            {
                "name": ("Tờ khai đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch theo mẫu"),
                "originals": 1,
                "certified_copies": 0,
                "photocopies": 0,
                "required": True,
            },
            {
                "name": (
                    "Giấy tờ làm căn cứ cho việc thay đổi, cải chính, bổ sung thông tin hộ tịch"
                ),
                "originals": 0,
                "certified_copies": 1,
                "photocopies": 0,
                "required": True,
            },
            {
                "name": ("Giấy khai sinh hoặc giấy tờ hộ tịch cần thay đổi, cải chính"),
                "originals": 1,
                "certified_copies": 0,
                "photocopies": 0,
                "required": True,
            },
            {
                "name": (
                    "Hộ chiếu, thẻ căn cước, căn cước điện tử hoặc giấy tờ tùy thân "
                    "khác có ảnh còn giá trị sử dụng (xuất trình)"
                ),
                "originals": 1,
                "certified_copies": 0,
                "photocopies": 0,
                "required": True,
            },
            {
                "name": (
                    "Văn bản ủy quyền (được chứng thực, trừ trường hợp người được ủy "
                    "quyền là ông, bà, cha, mẹ, con, vợ, chồng, anh, chị, em ruột) "
                    "trong trường hợp ủy quyền"
                ),
                "originals": 1,
                "certified_copies": 0,
                "photocopies": 0,
                "required": False,
            },
        ],
        "legal_basis": [
            "60/2014/QH13",
            "123/2015/NĐ-CP",
            "04/2020/TT-BTP",
            "87/2020/NĐ-CP",
            "07/2025/NĐ-CP",
            "120/2025/NĐ-CP",
            "08/2025/TT-BTP",
            "85/2019/TT-BTC",
        ],
    },
    {
        "code": "2.000635",
        "name": "Thủ tục cấp bản sao trích lục hộ tịch",
        "field": "Hộ tịch",
        "levels": [
            "commune",
        ],
        "time_amount": 1,
        "time_unit": "same_day",
        "time_note": (
            "Ngay trong ngày tiếp nhận yêu cầu; trường hợp nhận yêu cầu sau 15 giờ "
            "thì cấp trong ngày làm việc tiếp theo"
        ),
        "fee": "Phí cấp bản sao trích lục hộ tịch: 8.000 đồng/bản sao",
        "fee_amount": 8000,
        "result": (
            "Bản sao trích lục hộ tịch (bản sao Giấy khai sinh, trích lục kết hôn, khai tử...)"
        ),
        "online": "full",
        "cross_boundary": True,
        "components": [
            {
                "name": "Tờ khai cấp bản sao trích lục hộ tịch theo mẫu",
                "originals": 1,
                "certified_copies": 0,
                "photocopies": 0,
                "required": True,
            },
            {
                "name": (
                    "Hộ chiếu, thẻ căn cước, căn cước điện tử hoặc giấy tờ tùy thân "
                    "khác có ảnh còn giá trị sử dụng (xuất trình)"
                ),
                "originals": 1,
                "certified_copies": 0,
                "photocopies": 0,
                "required": True,
            },
            {
                "name": (
                    "Văn bản ủy quyền (được chứng thực, trừ trường hợp người được ủy "
                    "quyền là ông, bà, cha, mẹ, con, vợ, chồng, anh, chị, em ruột) "
                    "trong trường hợp ủy quyền"
                ),
                "originals": 1,
                "certified_copies": 0,
                "photocopies": 0,
                "required": False,
            },
        ],
        "legal_basis": [
            "60/2014/QH13",
            "123/2015/NĐ-CP",
            "04/2020/TT-BTP",
            "281/2016/TT-BTC",
            "120/2025/NĐ-CP",
        ],
    },
    {
        "code": "1.004873",
        "name": "Thủ tục cấp Giấy xác nhận tình trạng hôn nhân",
        "field": "Hộ tịch",
        "levels": [
            "commune",
        ],
        "time_amount": 3,
        "time_unit": "working_days",
        "time_note": (
            "03 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ; trường hợp phải xác "
            "minh thì thời hạn được kéo dài theo thời gian xác minh"
        ),
        "fee": "Lệ phí theo mức do Hội đồng nhân dân cấp tỉnh quy định",
        "fee_amount": 0,
        "result": "Giấy xác nhận tình trạng hôn nhân (bản chính)",
        "online": "full",
        "cross_boundary": True,
        "components": [
            {
                "name": ("Tờ khai cấp Giấy xác nhận tình trạng hôn nhân theo mẫu"),
                "originals": 1,
                "certified_copies": 0,
                "photocopies": 0,
                "required": True,
            },
            {
                "name": (
                    "Giấy tờ chứng minh việc ly hôn hoặc người kia đã chết (trường "
                    "hợp đã có vợ, chồng)"
                ),
                "originals": 0,
                "certified_copies": 1,
                "photocopies": 0,
                "required": False,
            },
            {
                "name": (
                    "Hộ chiếu, thẻ căn cước, căn cước điện tử hoặc giấy tờ tùy thân "
                    "khác có ảnh còn giá trị sử dụng (xuất trình)"
                ),
                "originals": 1,
                "certified_copies": 0,
                "photocopies": 0,
                "required": True,
            },
        ],
        "legal_basis": [
            "60/2014/QH13",
            "123/2015/NĐ-CP",
            "04/2020/TT-BTP",
            "87/2020/NĐ-CP",
            "07/2025/NĐ-CP",
            "120/2025/NĐ-CP",
            "08/2025/TT-BTP",
            "85/2019/TT-BTC",
        ],
    },
    {
        "code": "1.001022",
        "name": "Thủ tục đăng ký nhận cha, mẹ, con",
        "field": "Hộ tịch",
        "levels": [
            "commune",
        ],
        "time_amount": 3,
        "time_unit": "working_days",
        "time_note": (
            "03 ngày làm việc kể từ ngày nhận đủ giấy tờ; trường hợp cần xác minh thì"
            " kéo dài thêm không quá 05 ngày làm việc"
        ),
        "fee": "Lệ phí theo mức do Hội đồng nhân dân cấp tỉnh quy định",
        "fee_amount": 0,
        "result": "Trích lục đăng ký nhận cha, mẹ, con",
        "online": "partial",
        "cross_boundary": True,
        "components": [
            {
                "name": "Tờ khai đăng ký nhận cha, mẹ, con theo mẫu",
                "originals": 1,
                "certified_copies": 0,
                "photocopies": 0,
                "required": True,
            },
            {
                "name": (
                    "Văn bản của cơ quan y tế, cơ quan giám định hoặc cơ quan có thẩm"
                    " quyền xác nhận quan hệ cha, mẹ, con; nếu không có thì thư từ, "
                    "phim ảnh, băng đĩa, đồ dùng, vật dụng khác chứng minh quan hệ và"
                    " văn bản cam đoan"
                ),
                "originals": 1,
                "certified_copies": 0,
                "photocopies": 0,
                "required": True,
            },
            {
                "name": (
                    "Hộ chiếu, thẻ căn cước, căn cước điện tử hoặc giấy tờ tùy thân "
                    "khác có ảnh còn giá trị sử dụng (xuất trình)"
                ),
                "originals": 2,
                "certified_copies": 0,
                "photocopies": 0,
                "required": True,
            },
        ],
        "legal_basis": [
            "60/2014/QH13",
            "123/2015/NĐ-CP",
            "04/2020/TT-BTP",
            "87/2020/NĐ-CP",
            "07/2025/NĐ-CP",
            "120/2025/NĐ-CP",
            "08/2025/TT-BTP",
            "85/2019/TT-BTC",
        ],
    },
    {
        "code": "1.004884",
        "name": "Thủ tục đăng ký lại khai sinh",
        "field": "Hộ tịch",
        "levels": [
            "commune",
        ],
        "time_amount": 5,
        "time_unit": "working_days",
        "time_note": (
            "05 ngày làm việc kể từ ngày nhận đủ hồ sơ; trường hợp phải xác minh thì "
            "kéo dài theo thời gian xác minh"
        ),
        "fee": "Lệ phí theo mức do Hội đồng nhân dân cấp tỉnh quy định",
        "fee_amount": 0,
        "result": "Giấy khai sinh (đăng ký lại)",
        "online": "full",
        "cross_boundary": True,
        "components": [
            {
                "name": "Tờ khai đăng ký lại khai sinh theo mẫu",
                "originals": 1,
                "certified_copies": 0,
                "photocopies": 0,
                "required": True,
            },
            {
                "name": (
                    "Bản sao toàn bộ hồ sơ, giấy tờ của người yêu cầu có thông tin "
                    "liên quan đến nội dung khai sinh"
                ),
                "originals": 0,
                "certified_copies": 1,
                "photocopies": 0,
                "required": True,
            },
            {
                "name": (
                    "Hộ chiếu, thẻ căn cước, căn cước điện tử hoặc giấy tờ tùy thân "
                    "khác có ảnh còn giá trị sử dụng (xuất trình)"
                ),
                "originals": 1,
                "certified_copies": 0,
                "photocopies": 0,
                "required": True,
            },
        ],
        "legal_basis": [
            "60/2014/QH13",
            "123/2015/NĐ-CP",
            "04/2020/TT-BTP",
            "87/2020/NĐ-CP",
            "07/2025/NĐ-CP",
            "120/2025/NĐ-CP",
            "08/2025/TT-BTP",
            "85/2019/TT-BTC",
        ],
    },
    {
        "code": "1.004837",
        "name": "Thủ tục đăng ký giám hộ",
        "field": "Hộ tịch",
        "levels": [
            "commune",
        ],
        "time_amount": 3,
        "time_unit": "working_days",
        "time_note": "03 ngày làm việc kể từ ngày nhận đủ giấy tờ theo quy định",
        "fee": "Miễn lệ phí",
        "fee_amount": 0,
        "result": "Trích lục đăng ký giám hộ",
        "online": "full",
        "cross_boundary": True,
        "components": [
            {
                "name": "Tờ khai đăng ký giám hộ theo mẫu",
                "originals": 1,
                "certified_copies": 0,
                "photocopies": 0,
                "required": True,
            },
            {
                "name": (
                    "Văn bản cử người giám hộ (trường hợp cử người giám hộ) hoặc giấy"
                    " tờ chứng minh điều kiện làm giám hộ đương nhiên"
                ),
                "originals": 1,
                "certified_copies": 0,
                "photocopies": 0,
                "required": True,
            },
            {
                "name": (
                    "Hộ chiếu, thẻ căn cước, căn cước điện tử hoặc giấy tờ tùy thân "
                    "khác có ảnh còn giá trị sử dụng (xuất trình)"
                ),
                "originals": 1,
                "certified_copies": 0,
                "photocopies": 0,
                "required": True,
            },
        ],
        "legal_basis": [
            "60/2014/QH13",
            "123/2015/NĐ-CP",
            "04/2020/TT-BTP",
            "87/2020/NĐ-CP",
            "07/2025/NĐ-CP",
            "120/2025/NĐ-CP",
            "08/2025/TT-BTP",
        ],
    },
    {
        "code": "2.000815",
        "name": (
            "Thủ tục chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan, tổ "
            "chức có thẩm quyền của Việt Nam cấp hoặc chứng nhận"
        ),
        "field": "Chứng thực",
        "levels": [
            "commune",
        ],
        "time_amount": 1,
        "time_unit": "same_day",
        "time_note": (
            "Trong ngày cơ quan, tổ chức tiếp nhận yêu cầu hoặc trong ngày làm việc "
            "tiếp theo, nếu tiếp nhận yêu cầu sau 15 giờ"
        ),
        "fee": (
            "2.000 đồng/trang; từ trang thứ ba trở lên thu 1.000 đồng/trang, tối đa "
            "không quá 200.000 đồng/bản"
        ),
        "fee_amount": 2000,
        "result": "Bản sao được chứng thực từ bản chính",
        "online": "partial",
        "cross_boundary": True,
        "components": [
            {
                "name": ("Bản chính giấy tờ, văn bản làm cơ sở để chứng thực bản sao"),
                "originals": 1,
                "certified_copies": 0,
                "photocopies": 0,
                "required": True,
            },
            {
                "name": ("Bản sao cần chứng thực (trường hợp người yêu cầu tự chuẩn bị bản chụp)"),
                "originals": 0,
                "certified_copies": 0,
                "photocopies": 1,
                "required": False,
            },
        ],
        "legal_basis": [
            "23/2015/NĐ-CP",
            "01/2020/TT-BTP",
            "07/2025/NĐ-CP",
            "226/2016/TT-BTC",
            "120/2025/NĐ-CP",
        ],
    },
    {
        "code": "2.000884",
        "name": (
            "Thủ tục chứng thực chữ ký trong các giấy tờ, văn bản (áp dụng cho cả "
            "trường hợp chứng thực điểm chỉ và trường hợp người yêu cầu chứng thực "
            "không ký, không điểm chỉ được)"
        ),
        "field": "Chứng thực",
        "levels": [
            "commune",
        ],
        "time_amount": 1,
        "time_unit": "same_day",
        "time_note": (
            "Trong ngày cơ quan, tổ chức tiếp nhận yêu cầu hoặc trong ngày làm việc "
            "tiếp theo, nếu tiếp nhận yêu cầu sau 15 giờ"
        ),
        "fee": (
            "10.000 đồng/trường hợp (trường hợp được hiểu là một hoặc nhiều chữ ký "
            "trong cùng một giấy tờ, văn bản)"
        ),
        "fee_amount": 10000,
        "result": "Giấy tờ, văn bản đã được chứng thực chữ ký",
        "online": "none",
        "cross_boundary": True,
        "components": [
            {
                "name": (
                    "Giấy tờ tùy thân còn giá trị sử dụng của người yêu cầu chứng thực (xuất trình)"
                ),
                "originals": 1,
                "certified_copies": 0,
                "photocopies": 0,
                "required": True,
            },
            {
                "name": "Giấy tờ, văn bản mà người yêu cầu chứng thực sẽ ký",
                "originals": 1,
                "certified_copies": 0,
                "photocopies": 0,
                "required": True,
            },
        ],
        "legal_basis": [
            "23/2015/NĐ-CP",
            "01/2020/TT-BTP",
            "07/2025/NĐ-CP",
            "226/2016/TT-BTC",
            "120/2025/NĐ-CP",
        ],
    },
    {
        "code": "2.001035",
        "name": (
            "Thủ tục chứng thực giao dịch liên quan đến tài sản là động sản, quyền sử"
            " dụng đất, nhà ở"
        ),
        "field": "Chứng thực",
        "levels": [
            "commune",
        ],
        "time_amount": 2,
        "time_unit": "working_days",
        "time_note": (
            "Không quá 02 ngày làm việc kể từ ngày nhận hồ sơ đầy đủ, hợp lệ hoặc kéo"
            " dài hơn theo thỏa thuận bằng văn bản với người yêu cầu chứng thực"
        ),
        "fee": "50.000 đồng/hợp đồng, giao dịch",
        "fee_amount": 50000,
        "result": "Hợp đồng, giao dịch được chứng thực",
        "online": "none",
        "cross_boundary": False,
        "components": [
            {
                "name": "Dự thảo hợp đồng, giao dịch",
                "originals": 1,
                "certified_copies": 0,
                "photocopies": 0,
                "required": True,
            },
            {
                "name": ("Bản sao giấy tờ tùy thân của người yêu cầu chứng thực"),
                "originals": 0,
                "certified_copies": 0,
                "photocopies": 1,
                "required": True,
            },
            {
                "name": (
                    "Bản sao Giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở "
                    "hoặc giấy tờ chứng minh quyền sở hữu, sử dụng tài sản (kèm bản "
                    "chính để đối chiếu)"
                ),
                "originals": 0,
                "certified_copies": 0,
                "photocopies": 1,
                "required": True,
            },
        ],
        "legal_basis": [
            "23/2015/NĐ-CP",
            "01/2020/TT-BTP",
            "07/2025/NĐ-CP",
            "226/2016/TT-BTC",
            "120/2025/NĐ-CP",
            "31/2024/QH15",
        ],
    },
    {
        "code": "2.001019",
        "name": "Thủ tục chứng thực di chúc",
        "field": "Chứng thực",
        "levels": [
            "commune",
        ],
        "time_amount": 2,
        "time_unit": "working_days",
        "time_note": (
            "Không quá 02 ngày làm việc kể từ ngày nhận hồ sơ đầy đủ, hợp lệ hoặc kéo"
            " dài hơn theo thỏa thuận bằng văn bản với người yêu cầu chứng thực"
        ),
        "fee": "50.000 đồng/di chúc",
        "fee_amount": 50000,
        "result": "Di chúc được chứng thực",
        "online": "none",
        "cross_boundary": True,
        "components": [
            {
                "name": "Dự thảo di chúc",
                "originals": 1,
                "certified_copies": 0,
                "photocopies": 0,
                "required": True,
            },
            {
                "name": "Bản sao giấy tờ tùy thân của người lập di chúc",
                "originals": 0,
                "certified_copies": 0,
                "photocopies": 1,
                "required": True,
            },
            {
                "name": (
                    "Bản sao giấy chứng nhận quyền sở hữu, quyền sử dụng tài sản (nếu"
                    " di chúc liên quan đến tài sản phải đăng ký)"
                ),
                "originals": 0,
                "certified_copies": 0,
                "photocopies": 1,
                "required": False,
            },
        ],
        "legal_basis": [
            "23/2015/NĐ-CP",
            "01/2020/TT-BTP",
            "07/2025/NĐ-CP",
            "226/2016/TT-BTC",
            "120/2025/NĐ-CP",
        ],
    },
    {
        "code": "1.001699",
        "name": (
            "Thủ tục xác định, xác định lại mức độ khuyết tật và cấp Giấy xác nhận khuyết tật"
        ),
        "field": "Bảo trợ xã hội",
        "levels": [
            "commune",
        ],
        "time_amount": 25,
        "time_unit": "working_days",
        "time_note": (
            "25 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ (Hội đồng xác định mức "
            "độ khuyết tật tổ chức xác định và Chủ tịch Ủy ban nhân dân cấp xã cấp "
            "Giấy xác nhận khuyết tật)"
        ),
        "fee": "Không thu phí, lệ phí",
        "fee_amount": 0,
        "result": "Giấy xác nhận khuyết tật",
        "online": "partial",
        "cross_boundary": True,
        "components": [
            {
                "name": ("Đơn đề nghị xác định, xác định lại mức độ khuyết tật theo mẫu"),
                "originals": 1,
                "certified_copies": 0,
                "photocopies": 0,
                "required": True,
            },
            {
                "name": (
                    "Bản sao các giấy tờ liên quan đến khuyết tật (bệnh án, giấy tờ "
                    "khám, điều trị, phẫu thuật, kết luận của Hội đồng giám định y "
                    "khoa nếu có)"
                ),
                "originals": 0,
                "certified_copies": 0,
                "photocopies": 1,
                "required": False,
            },
        ],
        "legal_basis": [
            "51/2010/QH12",
            "28/2012/NĐ-CP",
        ],
    },
    {
        "code": "1.010041",
        "name": "Xác nhận thông tin về cư trú",
        "field": "Đăng ký, quản lý cư trú",
        "levels": [
            "commune",
        ],
        "time_amount": "0.5",
        "time_unit": "working_days",
        "time_note": (
            "Không quá 1/2 ngày làm việc trường hợp thông tin cần xác nhận đã có "
            "trong Cơ sở dữ liệu quốc gia về dân cư; không quá 03 ngày làm việc "
            "trường hợp cần xác minh"
        ),
        "fee": "Không thu lệ phí",
        "fee_amount": 0,
        "result": "Giấy xác nhận thông tin về cư trú (bản giấy hoặc điện tử)",
        "online": "full",
        "cross_boundary": True,
        "components": [
            {
                "name": "Tờ khai thay đổi thông tin cư trú (mẫu CT01)",
                "originals": 1,
                "certified_copies": 0,
                "photocopies": 0,
                "required": True,
            },
        ],
        "legal_basis": [
            "68/2020/QH14",
            "154/2024/NĐ-CP",
        ],
    },
    {
        "code": "1.004194",
        "name": "Đăng ký tạm trú",
        "field": "Đăng ký, quản lý cư trú",
        "levels": [
            "commune",
        ],
        "time_amount": 3,
        "time_unit": "working_days",
        "time_note": (
            "03 ngày làm việc kể từ ngày nhận đủ hồ sơ và cập nhật thông tin vào Cơ "
            "sở dữ liệu về cư trú"
        ),
        "fee": (
            "Lệ phí đăng ký tạm trú theo quy định của Bộ Tài chính (mức thu thấp hơn "
            "khi nộp trực tuyến); miễn cho các đối tượng theo quy định"
        ),
        "fee_amount": 0,
        "result": (
            "Thông tin tạm trú được cập nhật vào Cơ sở dữ liệu về cư trú và thông báo"
            " cho người đăng ký"
        ),
        "online": "full",
        "cross_boundary": False,
        "components": [
            {
                "name": "Tờ khai thay đổi thông tin cư trú (mẫu CT01)",
                "originals": 1,
                "certified_copies": 0,
                "photocopies": 0,
                "required": True,
            },
            {
                "name": (
                    "Giấy tờ, tài liệu chứng minh chỗ ở hợp pháp (trường hợp chưa "
                    "khai thác được từ cơ sở dữ liệu)"
                ),
                "originals": 0,
                "certified_copies": 0,
                "photocopies": 1,
                "required": False,
            },
        ],
        "legal_basis": [
            "68/2020/QH14",
            "154/2024/NĐ-CP",
            "104/2022/NĐ-CP",
        ],
    },
    {
        "code": "1.001612",
        "name": "Đăng ký thành lập hộ kinh doanh",
        "field": "Thành lập và hoạt động của hộ kinh doanh",
        "levels": [
            "district",
            "commune",
        ],
        "time_amount": 3,
        "time_unit": "working_days",
        "time_note": (
            "03 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ (trước 01/7/2025 tại "
            "Phòng Tài chính - Kế hoạch cấp huyện; từ 01/7/2025 tại Ủy ban nhân dân "
            "cấp xã)"
        ),
        "fee": (
            "Lệ phí theo mức do Hội đồng nhân dân cấp tỉnh quy định; miễn lệ phí khi "
            "đăng ký qua mạng theo chính sách của địa phương"
        ),
        "fee_amount": 0,
        "result": "Giấy chứng nhận đăng ký hộ kinh doanh",
        "online": "full",
        "cross_boundary": True,
        "components": [
            {
                "name": "Giấy đề nghị đăng ký hộ kinh doanh theo mẫu",
                "originals": 1,
                "certified_copies": 0,
                "photocopies": 0,
                "required": True,
            },
            {
                "name": (
                    "Biên bản họp thành viên hộ gia đình về việc thành lập hộ kinh "
                    "doanh (trường hợp các thành viên hộ gia đình đăng ký)"
                ),
                "originals": 1,
                "certified_copies": 0,
                "photocopies": 0,
                "required": False,
            },
            {
                "name": (
                    "Văn bản ủy quyền của thành viên hộ gia đình cho một thành viên "
                    "làm chủ hộ kinh doanh"
                ),
                "originals": 1,
                "certified_copies": 0,
                "photocopies": 0,
                "required": False,
            },
        ],
        "legal_basis": [
            "59/2020/QH14",
            "01/2021/NĐ-CP",
            "168/2025/NĐ-CP",
            "85/2019/TT-BTC",
        ],
    },
    {
        "code": "2.000720",
        "name": "Đăng ký thay đổi nội dung đăng ký hộ kinh doanh",
        "field": "Thành lập và hoạt động của hộ kinh doanh",
        "levels": [
            "district",
            "commune",
        ],
        "time_amount": 3,
        "time_unit": "working_days",
        "time_note": "03 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ",
        "fee": "Lệ phí theo mức do Hội đồng nhân dân cấp tỉnh quy định",
        "fee_amount": 0,
        "result": ("Giấy chứng nhận đăng ký hộ kinh doanh (cấp mới theo nội dung thay đổi)"),
        "online": "full",
        "cross_boundary": True,
        "components": [
            {
                "name": ("Thông báo thay đổi nội dung đăng ký hộ kinh doanh theo mẫu"),
                "originals": 1,
                "certified_copies": 0,
                "photocopies": 0,
                "required": True,
            },
            {
                "name": (
                    "Giấy tờ liên quan đến nội dung thay đổi (biên bản họp thành viên"
                    " hộ gia đình, hợp đồng chuyển nhượng, văn bản thừa kế...)"
                ),
                "originals": 0,
                "certified_copies": 1,
                "photocopies": 0,
                "required": False,
            },
        ],
        "legal_basis": [
            "59/2020/QH14",
            "01/2021/NĐ-CP",
            "168/2025/NĐ-CP",
            "85/2019/TT-BTC",
        ],
    },
    {
        "code": "1.009122",
        "name": "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ",
        "field": "Hoạt động xây dựng",
        "levels": [
            "district",
            "commune",
        ],
        "time_amount": 15,
        "time_unit": "calendar_days",
        "time_note": (
            "15 ngày kể từ ngày nhận đủ hồ sơ hợp lệ (trước 01/7/2025 Ủy ban nhân dân"
            " cấp huyện cấp; từ 01/7/2025 Ủy ban nhân dân cấp xã cấp)"
        ),
        "fee": ("Lệ phí cấp giấy phép xây dựng theo mức do Hội đồng nhân dân cấp tỉnh quy định"),
        "fee_amount": 0,
        "result": "Giấy phép xây dựng",
        "online": "partial",
        "cross_boundary": False,
        "components": [
            {
                "name": "Đơn đề nghị cấp giấy phép xây dựng theo mẫu",
                "originals": 1,
                "certified_copies": 0,
                "photocopies": 0,
                "required": True,
            },
            {
                "name": ("Giấy tờ hợp pháp về đất đai theo quy định của pháp luật"),
                "originals": 0,
                "certified_copies": 1,
                "photocopies": 0,
                "required": True,
            },
            {
                "name": (
                    "Bản vẽ thiết kế xây dựng (mặt bằng, mặt cắt, mặt đứng, móng, đấu"
                    " nối hạ tầng kỹ thuật)"
                ),
                "originals": 2,
                "certified_copies": 0,
                "photocopies": 0,
                "required": True,
            },
            {
                "name": (
                    "Bản cam kết bảo đảm an toàn đối với công trình liền kề (trường "
                    "hợp có công trình liền kề)"
                ),
                "originals": 1,
                "certified_copies": 0,
                "photocopies": 0,
                "required": False,
            },
        ],
        "legal_basis": [
            "50/2014/QH13",
            "62/2020/QH14",
            "175/2024/NĐ-CP",
            "85/2019/TT-BTC",
        ],
    },
    {
        "code": "1.012787",
        "name": (
            "Đăng ký đất đai, tài sản gắn liền với đất, cấp Giấy chứng nhận quyền sử "
            "dụng đất, quyền sở hữu tài sản gắn liền với đất lần đầu đối với hộ gia "
            "đình, cá nhân"
        ),
        "field": "Đất đai",
        "levels": [
            "district",
            "commune",
        ],
        "time_amount": 20,
        "time_unit": "working_days",
        "time_note": (
            "Không quá 20 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ; không kể "
            "thời gian thực hiện nghĩa vụ tài chính và thời gian xem xét xử lý vi "
            "phạm (nếu có)"
        ),
        "fee": ("Lệ phí cấp Giấy chứng nhận theo mức do Hội đồng nhân dân cấp tỉnh quy định"),
        "fee_amount": 0,
        "result": ("Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất"),
        "online": "partial",
        "cross_boundary": False,
        "components": [
            {
                "name": ("Đơn đăng ký đất đai, tài sản gắn liền với đất theo mẫu"),
                "originals": 1,
                "certified_copies": 0,
                "photocopies": 0,
                "required": True,
            },
            {
                "name": ("Giấy tờ về quyền sử dụng đất theo quy định của Luật Đất đai (nếu có)"),
                "originals": 0,
                "certified_copies": 1,
                "photocopies": 0,
                "required": False,
            },
            {
                "name": "Mảnh trích đo bản đồ địa chính thửa đất (nếu có)",
                "originals": 1,
                "certified_copies": 0,
                "photocopies": 0,
                "required": False,
            },
            {
                "name": (
                    "Chứng từ thực hiện nghĩa vụ tài chính hoặc giấy tờ về miễn, giảm"
                    " nghĩa vụ tài chính (nếu có)"
                ),
                "originals": 0,
                "certified_copies": 1,
                "photocopies": 0,
                "required": False,
            },
        ],
        "legal_basis": [
            "31/2024/QH15",
            "101/2024/NĐ-CP",
            "151/2025/NĐ-CP",
            "85/2019/TT-BTC",
        ],
    },
    {
        "code": "1.013831",
        "name": (
            "Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với "
            "đất trong các trường hợp chuyển nhượng, tặng cho, thừa kế"
        ),
        "field": "Đất đai",
        "levels": [
            "district",
            "province",
        ],
        "time_amount": 10,
        "time_unit": "working_days",
        "time_note": (
            "Không quá 10 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ; không kể "
            "thời gian thực hiện nghĩa vụ tài chính"
        ),
        "fee": ("Lệ phí cấp Giấy chứng nhận theo mức do Hội đồng nhân dân cấp tỉnh quy định"),
        "fee_amount": 0,
        "result": "Giấy chứng nhận được cấp mới hoặc được xác nhận thay đổi",
        "online": "partial",
        "cross_boundary": True,
        "components": [
            {
                "name": ("Đơn đăng ký biến động đất đai, tài sản gắn liền với đất theo mẫu"),
                "originals": 1,
                "certified_copies": 0,
                "photocopies": 0,
                "required": True,
            },
            {
                "name": (
                    "Hợp đồng, văn bản về việc chuyển nhượng, tặng cho, thừa kế đã "
                    "được công chứng hoặc chứng thực"
                ),
                "originals": 1,
                "certified_copies": 0,
                "photocopies": 0,
                "required": True,
            },
            {
                "name": "Giấy chứng nhận đã cấp",
                "originals": 1,
                "certified_copies": 0,
                "photocopies": 0,
                "required": True,
            },
        ],
        "legal_basis": [
            "31/2024/QH15",
            "101/2024/NĐ-CP",
            "151/2025/NĐ-CP",
            "85/2019/TT-BTC",
        ],
    },
    {
        "code": "2.000528",
        "name": "Thủ tục đăng ký khai sinh có yếu tố nước ngoài",
        "field": "Hộ tịch",
        "levels": [
            "district",
            "commune",
        ],
        "time_amount": 1,
        "time_unit": "same_day",
        "time_note": (
            "Ngay sau khi nhận đủ giấy tờ theo quy định; trường hợp nhận hồ sơ sau 15"
            " giờ thì trả kết quả trong ngày làm việc tiếp theo"
        ),
        "fee": "Lệ phí theo mức do Hội đồng nhân dân cấp tỉnh quy định",
        "fee_amount": 0,
        "result": "Giấy khai sinh (bản chính)",
        "online": "partial",
        "cross_boundary": True,
        "components": [
            {
                "name": "Tờ khai đăng ký khai sinh theo mẫu",
                "originals": 1,
                "certified_copies": 0,
                "photocopies": 0,
                "required": True,
            },
            {
                "name": "Giấy chứng sinh hoặc giấy tờ thay thế",
                "originals": 1,
                "certified_copies": 0,
                "photocopies": 0,
                "required": True,
            },
            {
                "name": (
                    "Văn bản thỏa thuận của cha, mẹ về việc chọn quốc tịch cho con "
                    "(trường hợp cha hoặc mẹ là người nước ngoài)"
                ),
                "originals": 1,
                "certified_copies": 0,
                "photocopies": 0,
                "required": False,
            },
            {
                "name": (
                    "Hộ chiếu, thẻ căn cước, căn cước điện tử hoặc giấy tờ tùy thân "
                    "khác có ảnh còn giá trị sử dụng (xuất trình)"
                ),
                "originals": 1,
                "certified_copies": 0,
                "photocopies": 0,
                "required": True,
            },
        ],
        "legal_basis": [
            "60/2014/QH13",
            "123/2015/NĐ-CP",
            "04/2020/TT-BTP",
            "87/2020/NĐ-CP",
            "07/2025/NĐ-CP",
            "120/2025/NĐ-CP",
            "08/2025/TT-BTP",
            "85/2019/TT-BTC",
        ],
    },
    {
        "code": "2.000806",
        "name": "Thủ tục đăng ký kết hôn có yếu tố nước ngoài",
        "field": "Hộ tịch",
        "levels": [
            "district",
            "commune",
        ],
        "time_amount": 15,
        "time_unit": "calendar_days",
        "time_note": "15 ngày kể từ ngày nhận đủ hồ sơ hợp lệ",
        "fee": "Lệ phí theo mức do Hội đồng nhân dân cấp tỉnh quy định",
        "fee_amount": 0,
        "result": "Giấy chứng nhận kết hôn (bản chính)",
        "online": "partial",
        "cross_boundary": True,
        "components": [
            {
                "name": "Tờ khai đăng ký kết hôn theo mẫu",
                "originals": 1,
                "certified_copies": 0,
                "photocopies": 0,
                "required": True,
            },
            {
                "name": (
                    "Giấy tờ chứng minh tình trạng hôn nhân của người nước ngoài do "
                    "cơ quan có thẩm quyền nước ngoài cấp (đã hợp pháp hóa lãnh sự, "
                    "dịch sang tiếng Việt)"
                ),
                "originals": 1,
                "certified_copies": 0,
                "photocopies": 0,
                "required": True,
            },
            {
                "name": (
                    "Giấy xác nhận của tổ chức y tế có thẩm quyền xác nhận không mắc "
                    "bệnh tâm thần hoặc bệnh khác mà không có khả năng nhận thức, làm"
                    " chủ hành vi"
                ),
                "originals": 2,
                "certified_copies": 0,
                "photocopies": 0,
                "required": True,
            },
            {
                "name": (
                    "Bản sao hộ chiếu hoặc giấy tờ có giá trị thay hộ chiếu của người nước ngoài"
                ),
                "originals": 0,
                "certified_copies": 1,
                "photocopies": 0,
                "required": True,
            },
        ],
        "legal_basis": [
            "60/2014/QH13",
            "123/2015/NĐ-CP",
            "04/2020/TT-BTP",
            "87/2020/NĐ-CP",
            "07/2025/NĐ-CP",
            "120/2025/NĐ-CP",
            "08/2025/TT-BTP",
            "85/2019/TT-BTC",
        ],
    },
    {
        "code": "2.001610",
        "name": "Đăng ký thành lập doanh nghiệp tư nhân",
        "field": "Thành lập và hoạt động doanh nghiệp",
        "levels": [
            "province",
        ],
        "time_amount": 3,
        "time_unit": "working_days",
        "time_note": (
            "03 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ (Phòng Đăng ký kinh "
            "doanh thuộc Sở Kế hoạch và Đầu tư, từ năm 2025 thuộc Sở Tài chính)"
        ),
        "fee": (
            "Lệ phí đăng ký doanh nghiệp 50.000 đồng/lần (miễn khi đăng ký qua mạng "
            "thông tin điện tử); phí công bố nội dung đăng ký doanh nghiệp theo quy "
            "định"
        ),
        "fee_amount": 50000,
        "result": "Giấy chứng nhận đăng ký doanh nghiệp",
        "online": "full",
        "cross_boundary": True,
        "components": [
            {
                "name": "Giấy đề nghị đăng ký doanh nghiệp theo mẫu",
                "originals": 1,
                "certified_copies": 0,
                "photocopies": 0,
                "required": True,
            },
            {
                "name": (
                    "Bản sao giấy tờ pháp lý của cá nhân đối với chủ doanh nghiệp tư "
                    "nhân (trường hợp không khai thác được từ Cơ sở dữ liệu quốc gia "
                    "về dân cư)"
                ),
                "originals": 0,
                "certified_copies": 1,
                "photocopies": 0,
                "required": False,
            },
            {
                "name": "Văn bản ủy quyền cho người đi nộp hồ sơ (nếu có)",
                "originals": 1,
                "certified_copies": 0,
                "photocopies": 0,
                "required": False,
            },
        ],
        "legal_basis": [
            "59/2020/QH14",
            "76/2025/QH15",
            "168/2025/NĐ-CP",
        ],
    },
    {
        "code": "3.000333",
        "name": (
            "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang "
            "cư trú tại Việt Nam"
        ),
        "field": "Lý lịch tư pháp",
        "levels": [
            "province",
        ],
        "time_amount": 10,
        "time_unit": "calendar_days",
        "time_note": (
            "Không quá 10 ngày kể từ ngày nhận được yêu cầu hợp lệ; trường hợp phải "
            "xác minh thì không quá 15 ngày"
        ),
        "fee": (
            "200.000 đồng/lần/người; 100.000 đồng đối với sinh viên, người có công "
            "với cách mạng, thân nhân liệt sĩ; miễn đối với trẻ em, người cao tuổi, "
            "người khuyết tật, người thuộc hộ nghèo"
        ),
        "fee_amount": 200000,
        "result": ("Phiếu lý lịch tư pháp số 1 hoặc số 2 (bản giấy hoặc điện tử)"),
        "online": "full",
        "cross_boundary": True,
        "components": [
            {
                "name": "Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp theo mẫu",
                "originals": 1,
                "certified_copies": 0,
                "photocopies": 0,
                "required": True,
            },
            {
                "name": "Bản chụp giấy tờ tùy thân của người được cấp Phiếu",
                "originals": 0,
                "certified_copies": 0,
                "photocopies": 1,
                "required": True,
            },
            {
                "name": ("Văn bản ủy quyền (trường hợp ủy quyền yêu cầu cấp Phiếu số 1)"),
                "originals": 1,
                "certified_copies": 0,
                "photocopies": 0,
                "required": False,
            },
        ],
        "legal_basis": [
            "28/2009/QH12",
            "244/2016/TT-BTC",
        ],
    },
    {
        "code": "1.012753",
        "name": (
            "Đăng ký đất đai, tài sản gắn liền với đất, cấp Giấy chứng nhận quyền sử "
            "dụng đất, quyền sở hữu tài sản gắn liền với đất lần đầu đối với tổ chức "
            "đang sử dụng đất"
        ),
        "field": "Đất đai",
        "levels": [
            "province",
        ],
        "time_amount": 20,
        "time_unit": "working_days",
        "time_note": (
            "Không quá 20 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ; không kể "
            "thời gian thực hiện nghĩa vụ tài chính"
        ),
        "fee": ("Lệ phí cấp Giấy chứng nhận theo mức do Hội đồng nhân dân cấp tỉnh quy định"),
        "fee_amount": 0,
        "result": ("Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất"),
        "online": "partial",
        "cross_boundary": False,
        "components": [
            {
                "name": ("Đơn đăng ký đất đai, tài sản gắn liền với đất theo mẫu"),
                "originals": 1,
                "certified_copies": 0,
                "photocopies": 0,
                "required": True,
            },
            {
                "name": ("Giấy tờ về quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất"),
                "originals": 0,
                "certified_copies": 1,
                "photocopies": 0,
                "required": True,
            },
            {
                "name": ("Báo cáo kết quả rà soát hiện trạng sử dụng đất của tổ chức"),
                "originals": 1,
                "certified_copies": 0,
                "photocopies": 0,
                "required": True,
            },
        ],
        "legal_basis": [
            "31/2024/QH15",
            "101/2024/NĐ-CP",
            "151/2025/NĐ-CP",
            "85/2019/TT-BTC",
        ],
    },
    {
        "code": "1.013225",
        "name": "Cấp giấy phép xây dựng mới đối với công trình",
        "field": "Hoạt động xây dựng",
        "levels": [
            "province",
        ],
        "time_amount": 20,
        "time_unit": "calendar_days",
        "time_note": (
            "20 ngày kể từ ngày nhận đủ hồ sơ hợp lệ (Sở Xây dựng cấp cho công trình "
            "thuộc thẩm quyền cấp tỉnh)"
        ),
        "fee": ("Lệ phí cấp giấy phép xây dựng theo mức do Hội đồng nhân dân cấp tỉnh quy định"),
        "fee_amount": 0,
        "result": "Giấy phép xây dựng",
        "online": "partial",
        "cross_boundary": False,
        "components": [
            {
                "name": "Đơn đề nghị cấp giấy phép xây dựng theo mẫu",
                "originals": 1,
                "certified_copies": 0,
                "photocopies": 0,
                "required": True,
            },
            {
                "name": "Giấy tờ hợp pháp về đất đai",
                "originals": 0,
                "certified_copies": 1,
                "photocopies": 0,
                "required": True,
            },
            {
                "name": (
                    "Quyết định phê duyệt dự án, văn bản thông báo kết quả thẩm định "
                    "của cơ quan chuyên môn về xây dựng (nếu có)"
                ),
                "originals": 0,
                "certified_copies": 1,
                "photocopies": 0,
                "required": False,
            },
            {
                "name": (
                    "Bản vẽ thiết kế xây dựng trong hồ sơ thiết kế xây dựng triển "
                    "khai sau thiết kế cơ sở"
                ),
                "originals": 2,
                "certified_copies": 0,
                "photocopies": 0,
                "required": True,
            },
        ],
        "legal_basis": [
            "50/2014/QH13",
            "62/2020/QH14",
            "175/2024/NĐ-CP",
            "85/2019/TT-BTC",
        ],
    },
    {
        "code": "1.013226",
        "name": "Điều chỉnh giấy phép xây dựng",
        "field": "Hoạt động xây dựng",
        "levels": [
            "district",
            "province",
        ],
        "time_amount": 20,
        "time_unit": "calendar_days",
        "time_note": ("20 ngày kể từ ngày nhận đủ hồ sơ hợp lệ (15 ngày đối với nhà ở riêng lẻ)"),
        "fee": ("Lệ phí cấp giấy phép xây dựng theo mức do Hội đồng nhân dân cấp tỉnh quy định"),
        "fee_amount": 0,
        "result": "Giấy phép xây dựng điều chỉnh",
        "online": "partial",
        "cross_boundary": False,
        "components": [
            {
                "name": "Đơn đề nghị điều chỉnh giấy phép xây dựng theo mẫu",
                "originals": 1,
                "certified_copies": 0,
                "photocopies": 0,
                "required": True,
            },
            {
                "name": "Bản chính giấy phép xây dựng đã được cấp",
                "originals": 1,
                "certified_copies": 0,
                "photocopies": 0,
                "required": True,
            },
            {
                "name": "Bản vẽ thiết kế liên quan đến phần điều chỉnh",
                "originals": 2,
                "certified_copies": 0,
                "photocopies": 0,
                "required": True,
            },
        ],
        "legal_basis": [
            "50/2014/QH13",
            "62/2020/QH14",
            "175/2024/NĐ-CP",
        ],
    },
    {
        "code": "1.013227",
        "name": "Gia hạn giấy phép xây dựng",
        "field": "Hoạt động xây dựng",
        "levels": [
            "district",
            "province",
        ],
        "time_amount": 5,
        "time_unit": "working_days",
        "time_note": "05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ",
        "fee": (
            "Lệ phí gia hạn giấy phép xây dựng theo mức do Hội đồng nhân dân cấp tỉnh quy định"
        ),
        "fee_amount": 0,
        "result": "Giấy phép xây dựng được gia hạn",
        "online": "full",
        "cross_boundary": False,
        "components": [
            {
                "name": "Đơn đề nghị gia hạn giấy phép xây dựng theo mẫu",
                "originals": 1,
                "certified_copies": 0,
                "photocopies": 0,
                "required": True,
            },
            {
                "name": "Bản chính giấy phép xây dựng đã được cấp",
                "originals": 1,
                "certified_copies": 0,
                "photocopies": 0,
                "required": True,
            },
        ],
        "legal_basis": [
            "50/2014/QH13",
            "62/2020/QH14",
            "175/2024/NĐ-CP",
        ],
    },
    {
        "code": "1.001029",
        "name": ("Thủ tục cấp Giấy phép đủ điều kiện kinh doanh dịch vụ karaoke"),
        "field": "Văn hóa",
        "levels": [
            "district",
            "province",
        ],
        "time_amount": 5,
        "time_unit": "working_days",
        "time_note": "05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ",
        "fee": (
            "Phí thẩm định cấp giấy phép kinh doanh karaoke theo quy định của Bộ Tài "
            "chính (mức thu theo địa bàn và số phòng)"
        ),
        "fee_amount": 0,
        "result": "Giấy phép đủ điều kiện kinh doanh dịch vụ karaoke",
        "online": "full",
        "cross_boundary": False,
        "components": [
            {
                "name": (
                    "Đơn đề nghị cấp Giấy phép đủ điều kiện kinh doanh dịch vụ karaoke theo mẫu"
                ),
                "originals": 1,
                "certified_copies": 0,
                "photocopies": 0,
                "required": True,
            },
            {
                "name": (
                    "Bản sao Giấy chứng nhận đăng ký doanh nghiệp hoặc hộ kinh doanh "
                    "(nếu không khai thác được trên hệ thống)"
                ),
                "originals": 0,
                "certified_copies": 1,
                "photocopies": 0,
                "required": False,
            },
        ],
        "legal_basis": [
            "54/2019/NĐ-CP",
        ],
    },
]

# --- Internal processes (quy trình nội bộ) -----------------------------------------------
# Step times sum to no more than the statutory time, except 2.001035 (marked below). The
# leader's step is where the result is signed ("signs") and the dossier finished
# ("gives_result"); the desk's last step returns it.
PROCESS_STEPS: dict[str, list[dict]] = {
    "1.001193": [
        {
            "name": "Tiếp nhận, kiểm tra hồ sơ, chuyển xử lý",
            "responsible": "desk",
            "amount": 1,
            "unit": "working_hours",
            "output": (
                "Giấy tiếp nhận hồ sơ và hẹn trả kết quả; Phiếu kiểm soát quá trình giải quyết"
            ),
            "forms": "Mẫu 01, Mẫu 06",
        },
        {
            "name": (
                "Thẩm tra hồ sơ, ghi Sổ đăng ký khai sinh, lấy số định danh cá nhân, "
                "in Giấy khai sinh"
            ),
            "responsible": "department",
            "amount": 4,
            "unit": "working_hours",
            "output": "Dự thảo Giấy khai sinh",
            "forms": "Phiếu kiểm soát",
        },
        {
            "name": "Ký Giấy khai sinh",
            "responsible": "leader",
            "signs": True,
            "gives_result": True,
            "amount": 2,
            "unit": "working_hours",
            "output": "Giấy khai sinh đã ký",
            "forms": "Phiếu kiểm soát",
        },
        {
            "name": "Trả kết quả, thu phí, lệ phí (nếu có)",
            "responsible": "desk",
            "amount": 1,
            "unit": "working_hours",
            "output": "Giấy khai sinh trả cho người yêu cầu",
            "forms": "Mẫu 07 (Sổ theo dõi)",
        },
    ],
    "1.000894": [
        {
            "name": "Tiếp nhận, kiểm tra hồ sơ, chuyển xử lý",
            "responsible": "desk",
            "amount": 1,
            "unit": "working_hours",
            "output": (
                "Giấy tiếp nhận hồ sơ và hẹn trả kết quả; Phiếu kiểm soát quá trình giải quyết"
            ),
            "forms": "Mẫu 01, Mẫu 06",
        },
        {
            "name": (
                "Tra cứu tình trạng hôn nhân, thẩm tra điều kiện kết hôn, ghi Sổ đăng ký kết hôn"
            ),
            "responsible": "department",
            "amount": 4,
            "unit": "working_hours",
            "output": "Dự thảo Giấy chứng nhận kết hôn",
            "forms": "Phiếu kiểm soát",
        },
        {
            "name": "Ký Giấy chứng nhận kết hôn",
            "responsible": "leader",
            "signs": True,
            "gives_result": True,
            "amount": 2,
            "unit": "working_hours",
            "output": "Giấy chứng nhận kết hôn đã ký",
            "forms": "Phiếu kiểm soát",
        },
        {
            "name": "Tổ chức trao Giấy chứng nhận kết hôn, hai bên ký Sổ",
            "responsible": "desk",
            "amount": 1,
            "unit": "working_hours",
            "output": "Giấy chứng nhận kết hôn trao cho hai bên",
            "forms": "Mẫu 07 (Sổ theo dõi)",
        },
    ],
    "1.000656": [
        {
            "name": "Tiếp nhận, kiểm tra hồ sơ, chuyển xử lý",
            "responsible": "desk",
            "amount": 1,
            "unit": "working_hours",
            "output": (
                "Giấy tiếp nhận hồ sơ và hẹn trả kết quả; Phiếu kiểm soát quá trình giải quyết"
            ),
            "forms": "Mẫu 01, Mẫu 06",
        },
        {
            "name": (
                "Thẩm tra hồ sơ, ghi Sổ đăng ký khai tử, cập nhật Cơ sở dữ liệu hộ tịch điện tử"
            ),
            "responsible": "department",
            "amount": 4,
            "unit": "working_hours",
            "output": "Dự thảo Trích lục khai tử",
            "forms": "Phiếu kiểm soát",
        },
        {
            "name": "Ký Trích lục khai tử",
            "responsible": "leader",
            "signs": True,
            "gives_result": True,
            "amount": 2,
            "unit": "working_hours",
            "output": "Trích lục khai tử đã ký",
            "forms": "Phiếu kiểm soát",
        },
        {
            "name": "Trả kết quả, thu phí, lệ phí (nếu có)",
            "responsible": "desk",
            "amount": 1,
            "unit": "working_hours",
            "output": "Trích lục khai tử trả cho người yêu cầu",
            "forms": "Mẫu 07",
        },
    ],
    "2.000635": [
        {
            "name": "Tiếp nhận, kiểm tra hồ sơ, chuyển xử lý",
            "responsible": "desk",
            "amount": 1,
            "unit": "working_hours",
            "output": (
                "Giấy tiếp nhận hồ sơ và hẹn trả kết quả; Phiếu kiểm soát quá trình giải quyết"
            ),
            "forms": "Mẫu 01",
        },
        {
            "name": ("Tra cứu Sổ hộ tịch, Cơ sở dữ liệu hộ tịch điện tử, in bản sao trích lục"),
            "responsible": "department",
            "amount": 3,
            "unit": "working_hours",
            "output": "Dự thảo bản sao trích lục",
            "forms": "Phiếu kiểm soát",
        },
        {
            "name": "Ký bản sao trích lục hộ tịch",
            "responsible": "leader",
            "signs": True,
            "gives_result": True,
            "amount": 2,
            "unit": "working_hours",
            "output": "Bản sao trích lục đã ký",
            "forms": "Phiếu kiểm soát",
        },
        {
            "name": "Trả kết quả, thu phí, lệ phí (nếu có)",
            "responsible": "desk",
            "amount": 1,
            "unit": "working_hours",
            "output": "Bản sao trích lục và biên lai thu phí",
            "forms": "Mẫu 07",
        },
    ],
    "1.004859": [
        {
            "name": "Tiếp nhận, kiểm tra hồ sơ, chuyển xử lý",
            "responsible": "desk",
            "amount": 4,
            "unit": "working_hours",
            "output": (
                "Giấy tiếp nhận hồ sơ và hẹn trả kết quả; Phiếu kiểm soát quá trình giải quyết"
            ),
            "forms": "Mẫu 01, Mẫu 06",
        },
        {
            "name": ("Thẩm tra, xác minh căn cứ thay đổi, cải chính; ghi Sổ hộ tịch"),
            "responsible": "department",
            "amount": "1.5",
            "unit": "working_days",
            "output": "Dự thảo Trích lục thay đổi, cải chính",
            "forms": "Phiếu kiểm soát",
        },
        {
            "name": ("Ký Trích lục thay đổi, cải chính, bổ sung thông tin hộ tịch"),
            "responsible": "leader",
            "signs": True,
            "gives_result": True,
            "amount": 4,
            "unit": "working_hours",
            "output": "Trích lục đã ký",
            "forms": "Phiếu kiểm soát",
        },
        {
            "name": "Trả kết quả, thu phí, lệ phí (nếu có)",
            "responsible": "desk",
            "amount": 4,
            "unit": "working_hours",
            "output": "Trích lục trả cho người yêu cầu",
            "forms": "Mẫu 07",
        },
    ],
    "1.004873": [
        {
            "name": "Tiếp nhận, kiểm tra hồ sơ, chuyển xử lý",
            "responsible": "desk",
            "amount": 4,
            "unit": "working_hours",
            "output": (
                "Giấy tiếp nhận hồ sơ và hẹn trả kết quả; Phiếu kiểm soát quá trình giải quyết"
            ),
            "forms": "Mẫu 01, Mẫu 06",
        },
        {
            "name": ("Tra cứu Cơ sở dữ liệu hộ tịch điện tử, thẩm tra tình trạng hôn nhân"),
            "responsible": "department",
            "amount": 2,
            "unit": "working_days",
            "output": "Dự thảo Giấy xác nhận tình trạng hôn nhân",
            "forms": "Phiếu kiểm soát",
        },
        {
            "name": "Ký Giấy xác nhận tình trạng hôn nhân",
            "responsible": "leader",
            "signs": True,
            "gives_result": True,
            "amount": 2,
            "unit": "working_hours",
            "output": "Giấy xác nhận đã ký",
            "forms": "Phiếu kiểm soát",
        },
        {
            "name": "Trả kết quả, thu phí, lệ phí (nếu có)",
            "responsible": "desk",
            "amount": 2,
            "unit": "working_hours",
            "output": "Giấy xác nhận trả cho người yêu cầu",
            "forms": "Mẫu 07",
        },
    ],
    "1.001022": [
        {
            "name": "Tiếp nhận, kiểm tra hồ sơ, chuyển xử lý",
            "responsible": "desk",
            "amount": 4,
            "unit": "working_hours",
            "output": (
                "Giấy tiếp nhận hồ sơ và hẹn trả kết quả; Phiếu kiểm soát quá trình giải quyết"
            ),
            "forms": "Mẫu 01, Mẫu 06",
        },
        {
            "name": ("Thẩm tra chứng cứ quan hệ cha, mẹ, con; niêm yết, ghi Sổ hộ tịch"),
            "responsible": "department",
            "amount": 2,
            "unit": "working_days",
            "output": "Dự thảo Trích lục đăng ký nhận cha, mẹ, con",
            "forms": "Phiếu kiểm soát",
        },
        {
            "name": "Ký Trích lục",
            "responsible": "leader",
            "signs": True,
            "gives_result": True,
            "amount": 2,
            "unit": "working_hours",
            "output": "Trích lục đã ký",
            "forms": "Phiếu kiểm soát",
        },
        {
            "name": "Trả kết quả, thu phí, lệ phí (nếu có)",
            "responsible": "desk",
            "amount": 2,
            "unit": "working_hours",
            "output": "Trích lục trả cho các bên",
            "forms": "Mẫu 07",
        },
    ],
    "2.000815": [
        {
            "name": "Tiếp nhận, kiểm tra hồ sơ, chuyển xử lý",
            "responsible": "desk",
            "amount": 1,
            "unit": "working_hours",
            "output": (
                "Giấy tiếp nhận hồ sơ và hẹn trả kết quả; Phiếu kiểm soát quá trình giải quyết"
            ),
            "forms": "Mẫu 01",
        },
        {
            "name": ("Đối chiếu bản chính với bản sao, ghi lời chứng, vào sổ chứng thực"),
            "responsible": "department",
            "amount": 2,
            "unit": "working_hours",
            "output": "Bản sao có lời chứng",
            "forms": "Phiếu kiểm soát",
        },
        {
            "name": "Ký chứng thực, đóng dấu",
            "responsible": "leader",
            "signs": True,
            "gives_result": True,
            "amount": 1,
            "unit": "working_hours",
            "output": "Bản sao được chứng thực",
            "forms": "Phiếu kiểm soát",
        },
        {
            "name": "Trả kết quả, thu phí, lệ phí (nếu có)",
            "responsible": "desk",
            "amount": 1,
            "unit": "working_hours",
            "output": "Bản sao chứng thực và biên lai thu phí",
            "forms": "Mẫu 07",
        },
    ],
    "2.000884": [
        {
            "name": "Tiếp nhận, kiểm tra hồ sơ, chuyển xử lý",
            "responsible": "desk",
            "amount": 1,
            "unit": "working_hours",
            "output": (
                "Giấy tiếp nhận hồ sơ và hẹn trả kết quả; Phiếu kiểm soát quá trình giải quyết"
            ),
            "forms": "Mẫu 01",
        },
        {
            "name": (
                "Kiểm tra giấy tờ, người yêu cầu ký trước mặt người thực hiện chứng "
                "thực, ghi lời chứng"
            ),
            "responsible": "department",
            "amount": 2,
            "unit": "working_hours",
            "output": "Giấy tờ có lời chứng",
            "forms": "Phiếu kiểm soát",
        },
        {
            "name": "Ký chứng thực, đóng dấu",
            "responsible": "leader",
            "signs": True,
            "gives_result": True,
            "amount": 1,
            "unit": "working_hours",
            "output": "Giấy tờ được chứng thực chữ ký",
            "forms": "Phiếu kiểm soát",
        },
        {
            "name": "Trả kết quả, thu phí, lệ phí (nếu có)",
            "responsible": "desk",
            "amount": 1,
            "unit": "working_hours",
            "output": "Giấy tờ đã chứng thực và biên lai thu phí",
            "forms": "Mẫu 07",
        },
    ],
    # DELIBERATELY OVER TIME (demo of the system's warning): the steps add up to
    # 18 working hours against the statutory 02 working days (16 hours).
    "2.001035": [
        {
            "name": "Tiếp nhận, kiểm tra hồ sơ, chuyển xử lý",
            "responsible": "desk",
            "amount": 2,
            "unit": "working_hours",
            "output": (
                "Giấy tiếp nhận hồ sơ và hẹn trả kết quả; Phiếu kiểm soát quá trình giải quyết"
            ),
            "forms": "Mẫu 01, Mẫu 06",
        },
        {
            "name": ("Kiểm tra hồ sơ, năng lực hành vi dân sự của các bên, soạn lời chứng"),
            "responsible": "department",
            "amount": "1.5",
            "unit": "working_days",
            "output": "Hợp đồng, giao dịch có lời chứng",
            "forms": "Phiếu kiểm soát",
        },
        {
            "name": "Ký chứng thực hợp đồng, giao dịch",
            "responsible": "leader",
            "signs": True,
            "gives_result": True,
            "amount": 2,
            "unit": "working_hours",
            "output": "Hợp đồng được chứng thực",
            "forms": "Phiếu kiểm soát",
        },
        {
            "name": "Trả kết quả, thu phí, lệ phí (nếu có)",
            "responsible": "desk",
            "amount": 2,
            "unit": "working_hours",
            "output": "Hợp đồng chứng thực và biên lai thu phí",
            "forms": "Mẫu 07",
        },
    ],
    "1.010041": [
        {
            "name": "Tiếp nhận, kiểm tra hồ sơ, chuyển xử lý",
            "responsible": "desk",
            "amount": 1,
            "unit": "working_hours",
            "output": (
                "Giấy tiếp nhận hồ sơ và hẹn trả kết quả; Phiếu kiểm soát quá trình giải quyết"
            ),
            "forms": "Mẫu 01",
        },
        {
            "name": ("Tra cứu Cơ sở dữ liệu về cư trú, lập Giấy xác nhận thông tin về cư trú"),
            "responsible": "department",
            "amount": 2,
            "unit": "working_hours",
            "output": "Dự thảo Giấy xác nhận",
            "forms": "Phiếu kiểm soát",
        },
        {
            "name": "Ký Giấy xác nhận thông tin về cư trú",
            "responsible": "leader",
            "signs": True,
            "gives_result": True,
            "amount": 1,
            "unit": "working_hours",
            "output": "Giấy xác nhận đã ký",
            "forms": "Phiếu kiểm soát",
        },
    ],
    "1.001612": [
        {
            "name": "Tiếp nhận, kiểm tra hồ sơ, chuyển xử lý",
            "responsible": "desk",
            "amount": 4,
            "unit": "working_hours",
            "output": (
                "Giấy tiếp nhận hồ sơ và hẹn trả kết quả; Phiếu kiểm soát quá trình giải quyết"
            ),
            "forms": "Mẫu 01, Mẫu 06",
        },
        {
            "name": (
                "Thẩm định hồ sơ, kiểm tra tên hộ kinh doanh trên Hệ thống thông tin "
                "quốc gia về đăng ký hộ kinh doanh"
            ),
            "responsible": "department",
            "amount": 2,
            "unit": "working_days",
            "output": "Dự thảo Giấy chứng nhận đăng ký hộ kinh doanh",
            "forms": "Phiếu kiểm soát",
        },
        {
            "name": "Ký Giấy chứng nhận đăng ký hộ kinh doanh",
            "responsible": "leader",
            "signs": True,
            "gives_result": True,
            "amount": 2,
            "unit": "working_hours",
            "output": "Giấy chứng nhận đã ký",
            "forms": "Phiếu kiểm soát",
        },
        {
            "name": "Trả kết quả, thu phí, lệ phí (nếu có)",
            "responsible": "desk",
            "amount": 2,
            "unit": "working_hours",
            "output": "Giấy chứng nhận trả cho người yêu cầu",
            "forms": "Mẫu 07",
        },
    ],
    "1.009122": [
        {
            "name": "Tiếp nhận, kiểm tra hồ sơ, chuyển xử lý",
            "responsible": "desk",
            "amount": 4,
            "unit": "working_hours",
            "output": (
                "Giấy tiếp nhận hồ sơ và hẹn trả kết quả; Phiếu kiểm soát quá trình giải quyết"
            ),
            "forms": "Mẫu 01, Mẫu 06",
        },
        {
            "name": ("Thẩm định hồ sơ, kiểm tra thực địa, lấy ý kiến cơ quan liên quan (nếu có)"),
            "responsible": "department",
            "amount": 8,
            "unit": "working_days",
            "output": "Tờ trình và dự thảo Giấy phép xây dựng",
            "forms": "Phiếu kiểm soát",
        },
        {
            "name": "Ký Giấy phép xây dựng",
            "responsible": "leader",
            "signs": True,
            "gives_result": True,
            "amount": 1,
            "unit": "working_days",
            "output": "Giấy phép xây dựng đã ký",
            "forms": "Phiếu kiểm soát",
        },
        {
            "name": "Trả kết quả, thu phí, lệ phí (nếu có)",
            "responsible": "desk",
            "amount": 4,
            "unit": "working_hours",
            "output": "Giấy phép xây dựng và bản vẽ đóng dấu",
            "forms": "Mẫu 07",
        },
    ],
    "2.001610": [
        {
            "name": "Tiếp nhận, kiểm tra hồ sơ, chuyển xử lý",
            "responsible": "desk",
            "amount": 4,
            "unit": "working_hours",
            "output": (
                "Giấy tiếp nhận hồ sơ và hẹn trả kết quả; Phiếu kiểm soát quá trình giải quyết"
            ),
            "forms": "Mẫu 01, Mẫu 06",
        },
        {
            "name": (
                "Xem xét tính hợp lệ của hồ sơ, nhập dữ liệu vào Hệ thống thông tin "
                "quốc gia về đăng ký doanh nghiệp"
            ),
            "responsible": "department",
            "amount": 2,
            "unit": "working_days",
            "output": "Giấy chứng nhận đăng ký doanh nghiệp dự thảo",
            "forms": "Phiếu kiểm soát",
        },
        {
            "name": "Phê duyệt, ký số Giấy chứng nhận đăng ký doanh nghiệp",
            "responsible": "leader",
            "signs": True,
            "gives_result": True,
            "amount": 2,
            "unit": "working_hours",
            "output": "Giấy chứng nhận đăng ký doanh nghiệp",
            "forms": "Phiếu kiểm soát",
        },
        {
            "name": "Trả kết quả, thu phí, lệ phí (nếu có)",
            "responsible": "desk",
            "amount": 2,
            "unit": "working_hours",
            "output": "Giấy chứng nhận trả cho doanh nghiệp",
            "forms": "Mẫu 07",
        },
    ],
    "3.000333": [
        {
            "name": "Tiếp nhận, kiểm tra hồ sơ, chuyển xử lý",
            "responsible": "desk",
            "amount": 4,
            "unit": "working_hours",
            "output": (
                "Giấy tiếp nhận hồ sơ và hẹn trả kết quả; Phiếu kiểm soát quá trình giải quyết"
            ),
            "forms": "Mẫu 01",
        },
        {
            "name": ("Tra cứu Cơ sở dữ liệu lý lịch tư pháp, xác minh thông tin án tích"),
            "responsible": "department",
            "amount": 5,
            "unit": "working_days",
            "output": "Dự thảo Phiếu lý lịch tư pháp",
            "forms": "Phiếu kiểm soát",
        },
        {
            "name": "Ký Phiếu lý lịch tư pháp",
            "responsible": "leader",
            "signs": True,
            "gives_result": True,
            "amount": 1,
            "unit": "working_days",
            "output": "Phiếu lý lịch tư pháp đã ký",
            "forms": "Phiếu kiểm soát",
        },
        {
            "name": "Trả kết quả, thu phí, lệ phí (nếu có)",
            "responsible": "desk",
            "amount": 4,
            "unit": "working_hours",
            "output": "Phiếu lý lịch tư pháp và biên lai thu phí",
            "forms": "Mẫu 07",
        },
    ],
    "1.013227": [
        {
            "name": "Tiếp nhận, kiểm tra hồ sơ, chuyển xử lý",
            "responsible": "desk",
            "amount": 4,
            "unit": "working_hours",
            "output": (
                "Giấy tiếp nhận hồ sơ và hẹn trả kết quả; Phiếu kiểm soát quá trình giải quyết"
            ),
            "forms": "Mẫu 01, Mẫu 06",
        },
        {
            "name": "Kiểm tra hồ sơ, ghi gia hạn vào giấy phép xây dựng",
            "responsible": "department",
            "amount": 3,
            "unit": "working_days",
            "output": "Giấy phép xây dựng ghi gia hạn chờ ký",
            "forms": "Phiếu kiểm soát",
        },
        {
            "name": "Ký gia hạn giấy phép xây dựng",
            "responsible": "leader",
            "signs": True,
            "gives_result": True,
            "amount": 4,
            "unit": "working_hours",
            "output": "Giấy phép được gia hạn",
            "forms": "Phiếu kiểm soát",
        },
        {
            "name": "Trả kết quả, thu phí, lệ phí (nếu có)",
            "responsible": "desk",
            "amount": 4,
            "unit": "working_hours",
            "output": "Giấy phép xây dựng trả cho chủ đầu tư",
            "forms": "Mẫu 07",
        },
    ],
}
