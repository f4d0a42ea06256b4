from chuan.organisations.scoping import can_see_agency, visible_agencies


def _names(user):
    return set(visible_agencies(user).values_list("pk", flat=True))


def test_official_sees_only_their_own_agency(world):
    assert _names(world.leader) == {world.chu_se_pc.pk}
    assert can_see_agency(world.leader, world.chu_se_pc.pk)
    assert not can_see_agency(world.leader, world.dost.pk)


def test_coordinator_sees_the_province_including_its_2025_lineage(world):
    seen = _names(world.coordinator)
    # Legacy Gia Lai and legacy Bình Định both merged into the 2025 Gia Lai.
    assert {world.dost.pk, world.dost_2025.pk, world.chu_se_pc.pk, world.ward_pc.pk} <= seen
    assert world.binh_dinh_dept.pk in seen
    assert world.kon_tum_dept.pk not in seen


def test_system_administrator_sees_everything(world):
    assert _names(world.admin) == set(type(world.dost).objects.values_list("pk", flat=True))


def test_user_without_membership_or_deactivated_sees_nothing(world):
    from chuan.organisations.tests.factories import UserFactory

    assert _names(UserFactory()) == set()
    world.leader.is_active = False
    assert _names(world.leader) == set()
