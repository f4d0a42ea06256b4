"""The demo province: Gia Lai as the 2018 article saw it, and Gia Lai since 1 July 2025.

Two worlds sit side by side, as the registry keeps them:

* **Gia Lai in 2017** (the list before 1 July 2025): the Provincial People's Committee, the 36
  provincial department-level agencies (specialised agencies, boards and the administrative
  sub-departments of the departments, each of which builds its own QMS), the 17 district
  People's Committees and one People's Committee per commune, ward and township. The 36 and
  the 17 are the article's "53 of 53". They end with their units on 30 June 2025. The
  sub-departments' and departments' end dates are simplified to that day too, although several
  departments merged on 1 March 2025.
* **Gia Lai since 1 July 2025** (merged with Bình Định, two tiers): the departments after the
  2025 streamlining, the provincial public administrative service centre and one People's
  Committee per commune and ward (135).

Electronic agency codes follow the QCVN 102:2016/BTTTT pattern `000.00.NN.H21` (level-two
agencies in the third group, their own sub-units in the second) but are illustrative: they are
not the province's published list. Commune People's Committees of 2017 carry
`000.KK.NN.H21` (KK-th commune of district NN); those of 2025 `KKK.00.00.H21`.
"""

from dataclasses import dataclass

from chuan.accounts.roles import Role
from chuan.organisations.choices import AgencyKind, UnitKind

PROVINCE = "Gia Lai"
DEMO_PASSWORD = "chuan-demo-2026"  # noqa: S105 - the published password of the demo accounts


@dataclass(frozen=True)
class AgencySpec:
    """A provincial agency to create: its parent is named by its short name (same unit)."""

    name: str
    short_name: str
    code: str | None = None
    kind: str = AgencyKind.PROVINCIAL_DEPARTMENT
    parent: str | None = None


_DEPT = AgencyKind.PROVINCIAL_DEPARTMENT

# --- Gia Lai in 2017 (legacy list) ------------------------------------------------------------

LEGACY_PEOPLES_COMMITTEE = AgencySpec(
    "Ủy ban nhân dân tỉnh Gia Lai",
    "UBND tỉnh Gia Lai",
    kind=AgencyKind.PROVINCIAL_PEOPLES_COMMITTEE,
)

