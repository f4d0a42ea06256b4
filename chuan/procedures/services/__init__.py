"""Writes of the procedures app, split by concern: the catalogue (`catalogue`), agencies'
internal processes (`processes`) and the desk's form sets (`form_sets`). Each is one
transaction with an activity entry; a refused write changes nothing. Callers import from
here."""

from chuan.procedures.services.catalogue import (
    ComponentData,
    ProcedureData,
    procedure_create,
    procedure_data_errors,
    procedure_revise,
)
from chuan.procedures.services.form_sets import (
    FormData,
    form_set_replace,
)
from chuan.procedures.services.processes import (
    StepData,
    process_approve,
    process_draft_create,
    process_draft_update,
    process_revise,
)

__all__ = [
    "ComponentData",
    "FormData",
    "ProcedureData",
    "StepData",
    "form_set_replace",
    "procedure_create",
    "procedure_data_errors",
    "procedure_revise",
    "process_approve",
    "process_draft_create",
    "process_draft_update",
    "process_revise",
]
