"""Writes of the one-stop desk, split by concern: receipt (`receipt`), a dossier on its way
(`progress`), how it ends (`endings`), its digitised papers and result file (`files`), and
what they share (`common`). Every action locks the
dossier, checks the transition table, changes it in one transaction, records a dossier event
(what its slips print from), keeps the daily figures and leaves an activity entry naming the
actor. Callers import from here.

Times are counted by `chuan.core.working_time`.
"""

from chuan.dossiers.services.endings import (
    dossier_finish,
    dossier_rate,
    dossier_return,
    dossier_stop,
    dossier_withdraw,
)
from chuan.dossiers.services.files import (
    DOSSIER_FILE_KINDS,
    component_attach_file,
    result_attach_file,
)
from chuan.dossiers.services.progress import (
    dossier_accept,
    dossier_assign,
    dossier_extend,
    dossier_hand_over,
    dossier_pause,
    dossier_request_supplement,
    dossier_resume,
    dossier_supplement,
    extension_limit_of,
)
from chuan.dossiers.services.receipt import (
    Applicant,
    Counted,
    ReceiptData,
    dossier_not_receive,
    dossier_receive,
)

__all__ = [
    "DOSSIER_FILE_KINDS",
    "Applicant",
    "Counted",
    "ReceiptData",
    "component_attach_file",
    "dossier_accept",
    "dossier_assign",
    "dossier_extend",
    "dossier_finish",
    "dossier_hand_over",
    "dossier_not_receive",
    "dossier_pause",
    "dossier_rate",
    "dossier_receive",
    "dossier_request_supplement",
    "dossier_resume",
    "dossier_return",
    "dossier_stop",
    "dossier_supplement",
    "dossier_withdraw",
    "extension_limit_of",
    "result_attach_file",
]