# The 36 department-level agencies. Specialised agencies and boards sit under the Provincial
# People's Committee (parent None); sub-departments under their department.
LEGACY_PROVINCIAL_AGENCIES: tuple[AgencySpec, ...] = (
    AgencySpec("Văn phòng Ủy ban nhân dân tỉnh", "VP UBND tỉnh", "000.00.01.H21"),
    AgencySpec("Sở Nội vụ", "Sở NV", "000.00.02.H21"),
    AgencySpec("Sở Tư pháp", "Sở TP", "000.00.03.H21"),
    AgencySpec("Sở Kế hoạch và Đầu tư", "Sở KH&ĐT", "000.00.04.H21"),
    AgencySpec("Sở Tài chính", "Sở TC", "000.00.05.H21"),
    AgencySpec("Sở Công Thương", "Sở CT", "000.00.06.H21"),
    AgencySpec("Sở Nông nghiệp và Phát triển nông thôn", "Sở NN&PTNT", "000.00.07.H21"),
    AgencySpec("Sở Giao thông vận tải", "Sở GTVT", "000.00.08.H21"),
    AgencySpec("Sở Xây dựng", "Sở XD", "000.00.09.H21"),
    AgencySpec("Sở Tài nguyên và Môi trường", "Sở TN&MT", "000.00.10.H21"),
    AgencySpec("Sở Thông tin và Truyền thông", "Sở TT&TT", "000.00.11.H21"),
    AgencySpec("Sở Lao động - Thương binh và Xã hội", "Sở LĐ-TB&XH", "000.00.12.H21"),
    AgencySpec("Sở Văn hóa, Thể thao và Du lịch", "Sở VH-TT&DL", "000.00.13.H21"),
    AgencySpec("Sở Khoa học và Công nghệ", "Sở KH&CN", "000.00.14.H21"),
    AgencySpec("Sở Giáo dục và Đào tạo", "Sở GD&ĐT", "000.00.15.H21"),
    AgencySpec("Sở Y tế", "Sở YT", "000.00.16.H21"),
    AgencySpec("Sở Ngoại vụ", "Sở NgV", "000.00.17.H21"),
    AgencySpec("Thanh tra tỉnh", "TTr tỉnh", "000.00.18.H21"),
    AgencySpec("Ban Dân tộc", "BDT", "000.00.19.H21"),
    AgencySpec("Ban Quản lý Khu kinh tế tỉnh", "BQL KKT", "000.00.20.H21"),
    AgencySpec("Ban Thi đua - Khen thưởng", "Ban TĐ-KT", "000.01.02.H21", parent="Sở NV"),
    AgencySpec("Ban Tôn giáo", "Ban TG", "000.02.02.H21", parent="Sở NV"),
    AgencySpec("Chi cục Văn thư - Lưu trữ", "CC VT-LT", "000.03.02.H21", parent="Sở NV"),
    AgencySpec("Chi cục Quản lý thị trường", "CC QLTT", "000.01.06.H21", parent="Sở CT"),
    AgencySpec("Chi cục Kiểm lâm", "CC KL", "000.01.07.H21", parent="Sở NN&PTNT"),
    AgencySpec("Chi cục Chăn nuôi và Thú y", "CC CN&TY", "000.02.07.H21", parent="Sở NN&PTNT"),
    AgencySpec(
        "Chi cục Trồng trọt và Bảo vệ thực vật",
        "CC TT&BVTV",
        "000.03.07.H21",
        parent="Sở NN&PTNT",
    ),
    AgencySpec("Chi cục Thủy lợi", "CC TL", "000.04.07.H21", parent="Sở NN&PTNT"),
    AgencySpec("Chi cục Phát triển nông thôn", "CC PTNT", "000.05.07.H21", parent="Sở NN&PTNT"),
    AgencySpec(
        "Chi cục Quản lý chất lượng Nông lâm sản và Thủy sản",
        "CC QLCL NLS&TS",
        "000.06.07.H21",
        parent="Sở NN&PTNT",
    ),
    AgencySpec("Chi cục Bảo vệ môi trường", "CC BVMT", "000.01.10.H21", parent="Sở TN&MT"),
    AgencySpec("Chi cục Quản lý đất đai", "CC QLĐĐ", "000.02.10.H21", parent="Sở TN&MT"),
    AgencySpec(
        "Chi cục Phòng, chống tệ nạn xã hội",
        "CC PCTNXH",
        "000.01.12.H21",
        parent="Sở LĐ-TB&XH",
    ),
    AgencySpec(
        "Chi cục Tiêu chuẩn Đo lường Chất lượng", "CC TĐC", "000.01.14.H21", parent="Sở KH&CN"
    ),
    AgencySpec(
        "Chi cục Dân số - Kế hoạch hóa gia đình", "CC DS-KHHGĐ", "000.01.16.H21", parent="Sở YT"
    ),
    AgencySpec("Chi cục An toàn vệ sinh thực phẩm", "CC ATVSTP", "000.02.16.H21", parent="Sở YT"),
)

# District People's Committees take 000.00.21.H21 onwards, in the order of the districts'
# official codes; their communes 000.KK.NN.H21.
LEGACY_DISTRICT_CODE_START = 21

# --- Gia Lai since 1 July 2025 ----------------------------------------------------------------

REFORM_PEOPLES_COMMITTEE = AgencySpec(
    "Ủy ban nhân dân tỉnh Gia Lai",
    "UBND tỉnh Gia Lai",
    kind=AgencyKind.PROVINCIAL_PEOPLES_COMMITTEE,
)

REFORM_PROVINCIAL_AGENCIES: tuple[AgencySpec, ...] = (
    AgencySpec("Văn phòng Ủy ban nhân dân tỉnh", "VP UBND tỉnh", "000.00.41.H21"),
    AgencySpec("Sở Nội vụ", "Sở NV", "000.00.42.H21"),
    AgencySpec("Sở Tư pháp", "Sở TP", "000.00.43.H21"),
    AgencySpec("Sở Tài chính", "Sở TC", "000.00.44.H21"),
    AgencySpec("Sở Công Thương", "Sở CT", "000.00.45.H21"),
    AgencySpec("Sở Nông nghiệp và Môi trường", "Sở NN&MT", "000.00.46.H21"),
    AgencySpec("Sở Xây dựng", "Sở XD", "000.00.47.H21"),
    AgencySpec("Sở Khoa học và Công nghệ", "Sở KH&CN", "000.00.48.H21"),
    AgencySpec("Sở Văn hóa, Thể thao và Du lịch", "Sở VH-TT&DL", "000.00.49.H21"),
    AgencySpec("Sở Giáo dục và Đào tạo", "Sở GD&ĐT", "000.00.50.H21"),
    AgencySpec("Sở Y tế", "Sở YT", "000.00.51.H21"),
    AgencySpec("Sở Dân tộc và Tôn giáo", "Sở DT&TG", "000.00.52.H21"),
    AgencySpec("Sở Ngoại vụ", "Sở NgV", "000.00.53.H21"),
    AgencySpec("Thanh tra tỉnh", "TTr tỉnh", "000.00.54.H21"),
    AgencySpec("Ban Quản lý Khu kinh tế tỉnh", "BQL KKT", "000.00.55.H21"),
    AgencySpec(
        "Trung tâm Phục vụ hành chính công tỉnh",
        "TT PVHCC tỉnh",
        "000.00.56.H21",
        kind=AgencyKind.PUBLIC_SERVICE_CENTRE,
    ),
)

