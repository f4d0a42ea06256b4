"""Who may do what with the province's QMS kits.

*Keeping* a model set (creating it, its items, drafting editions) takes `kits.keep_models`
and reach over the set: a province-wide role (DOST's coordinator) keeps every set of its
province; an official of a provincial department keeps only the sets its own agency keeps —
that is the department's field: the sets it created for the procedures and documents it
answers for, never another department's nor DOST's. *Approving* an edition is for a leader
of the keeping agency (`organisations.permissions.is_leader_of`, the same rule as an
agency's own controlled documents). *Adopting* and *adapting* take `kits.adopt_models` and
are for the agency's own officials (its ISO secretary and document controller): an agency
stays the owner of what it issues, so DOST never adopts on its behalf. Everyone with
`kits.view_modelset` reads the approved models of their province; drafts are read by who
keeps or approves them. `actor=None` is the system itself (the demo loader)."""

from typing import Any

from chuan.accounts.roles import Scope, user_scope
from chuan.kits.models import ModelSet
from chuan.organisations.choices import UnitLevel
from chuan.organisations.models import Agency
from chuan.organisations.permissions import is_leader_of
from chuan.organisations.scoping import active_membership, user_province_ids

VIEW = "kits.view_modelset"
KEEP = "kits.keep_models"
ADOPT = "kits.adopt_models"


def _own_agency_id(user: Any) -> int | None:
    membership = active_membership(user)
    return membership.agency_id if membership is not None else None


def _province_of(agency: Agency) -> int:
    return agency.unit.province_id or agency.unit_id


def may_read_kits(user: Any) -> bool:
    return user is None or bool(user.is_authenticated and user.has_perm(VIEW))


def sees_province(user: Any, province_id: int) -> bool:
    """Whether `user` reads the model sets of this province."""
    if user is None:
        return True
    if not may_read_kits(user):
        return False
    return user_scope(user) == Scope.ALL or province_id in user_province_ids(user)


def may_keep(user: Any, model_set: ModelSet) -> bool:
    """Whether `user` keeps this set: changes its items and drafts their editions."""
    if user is None:
        return True
    if not (user.is_authenticated and user.has_perm(KEEP)):
        return False
    scope = user_scope(user)
    if scope == Scope.ALL:
        return True
    if scope == Scope.PROVINCE:
        return model_set.province_id in user_province_ids(user)
    return _own_agency_id(user) == model_set.keeper_id


def may_create_set(user: Any, keeper: Agency) -> bool:
    """Whether `user` may open a set kept by `keeper`: DOST for any provincial agency of its
    province, a department's own officials for their department."""
    if keeper.level != UnitLevel.PROVINCE:
        return False
    if user is None:
        return True
    if not (user.is_authenticated and user.has_perm(KEEP)):
        return False
    scope = user_scope(user)
    if scope == Scope.ALL:
        return True
    if scope == Scope.PROVINCE:
        return _province_of(keeper) in user_province_ids(user)
    return _own_agency_id(user) == keeper.pk


def may_approve(user: Any, model_set: ModelSet) -> bool:
    """A leader of the keeping agency approves its model editions."""
    return is_leader_of(user, model_set.keeper_id)


def sees_drafts(user: Any, model_set: ModelSet) -> bool:
    """Drafts are read by who keeps the set and who approves it."""
    return may_keep(user, model_set) or (user is not None and may_approve(user, model_set))


def may_adopt(user: Any, agency: Agency | int) -> bool:
    """Whether `user` adopts, adapts and answers update requests for `agency`: its own
    officials holding the right (the system administrator anywhere)."""
    agency_id = agency if isinstance(agency, int) else agency.pk
    if user is None:
        return True
    if not (user.is_authenticated and user.has_perm(ADOPT)):
        return False
    return user_scope(user) == Scope.ALL or _own_agency_id(user) == agency_id
