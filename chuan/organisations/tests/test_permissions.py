"""The one rule of who leads an agency, used by the desk (signing steps) and by document
control (approval): both apps read it from here so they cannot drift apart."""

from django.contrib.auth.models import AnonymousUser

from chuan.accounts.roles import Role
from chuan.organisations.permissions import is_leader_of
from chuan.organisations.tests.factories import UserFactory, member


def test_a_leader_leads_only_the_agency_of_the_active_membership(world):
    assert is_leader_of(world.leader, world.chu_se_pc.pk)
    assert not is_leader_of(world.leader, world.dost.pk)


def test_other_roles_and_strangers_do_not_lead(world):
    assert not is_leader_of(world.secretary, world.chu_se_pc.pk)
    assert not is_leader_of(world.viewer, world.chu_se_pc.pk)
    assert not is_leader_of(UserFactory(roles=[Role.AGENCY_LEADER]), world.chu_se_pc.pk)
    assert not is_leader_of(AnonymousUser(), world.chu_se_pc.pk)


def test_an_ended_membership_or_a_deactivated_account_leads_nothing(world):
    leader = member(UserFactory(roles=[Role.AGENCY_LEADER]), world.chu_se_pc)
    leader.active_membership.is_active = False
    leader.active_membership.save()
    assert not is_leader_of(type(leader).objects.get(pk=leader.pk), world.chu_se_pc.pk)
    world.leader.is_active = False
    assert not is_leader_of(world.leader, world.chu_se_pc.pk)


def test_the_system_itself_passes(world):
    assert is_leader_of(None, world.chu_se_pc.pk)


def test_the_desk_and_document_control_ask_the_same_rule():
    from chuan.documents import permissions as documents
    from chuan.dossiers import permissions as dossiers

    assert documents.is_leader_of is is_leader_of
    assert dossiers.is_leader_of is is_leader_of