# The ward whose People's Committee hosts the one-stop desk of the demo accounts.
DESK_WARD = "Pleiku"

# --- Departments ------------------------------------------------------------------------------

DOST_2017_DEPARTMENTS = (
    "Văn phòng",
    "Thanh tra",
    "Phòng Kế hoạch - Tài chính",
    "Phòng Quản lý khoa học",
    "Phòng Quản lý công nghệ và chuyên ngành",
)
TDC_2017_DEPARTMENTS = (
    "Phòng Hành chính - Tổng hợp",
    "Phòng Quản lý Tiêu chuẩn Chất lượng",
    "Phòng Quản lý Đo lường",
)
PLEIKU_CITY_2017_DEPARTMENTS = (
    "Văn phòng HĐND và UBND",
    "Bộ phận tiếp nhận và trả kết quả",
    "Phòng Nội vụ",
    "Phòng Tư pháp",
    "Phòng Tài chính - Kế hoạch",
    "Phòng Tài nguyên và Môi trường",
    "Phòng Quản lý đô thị",
    "Phòng Kinh tế",
    "Phòng Lao động - Thương binh và Xã hội",
    "Phòng Văn hóa và Thông tin",
    "Phòng Giáo dục và Đào tạo",
    "Phòng Y tế",
    "Thanh tra thành phố",
)
DOST_2025_DEPARTMENTS = (
    "Văn phòng",
    "Phòng Kế hoạch - Tài chính",
    "Phòng Quản lý khoa học",
    "Phòng Quản lý công nghệ và Đổi mới sáng tạo",
    "Phòng Chuyển đổi số",
    "Phòng Bưu chính, Viễn thông",
    "Chi cục Tiêu chuẩn Đo lường Chất lượng",
)
PROVINCIAL_CENTRE_2025_DEPARTMENTS = (
    "Phòng Hành chính - Tổng hợp",
    "Phòng Tiếp nhận và Trả kết quả",
    "Phòng Giám sát và Đánh giá",
)
WARD_DESK = "Trung tâm Phục vụ hành chính công (Bộ phận một cửa)"
WARD_OFFICE = "Văn phòng HĐND và UBND"
WARD_ECONOMY = "Phòng Kinh tế, Hạ tầng và Đô thị"
WARD_SOCIETY = "Phòng Văn hóa - Xã hội"
DESK_WARD_2025_DEPARTMENTS = (WARD_OFFICE, WARD_ECONOMY, WARD_SOCIETY, WARD_DESK)

DOST_TDC = "Chi cục Tiêu chuẩn Đo lường Chất lượng"
DOST_OFFICE = "Văn phòng"

# --- Demo accounts ----------------------------------------------------------------------------

# Where an account works: the 2025 Department of Science and Technology, or the 2025 ward.
AT_DOST = "dost"
AT_WARD = "ward"


@dataclass(frozen=True)
class DemoAccount:
    """One demo account: what the README lists and the loader creates."""

    username: str
    full_name: str
    role: str
    place: str  # AT_DOST or AT_WARD
    department: str
    position: str

    @property
    def agency(self) -> str:
        """The agency's name as a reader needs it, with its place."""
        return PLACE_NAMES[self.place]


PLACE_NAMES = {
    AT_DOST: "Sở Khoa học và Công nghệ tỉnh Gia Lai (từ 01/07/2025)",
    AT_WARD: "Ủy ban nhân dân phường Pleiku, tỉnh Gia Lai (từ 01/07/2025)",
}

DEMO_ACCOUNTS: tuple[DemoAccount, ...] = (
    DemoAccount(
        "admin",
        "Trần Quốc Bảo",
        Role.SYSTEM_ADMIN,
        AT_DOST,
        DOST_OFFICE,
        "Chuyên viên công nghệ thông tin, quản trị hệ thống",
    ),
    DemoAccount(
        "dost",
        "Nguyễn Thị Thu Hà",
        Role.DOST_COORDINATOR,
        AT_DOST,
        DOST_TDC,
        "Chuyên viên phụ trách ISO trong cơ quan hành chính",
    ),
    DemoAccount(
        "inspector",
        "Lê Văn Thành",
        Role.INSPECTOR,
        AT_DOST,
        DOST_TDC,
        "Phó Chi cục trưởng, thành viên Đoàn kiểm tra ISO",
    ),
    DemoAccount(
        "leader",
        "Phạm Minh Đức",
        Role.AGENCY_LEADER,
        AT_WARD,
        "",
        "Chủ tịch Ủy ban nhân dân phường",
    ),
    DemoAccount(
        "secretary",
        "Võ Thị Ngọc Anh",
        Role.ISO_SECRETARY,
        AT_WARD,
        WARD_OFFICE,
        "Chánh Văn phòng HĐND và UBND, thư ký ISO",
    ),
    DemoAccount(
        "doccontrol",
        "Đặng Thị Lan",
        Role.DOCUMENT_CONTROLLER,
        AT_WARD,
        WARD_OFFICE,
        "Chuyên viên văn thư - lưu trữ",
    ),
    DemoAccount(
        "desk",
        "Siu H'Mai",
        Role.DESK_OFFICER,
        AT_WARD,
        WARD_DESK,
        "Công chức tiếp nhận và trả kết quả",
    ),
    DemoAccount(
        "official",
        "Hoàng Văn Nam",
        Role.PROCESSING_OFFICIAL,
        AT_WARD,
        WARD_ECONOMY,
        "Chuyên viên địa chính - xây dựng",
    ),
    DemoAccount(
        "viewer",
        "Bùi Thị Thanh Hương",
        Role.VIEWER,
        AT_WARD,
        WARD_SOCIETY,
        "Chuyên viên Phòng Văn hóa - Xã hội",
    ),
)

# How a People's Committee's name carries its unit: "Ủy ban nhân dân" + the unit's name with its
# type in lower case, as running Vietnamese text writes it ("Ủy ban nhân dân thị xã An Khê").
PEOPLES_COMMITTEE = "Ủy ban nhân dân"
UNIT_TYPE_WORDS: dict[str, str] = {
    UnitKind.PROVINCE: "tỉnh",
    UnitKind.MUNICIPALITY: "thành phố",
    UnitKind.RURAL_DISTRICT: "huyện",
    UnitKind.URBAN_DISTRICT: "quận",
    UnitKind.DISTRICT_TOWN: "thị xã",
    UnitKind.PROVINCIAL_CITY: "thành phố",
    UnitKind.COMMUNE: "xã",
    UnitKind.WARD: "phường",
    UnitKind.TOWNSHIP: "thị trấn",
    UnitKind.SPECIAL_ZONE: "đặc khu",
}


def peoples_committee_name(unit_name: str, unit_short_name: str, unit_kind: str) -> str:
    """ "Thành phố Pleiku" → "Ủy ban nhân dân thành phố Pleiku"."""
    word = UNIT_TYPE_WORDS.get(unit_kind)
    if word and unit_name.casefold().startswith(word + " "):
        return f"{PEOPLES_COMMITTEE} {word}{unit_name[len(word) :]}"
    if word and unit_short_name:
        return f"{PEOPLES_COMMITTEE} {word} {unit_short_name}"
    return f"{PEOPLES_COMMITTEE} {unit_name}"


def peoples_committee_short_name(name: str) -> str:
    """ "Ủy ban nhân dân thành phố Pleiku" → "UBND thành phố Pleiku"."""
    return name.replace(PEOPLES_COMMITTEE, "UBND", 1)[:100]


def markdown_accounts_table() -> str:
    """The demo accounts as a Markdown table, for the README."""
    lines = [
        "| Tài khoản | Họ và tên | Vai trò | Cơ quan | Phòng, bộ phận | Chức vụ |",
        "|---|---|---|---|---|---|",
    ]
    lines.extend(
        f"| `{account.username}` | {account.full_name} | `{account.role}` | "
        f"{account.agency} | {account.department or '—'} | {account.position} |"
        for account in DEMO_ACCOUNTS
    )
    lines.append("")
    lines.append(f"Mật khẩu chung: `{DEMO_PASSWORD}`")
    return "\n".join(lines)
